/**
 * The folder's backpressure: while the fold cannot keep up (here: its database is gone), ingest is told there
 * is no room once this node's unfolded events pass the limit, instead of piling up more.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../server/db/connect.js';
import { Folder } from '../server/ingest/folder.js';
import type { NormalizedEvent } from '../server/ingest/validate.js';

const rating = (id: string): NormalizedEvent => ({ id, type: 'rating.submitted', at: '2026-11-24T10:00:00+07:00', unitCode: 'HN-HK', score: 5, atDate: new Date('2026-11-24T03:00:00Z') });

it('answers "no room" past its backlog limit while folding fails, and "room" below it', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-folder-'));
  const database = await openDatabase({ dataDir });
  await database.close();
  const warnings: string[] = [];
  const folder = new Folder({ db: database.db, timeZone: 'Asia/Ho_Chi_Minh', log: (_level, message) => warnings.push(message), onFolded: () => undefined, maxBacklog: 5 });
  try {
    expect(await folder.roomFor(3, 100)).toBe(true);
    folder.acknowledgedBatch([1, 2, 3, 4].map((n) => rating(`r${n}`)));
    expect(folder.backlog).toBe(4);
    expect(await folder.roomFor(1, 100)).toBe(true);
    expect(await folder.roomFor(2, 300)).toBe(false);
    expect(folder.backlog).toBe(4);
    expect(warnings.some((w) => w.startsWith('fold: pass failed'))).toBe(true);
  } finally {
    await folder.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
