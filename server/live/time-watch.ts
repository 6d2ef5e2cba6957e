/**
 * Figures move with the clock alone: a pending dossier turns overdue at its dueAt, facts dated a little ahead
 * start counting when asOf reaches them. No event marks those instants, so each node keeps the next one
 * (one cheap query, redone only when something changed) and tells the hub when it has passed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { nextTimeChange } from './live.repository.js';

export class TimeWatch {
  /** The next instant, at or after `from`, at which a figure changes by the clock alone. */
  private next: Date | null = null;
  /** Since when time-driven changes may not be reflected in every view yet: the query looks from there. */
  private from: Date | null = null;
  private stale = true;
  private query: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Some view's figures were computed as of `at`: changes after it must reach that view. */
  computedAt(at: Date): void {
    if (this.from === null || at.getTime() < this.from.getTime()) this.from = at;
    this.stale = true;
  }

  /** Every view will recompute from `now` on (an ingest dirtied them all): nothing before needs watching. */
  allRecomputing(now: Date): void {
    this.from = now;
    this.stale = true;
  }

  /** No view left to keep up to date. */
  reset(): void {
    this.from = null;
    this.next = null;
  }

  /**
   * Called by the hub's tick: answers whether the next instant has passed (every view must recompute), and
   * starts a new look-up when one is due. Never waits for the database.
   */
  passed(now: Date): boolean {
    const passed = this.next !== null && now.getTime() > this.next.getTime();
    if (passed) {
      this.next = null;
      this.allRecomputing(now);
    }
    if (this.stale && this.query === null && this.from !== null) this.lookUp(this.from);
    return passed;
  }

  private lookUp(from: Date): void {
    this.stale = false;
    this.query = nextTimeChange(this.db, from)
      .then((next) => {
        this.next = next;
      })
      .catch((error: unknown) => {
        this.stale = true;
        this.onError(error);
      })
      .finally(() => {
        this.query = null;
      });
  }
}
