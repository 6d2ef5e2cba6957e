/**
 * The simulator's HTTP side: a plain client of the public API, like any source system.
 * A 503 (database down) is retried after its Retry-After and a network error with a growing backoff:
 * event ids make a resent batch harmless. Any other refusal is logged and the batch dropped, never looped on;
 * a refused token stops the simulator, since every later request would be refused too.
 */
import { z } from 'zod';
import { errorBodySchema } from '../../shared/api.js';
import { ingestResultSchema, type IngestEventInput, type IngestResult } from '../../shared/events.js';
import { MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH } from '../../shared/limits.js';

/** The simulator cannot go on (token refused, catalog unreadable). */
export class SimulatorError extends Error {
  override name = 'SimulatorError';
}

/** Thrown out of a request when the simulator is being stopped. */
export class Stopped extends Error {
  override name = 'Stopped';
}

const MAX_BACKOFF_MS = 30_000;
/** Server errors other than 503 may be a bug in a batch: retried a few times, then the batch is dropped. */
const SERVER_ERROR_ATTEMPTS = 4;

/** Resolves after `ms`, or at once when the signal aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

async function reasonOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = errorBodySchema.safeParse(JSON.parse(text));
    if (body.success) return `${res.status} ${body.data.error.code}: ${body.data.error.message}`;
  } catch {
    // not JSON: show the text itself
  }
  return `${res.status} ${text.slice(0, 200)}`;
}

/**
 * The request body of the events from `start` on: at most `maxEvents` of them and within the
 * contract's byte limit, serialized as a JSON array.
 */
export function nextBatch(events: readonly IngestEventInput[], start: number, maxEvents = MAX_EVENTS_PER_BATCH): { body: string; count: number } {
  const parts: string[] = [];
  let bytes = 2;
  for (let i = start; i < events.length && parts.length < Math.min(maxEvents, MAX_EVENTS_PER_BATCH); i++) {
    const json = JSON.stringify(events[i]);
    const size = Buffer.byteLength(json) + 1;
    if (parts.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    parts.push(json);
    bytes += size;
  }
  return { body: `[${parts.join(',')}]`, count: parts.length };
}

export interface ApiClientOptions {
  url: string;
  token: string;
  signal: AbortSignal;
  log: (message: string) => void;
}

export class ApiClient {
  private readonly base: string;

  constructor(private readonly options: ApiClientOptions) {
    this.base = options.url.replace(/\/+$/, '') + '/api/v1';
  }

  /** A request, retried while the server is unreachable or answers 503; answers any other response. */
  private async request(path: string, init: RequestInit): Promise<Response> {
    const { signal, log } = this.options;
    let failures = 0;
    let serverErrors = 0;
    for (;;) {
      if (signal.aborted) throw new Stopped();
      let res: Response;
      try {
        res = await fetch(this.base + path, {
          ...init,
          signal,
          headers: { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json', ...init.headers },
        });
      } catch (error) {
        if (signal.aborted) throw new Stopped();
        const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** failures++);
        log(`${init.method ?? 'GET'} ${path}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}; retrying in ${wait / 1000} s`);
        await pause(wait, signal);
        continue;
      }
      const retryable = res.status === 503 || res.status === 429 || (res.status >= 500 && ++serverErrors < SERVER_ERROR_ATTEMPTS);
      if (!retryable) return res;
      const wait = retryAfterMs(res.headers.get('retry-after')) ?? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures++);
      log(`${init.method ?? 'GET'} ${path}: ${await reasonOf(res)}; retrying in ${Math.round(wait / 100) / 10} s`);
      await pause(wait, signal);
    }
  }

  async get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const res = await this.request(path, { method: 'GET' });
    if (!res.ok) throw new SimulatorError(`GET ${path} was refused: ${await reasonOf(res)}`);
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) throw new SimulatorError(`GET ${path} answered something unexpected: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  /** Posts one batch; null when the server refused it (the reason is logged). */
  async postBatch(body: string, count: number): Promise<IngestResult | null> {
    const res = await this.request('/events', { method: 'POST', body });
    if (res.status === 401 || res.status === 403) throw new SimulatorError(`the server refused the token: ${await reasonOf(res)}`);
    if (!res.ok) {
      this.options.log(`a batch of ${count} events was refused and dropped: ${await reasonOf(res)}`);
      return null;
    }
    return ingestResultSchema.parse(await res.json());
  }
}
