/** Reads the city figures a load run should have produced, and what its batches say they should be. */
import type { GeneratedEvent } from './events.js';

export interface Totals {
  received: number;
  ratings: number;
}

/** Totals over the 31 days before `now` (the window every generated event falls in). */
export async function cityTotals(url: string, token: string, now: number): Promise<Totals> {
  const from = new Date(now - 31 * 86_400_000).toISOString();
  const to = new Date(now + 3_600_000).toISOString();
  const res = await fetch(`${url}/api/v1/snapshot?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`snapshot answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { total: Totals };
  return { received: body.total.received, ratings: body.total.ratings };
}

export function expectedTotals(batches: Iterable<GeneratedEvent[]>): Totals {
  const totals = { received: 0, ratings: 0 };
  for (const batch of batches) {
    for (const e of batch) {
      if (e.type === 'dossier.received') totals.received += 1;
      if (e.type === 'rating.submitted') totals.ratings += 1;
    }
  }
  return totals;
}
