/**
 * Deterministic, realistic-looking events for the browser tests and for trying the client by hand:
 * every unit gets dossiers over the last `days` days (some resolved on time, some late, some overdue),
 * feedback and ratings, with unit sizes and quality that differ so rankings mean something.
 */
import type { Unit } from '../../shared/catalog.js';

const PROCEDURES = ['TP-KS', 'TP-KH', 'DD-GCN', 'XD-GPXD', 'DN-DKDN', 'LD-GPLD', 'XH-BTXH', 'CA-CCCD', 'GT-GPLX', 'THUE-MST'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SeedEvent = Record<string, unknown> & { id: string; type: string; at: string; unitCode: string };

export function seedEvents(units: readonly Unit[], now: Date, options: { days?: number; perUnitPerDay?: number; prefix?: string } = {}): SeedEvent[] {
  const { days = 10, perUnitPerDay = 6, prefix = 'seed' } = options;
  const events: SeedEvent[] = [];
  const iso = (ms: number) => new Date(Math.min(ms, now.getTime() - 1000)).toISOString();
  units.forEach((unit, u) => {
    const random = prng(u + 1);
    const quality = 0.55 + random() * 0.45;
    const size = Math.max(1, Math.round(perUnitPerDay * (0.5 + random())));
    for (let d = days; d >= 0; d--) {
      for (let i = 0; i < size; i++) {
        const dossierId = `${prefix}-${unit.code}-${d}-${i}`;
        const at = now.getTime() - d * DAY - random() * 10 * HOUR;
        if (at >= now.getTime()) continue;
        const due = at + (1 + Math.floor(random() * 4)) * DAY;
        events.push({
          id: `${dossierId}-r`, type: 'dossier.received', at: iso(at), unitCode: unit.code, dossierId,
          procedureCode: PROCEDURES[Math.floor(random() * PROCEDURES.length)], channel: random() < quality * 0.7 ? 'online' : 'counter',
          dueAt: new Date(due).toISOString(), payment: random() < 0.5 ? 'none' : random() < quality ? 'online' : 'offline', digitized: random() < quality,
        });
        const roll = random();
        const resolveAt = roll < quality ? at + (due - at) * random() : due + random() * 2 * DAY;
        if (resolveAt < now.getTime() && roll < 0.92) {
          events.push({ id: `${dossierId}-x`, type: 'dossier.resolved', at: iso(resolveAt), unitCode: unit.code, dossierId, outcome: 'approved' });
          if (random() < 0.5) events.push({ id: `${dossierId}-s`, type: 'rating.submitted', at: iso(resolveAt + 60_000), unitCode: unit.code, score: random() < quality ? 5 : 3, dossierId });
        }
      }
      if (random() < 0.4) {
        const feedbackId = `${prefix}-${unit.code}-fb-${d}`;
        const at = now.getTime() - d * DAY - random() * 8 * HOUR;
        events.push({ id: `${feedbackId}-r`, type: 'feedback.received', at: iso(at), unitCode: unit.code, feedbackId, channel: 'zalo' });
        if (random() < quality + 0.2) events.push({ id: `${feedbackId}-x`, type: 'feedback.resolved', at: iso(at + 4 * HOUR), unitCode: unit.code, feedbackId });
      }
    }
  });
  return events.filter((e) => Date.parse(e.at) < now.getTime());
}

/** Posts events in batches of at most 5000 (CONTRACT.md). */
export async function postEvents(baseUrl: string, token: string, events: readonly SeedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) {
    const response = await fetch(`${baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(events.slice(i, i + 5000)),
    });
    if (!response.ok) throw new Error(`POST /api/v1/events: ${response.status} ${await response.text()}`);
  }
}
