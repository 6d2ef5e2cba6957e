/**
 * The embedded database's thread: owns the PGlite instance and answers the server's queries (pglite-thread.ts).
 * PGlite takes them one at a time, in the order they arrive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { ThreadReply, ThreadRequest, ThreadStart } from './pglite-thread.js';

/** What the server needs of a database error: its message and PostgreSQL's fields (code, detail, constraint…). */
function describeError(error: unknown): Extract<ThreadReply, { ok: false }>['error'] {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = {};
  for (const key of ['code', 'severity', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine']) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  return { message: error.message, fields };
}

const port = parentPort;
if (!port) throw new Error('pglite-worker runs as a worker thread (server/db/pglite-thread.ts)');
const { dataDir, setup, template } = workerData as ThreadStart;
const pglite = dataDir === undefined && template ? new PGlite({ loadDataDir: new Blob([template]) }) : new PGlite(dataDir);
const reply = (message: ThreadReply) => port.postMessage(message);

try {
  await pglite.waitReady;
  for (const statement of setup) await pglite.query(statement);
  reply({ id: 0, ok: true, rows: [] });
} catch (error) {
  reply({ id: 0, ok: false, error: describeError(error) });
}

port.on('message', (request: ThreadRequest) => {
  if (request.close) {
    void pglite.close().finally(() => reply({ id: request.id, ok: true, rows: [] }));
    return;
  }
  pglite.query(request.sql, request.params).then(
    (result) => reply({ id: request.id, ok: true, rows: result.rows, ...(result.affectedRows !== undefined ? { affectedRows: result.affectedRows } : {}) }),
    (error: unknown) => reply({ id: request.id, ok: false, error: describeError(error) }),
  );
});
