/**
 * Several nodes: the Socket.IO Redis streams adapter over one `redis` client. Redis is a helper, not a
 * dependency of serving: while it is down every node keeps serving its own sockets (their rooms are computed
 * and emitted locally), and cross-node messages resume when it comes back.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { LogFunction } from '../observability/logger.js';

/** How long a start waits for Redis before going on without it (it connects later by itself). */
const CONNECT_WAIT_MS = 3000;
const ERROR_LOG_EVERY_MS = 30_000;

export interface RedisLink {
  adapter: ReturnType<typeof createAdapter>;
  /** Whether commands reach Redis now (else they would queue until it is back). */
  isReady(): boolean;
  close(): Promise<void>;
}

/** Connects (or starts connecting) and builds the adapter. `onReconnected` runs each time Redis comes back. */
export async function linkRedis(url: string, log: LogFunction, onReconnected: () => void): Promise<RedisLink> {
  const client = createClient({
    url,
    socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  let lastErrorLog = -Infinity;
  let down = false;
  // Without an 'error' listener a lost connection would crash the process.
  client.on('error', (error: unknown) => {
    down = true;
    if (performance.now() - lastErrorLog < ERROR_LOG_EVERY_MS) return;
    lastErrorLog = performance.now();
    log('warn', 'live: Redis unreachable; serving this node\'s sockets only until it is back', error);
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log('info', 'live: Redis is back; cross-node updates resume');
    onReconnected();
  });
  const connecting = client.connect().then(
    () => true,
    (error: unknown) => {
      log('error', 'live: could not connect to Redis', error);
      return false;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), CONNECT_WAIT_MS);
  });
  const connected = await Promise.race([connecting, waited]);
  clearTimeout(timer);
  if (!connected) log('warn', `live: Redis at ${redacted(url)} is not answering; starting without it, it will join when reachable`);

  return {
    adapter: createAdapter(client, { streamName: 'motcua-live', channelPrefix: 'motcua-live' }),
    isReady: () => client.isReady,
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}

function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
