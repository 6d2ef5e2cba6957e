/** Limits both the server and its clients need to agree on (CONTRACT.md). */
export const MAX_EVENTS_PER_BATCH = 5000;
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
/** Events dated further ahead than this are rejected. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DEFAULT_LIVE_INTERVAL_MS = 250;
