/**
 * Graceful shutdown of the HTTP side: count the requests in flight, and on `drain()` refuse new ones (503, the
 * load balancer retries them elsewhere), let the in-flight ones finish (an ingest batch that started gets its
 * commit and its answer), and close connections as they become idle.
 */
import type { Server as HttpServer } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../http/errors.js';

export class Lifecycle {
  private active = 0;
  private draining = false;
  private idle: (() => void)[] = [];

  get inFlight(): number {
    return this.active;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  middleware(): RequestHandler {
    return (_req, res, next) => {
      if (this.draining) {
        res.setHeader('Connection', 'close');
        throw new AppError(503, 'shutting_down', 'this server is shutting down; retry (another node will answer)', undefined, { 'Retry-After': '1' });
      }
      this.active += 1;
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.active -= 1;
        if (this.active === 0) for (const wake of this.idle.splice(0)) wake();
      };
      res.once('finish', finish);
      res.once('close', finish);
      next();
    };
  }

  /**
   * Stops accepting connections, waits for the requests in flight (at most `graceMs`), then closes every
   * connection. Answers whether everything finished in time.
   */
  async drain(server: HttpServer, graceMs: number): Promise<boolean> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const finished = this.active === 0 || (await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      timer.unref();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    }));
    server.closeAllConnections();
    await closed;
    return finished;
  }
}
