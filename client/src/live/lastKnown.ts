/**
 * The last figures each view of a wall display showed. The display mounts one view at a time, so every rotation
 * starts a view's hooks from nothing; while the server is unreachable they get nothing, and the view would lose
 * its figures. It shows the remembered ones instead, until it has its own again.
 *
 * One entry per key (a view, or a part of one), so the memory is as large as the playlist, however long the wall runs.
 */
export class LastKnown<T> {
  private readonly entries = new Map<string, { scope: string; value: T }>();

  /**
   * `scope` ties a value to what it belongs with: a comparison period or a trend belongs with the period of the
   * figures beside it, and is not recalled beside another (at midnight, yesterday's trend beside today's figures).
   */
  remember(key: string, value: T, scope = ''): void {
    this.entries.set(key, { scope, value });
  }

  recall(key: string, scope = ''): T | null {
    const entry = this.entries.get(key);
    return entry && entry.scope === scope ? entry.value : null;
  }
}
