/** Rows per statement, well under PostgreSQL's 65,535 bind parameters. */
export const CHUNK = 1000;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/*
 * A transaction runs one statement at a time, and between two of them the database waits for the server's
 * JavaScript to build the next one: on PGlite, 15 % of a backfill's time (docs/BENCHMARKS.md).
 * The helpers below build the next statement, or do other work, while a started statement runs. Kysely sends a
 * statement a few promise steps after `execute()` is called, so they first let it go out (`sent`). Each waits for
 * every statement it started, even when something failed: a statement still queued on the connection after the
 * transaction rolled back would run outside it. A statement that fails while the work goes on is marked handled at
 * once (the failure is reported when the helper waits for it): unhandled for a moment, it would end the process.
 */

/** Resolves once statements started before the call have gone out to the database. */
const sent = () => new Promise<void>((resolve) => setImmediate(resolve));

const handled = <T>(statement: Promise<T>): Promise<T> => {
  statement.catch(() => undefined);
  return statement;
};

/** Does `work` while `statement` (started) runs; resolves with its result once both are done. */
export async function whileRunning<T>(statement: Promise<unknown>, work: () => T): Promise<T> {
  handled(statement);
  await sent();
  try {
    return work();
  } finally {
    await statement;
  }
}

/** One statement per chunk of `items`, each built (by `statement`) while the one before it runs. */
export async function eachChunk<T>(items: readonly T[], statement: (part: T[]) => Promise<unknown>): Promise<void> {
  const start = async (part: T[]) => statement(part); // a document that fails to build is a failed statement too
  const running: Promise<unknown>[] = [];
  for (const part of chunks(items)) {
    running.push(handled(start(part)));
    await sent();
  }
  const failed = (await Promise.allSettled(running)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
