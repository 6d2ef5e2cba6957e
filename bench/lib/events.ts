/**
 * Realistic event batches for load: dossiers received across the catalog's units, a share of them resolved in
 * later batches (on time or late), ratings and feedback. Ids are deterministic per (run, sequence) so a batch
 * can be rebuilt and resent byte for byte.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './server-process.js';

interface CatalogUnit { code: string; kind: string }
interface CatalogProcedure { code: string }

const units = (JSON.parse(readFileSync(path.join(ROOT, 'server/catalog/data/hanoi-units.json'), 'utf8')) as CatalogUnit[]).map((u) => u.code);
const procedures = (JSON.parse(readFileSync(path.join(ROOT, 'server/catalog/data/procedures.json'), 'utf8')) as CatalogProcedure[]).map((p) => p.code);
export const UNIT_CODES: readonly string[] = units;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHANNELS = ['online', 'counter', 'postal'] as const;

/** A tiny deterministic PRNG (mulberry32): the same run name always makes the same events. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedEvent {
  id: string;
  type: string;
  at: string;
  unitCode: string;
  [field: string]: unknown;
}

/**
 * When the events happen: `backfill` spreads them over the 30 days before `now` (a source system catching up, the
 * heaviest case for the rollups: nearly every event lands in an hour of its own); `live` is a city's stream as it
 * happens: dossiers received in the hour before `now`, resolved in its last half hour.
 */
export type LoadShape = 'backfill' | 'live';

/**
 * The events of batch number `n` of a run: about 70 % dossiers received, 20 % resolutions of dossiers received
 * in batch n-1, the rest ratings, apologies and feedback.
 */
export function makeBatch(run: string, n: number, size: number, now = Date.now(), shape: LoadShape = 'backfill'): GeneratedEvent[] {
  const rnd = random(hash(`${run}:${n}`));
  const prev = random(hash(`${run}:${n - 1}`));
  const events: GeneratedEvent[] = [];
  for (let i = 0; i < size; i += 1) {
    const pick = rnd();
    const unitCode = units[Math.floor(rnd() * units.length)] ?? 'HN-HK';
    const at = shape === 'live' ? new Date(now - HOUR + rnd() * HOUR / 2) : new Date(now - 30 * DAY + rnd() * 29 * DAY);
    const id = `${run}-${n}-${i}`;
    if (pick < 0.7 || n === 0) {
      events.push({
        id, type: 'dossier.received', at: at.toISOString(), unitCode, dossierId: `${run}-d-${n}-${i}`,
        procedureCode: procedures[Math.floor(rnd() * procedures.length)] ?? 'TP-KS',
        channel: CHANNELS[Math.floor(rnd() * 3)] ?? 'online',
        dueAt: new Date(at.getTime() + (1 + Math.floor(rnd() * 10)) * DAY).toISOString(),
        payment: rnd() < 0.5 ? 'online' : 'offline',
        digitized: rnd() < 0.7,
      });
    } else if (pick < 0.9) {
      // Resolve a dossier of the previous batch (it may not exist: events may come in any order).
      const j = Math.floor(prev() * size);
      events.push({ id, type: 'dossier.resolved', at: new Date(at.getTime() + (shape === 'live' ? HOUR / 2 : DAY)).toISOString(), unitCode, dossierId: `${run}-d-${n - 1}-${j}`, outcome: rnd() < 0.95 ? 'approved' : 'rejected' });
    } else if (pick < 0.96) {
      events.push({ id, type: 'rating.submitted', at: at.toISOString(), unitCode, score: 1 + Math.floor(rnd() * 5) });
    } else if (pick < 0.98) {
      events.push({ id, type: 'feedback.received', at: at.toISOString(), unitCode, feedbackId: `${run}-f-${n}-${i}`, channel: 'zalo' });
    } else {
      events.push({ id, type: 'dossier.apology_sent', at: at.toISOString(), unitCode, dossierId: `${run}-d-${n - 1}-${i}` });
    }
  }
  return events;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
