/**
 * A load generator for POST /api/v1/events that keeps the books a fault test needs: which batches were
 * acknowledged (200), which were not (an error, a 503, a dropped connection), and how long each took.
 * Batches are rebuilt from their number, so an unacknowledged one can be resent unchanged.
 */
import { Agent, request } from 'node:http';
import { makeBatch, type LoadShape } from './events.js';

export interface BatchOutcome {
  n: number;
  status: number | 'error';
  ms: number;
  retryAfter: string | null;
  body?: { accepted: number; duplicates: number; rejected: unknown[] };
}

export interface LoadOptions {
  url: string;
  token: string;
  run: string;
  batchSize: number;
  concurrency: number;
  /** Batches per second to aim at (open loop); unset = as fast as the server answers. */
  ratePerSecond?: number;
  /** Resend a batch that was not acknowledged (after Retry-After, capped at retryDelayMs) instead of giving up. */
  retry?: boolean;
  retryDelayMs?: number;
  /** The clock the events are dated against (kept fixed for a whole run so a rebuilt batch is identical). */
  now?: number;
  /** When the events happen (default backfill: over the last 30 days). */
  shape?: LoadShape;
}

/** One POST over a keep-alive agent; resolves with the status, never rejects. */
export function postBatch(agent: Agent, url: string, token: string, body: string): Promise<Omit<BatchOutcome, 'n'>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(`${url}/api/v1/events`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let parsed: BatchOutcome['body'];
        try {
          parsed = res.statusCode === 200 ? (JSON.parse(text) as BatchOutcome['body']) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null, ...(parsed ? { body: parsed } : {}) });
      });
      res.on('error', () => resolve({ status: 'error', ms: performance.now() - started, retryAfter: null }));
    });
    req.on('error', () => resolve({ status: 'error', ms: performance.now() - started, retryAfter: null }));
    req.end(body);
  });
}

export class LoadGenerator {
  readonly acked = new Map<number, BatchOutcome>();
  readonly outcomes: BatchOutcome[] = [];
  /** Batches sent and not (yet) acknowledged. */
  readonly unacked = new Set<number>();
  private next = 0;
  private running = false;
  private workers: Promise<void>[] = [];
  private readonly agent: Agent;
  private readonly now: number;
  private started = 0;

  constructor(private options: LoadOptions) {
    this.agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
    this.now = options.now ?? Date.now();
  }

  /** The body of batch n (deterministic). */
  body(n: number): string {
    return JSON.stringify(makeBatch(this.options.run, n, this.options.batchSize, this.now, this.options.shape));
  }

  events(n: number) {
    return makeBatch(this.options.run, n, this.options.batchSize, this.now, this.options.shape);
  }

  get sent(): number {
    return this.next;
  }

  /** Points the generator at another server (a restarted one). */
  retarget(url: string): void {
    this.options = { ...this.options, url };
  }

  start(): void {
    this.running = true;
    this.started = performance.now();
    for (let w = 0; w < this.options.concurrency; w += 1) this.workers.push(this.work());
  }

  /** Stops taking new batches and waits for those in flight (each still retried if `retry`). */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
    this.workers = [];
  }

  close(): void {
    this.agent.destroy();
  }

  /** Sends batch n until acknowledged (or once, without `retry`). */
  async send(n: number, keepTrying = this.options.retry ?? false): Promise<BatchOutcome> {
    const body = this.body(n);
    for (;;) {
      this.unacked.add(n);
      const outcome: BatchOutcome = { n, ...(await postBatch(this.agent, this.options.url, this.options.token, body)) };
      this.outcomes.push(outcome);
      if (outcome.status === 200) {
        this.unacked.delete(n);
        this.acked.set(n, outcome);
        return outcome;
      }
      if (!keepTrying) return outcome;
      const hinted = Number(outcome.retryAfter ?? '1') * 1000;
      await new Promise((r) => setTimeout(r, Math.min(hinted, this.options.retryDelayMs ?? 200)));
    }
  }

  private async work(): Promise<void> {
    const rate = this.options.ratePerSecond;
    while (this.running) {
      const n = this.next;
      this.next += 1;
      if (rate) {
        const due = this.started + (n * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (!this.running) {
          this.next = Math.min(this.next, n);
          break;
        }
      }
      const outcome = await this.send(n);
      if (outcome.status !== 200 && !this.options.retry) await new Promise((r) => setTimeout(r, 50));
    }
  }
}
