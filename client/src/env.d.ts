/** Build id injected by client/vite.config.ts. */
declare const __CLIENT_VERSION__: string;
