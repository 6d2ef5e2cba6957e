/**
 * PGlite (the embedded PostgreSQL, WebAssembly) in a worker thread of its own. In the server's thread it took
 * turns with everything else: while a statement ran, no request was read, validated or answered, so one core did
 * all the work and the other stood idle (docs/BENCHMARKS.md). Here the database runs on one core and the server's
 * JavaScript on the other; a long statement (a vacuum, a large fold) no longer stalls the HTTP server.
 *
 * `query()` is what kysely-pglite-dialect asks of a PGlite instance. Values cross between the threads by structured
 * clone (strings, numbers, Dates, arrays and objects as they are). A database error comes back as an Error with
 * PostgreSQL's fields (`code`, `constraint`…). If the thread stops, every query fails as "PGlite is closed", which
 * the server treats as the database being down.
 */
import { Worker } from 'node:worker_threads';

export interface ThreadStart {
  /** Where PGlite keeps its files; undefined = in memory. */
  dataDir: string | undefined;
  /** Statements run once, before the thread answers anything (session settings). */
  setup: string[];
  /** An in-memory database's first files (`DatabaseOptions.template`): copied instead of creating the database. */
  template?: Uint8Array<ArrayBuffer> | undefined;
}

export type ThreadRequest = { id: number; close?: false; sql: string; params: unknown[] } | { id: number; close: true };

export type ThreadReply =
  | { id: number; ok: true; rows: unknown[]; affectedRows?: number }
  | { id: number; ok: false; error: { message: string; fields?: Record<string, unknown> } };

interface Waiting {
  resolve: (reply: Extract<ThreadReply, { ok: true }>) => void;
  reject: (error: Error) => void;
}

const closedError = (why: string) => new Error(`PGlite is closed: ${why}`);

export class PGliteThread {
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private stopped: string | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ThreadReply) => this.settle(reply));
    worker.on('error', (error) => this.stop(`its thread failed (${error.message})`));
    worker.on('exit', (code) => this.stop(`its thread exited (code ${code})`));
    // Only queries in flight keep the process alive, as a socket would.
    worker.unref();
  }

  /** Starts PGlite in its thread; resolves once it has opened `dataDir` and run `setup`. */
  static async start(start: ThreadStart): Promise<PGliteThread> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: start });
    const thread = new PGliteThread(worker);
    try {
      await thread.request(0);
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return thread;
  }

  query<Row>(sql: string, params: readonly unknown[] = []): Promise<{ rows: Row[]; affectedRows?: number }> {
    const id = this.nextId++;
    const sent = this.request(id);
    if (!this.stopped) this.worker.postMessage({ id, sql, params: [...params] } satisfies ThreadRequest);
    return sent as Promise<{ rows: Row[]; affectedRows?: number }>;
  }

  /** Closes PGlite (its files flushed) and ends the thread. */
  async close(): Promise<void> {
    if (this.stopped) return;
    const id = this.nextId++;
    const closed = this.request(id);
    this.worker.postMessage({ id, close: true } satisfies ThreadRequest);
    await closed;
    await this.worker.terminate();
  }

  private request(id: number): Promise<Extract<ThreadReply, { ok: true }>> {
    if (this.stopped) return Promise.reject(closedError(this.stopped));
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject }));
  }

  private settle(reply: ThreadReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply);
    else waiting.reject(Object.assign(new Error(reply.error.message), reply.error.fields));
  }

  private stop(why: string): void {
    this.stopped ??= why;
    for (const waiting of this.waiting.values()) waiting.reject(closedError(why));
    this.waiting.clear();
  }
}
