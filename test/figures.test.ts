/**
 * The figures of CONTRACT.md end to end: a hand-written history of several units is posted in a shuffled
 * order, split across batches, and every metric of every unit is checked against numbers worked out by hand
 * (in the comments), never by calling the production functions.
 *
 * The clock is pinned at Tuesday 2026-11-24 10:15 in Hà Nội. The main period P is Monday 2026-11-23
 * [00:00, 24:00) local; being past, it is evaluated at asOf = its end, Tuesday 00:00.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/app.js';

const NOW = new Date('2026-11-24T10:15:00+07:00');
const P = `from=${encodeURIComponent('2026-11-23T00:00:00+07:00')}&to=${encodeURIComponent('2026-11-24T00:00:00+07:00')}`;

type Ev = Record<string, unknown>;
const day = (d: number, hm: string) => `2026-11-${String(d).padStart(2, '0')}T${hm}:00+07:00`;

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;
function received(unitCode: string, dossierId: string, at: string, fields: { procedureCode: string; channel: string; dueAt?: string; payment?: string; digitized?: boolean }): Ev {
  return { id: nextId('rcv'), type: 'dossier.received', at, unitCode, dossierId, ...fields };
}
const resolved = (unitCode: string, dossierId: string, at: string, outcome = 'approved'): Ev => ({ id: nextId('res'), type: 'dossier.resolved', at, unitCode, dossierId, outcome });
const dueChanged = (unitCode: string, dossierId: string, at: string, dueAt: string): Ev => ({ id: nextId('due'), type: 'dossier.due_changed', at, unitCode, dossierId, dueAt });
const withdrawn = (unitCode: string, dossierId: string, at: string): Ev => ({ id: nextId('wd'), type: 'dossier.withdrawn', at, unitCode, dossierId });
const apology = (unitCode: string, dossierId: string, at: string): Ev => ({ id: nextId('apo'), type: 'dossier.apology_sent', at, unitCode, dossierId });
const feedback = (unitCode: string, feedbackId: string, at: string, channel: string): Ev => ({ id: nextId('fbr'), type: 'feedback.received', at, unitCode, feedbackId, channel });
const feedbackResolved = (unitCode: string, feedbackId: string, at: string): Ev => ({ id: nextId('fbx'), type: 'feedback.resolved', at, unitCode, feedbackId });
const rating = (unitCode: string, at: string, score: number, dossierId?: string): Ev => ({ id: nextId('rat'), type: 'rating.submitted', at, unitCode, score, ...(dossierId ? { dossierId } : {}) });

// ---- HN-HK: the busy district with every edge ----
const HK9_RESOLVED = resolved('HN-HK', 'HK9', day(23, '10:00'));
const HK9_RECEIVED = received('HN-HK', 'HK9', day(23, '10:30'), { procedureCode: 'TP-KS', channel: 'online', payment: 'online', digitized: true, dueAt: day(25, '17:00') });
const HK5_EXTENSION = dueChanged('HN-HK', 'HK5', day(21, '09:00'), day(23, '11:00'));
const HK = [
  // HK1: resolved exactly at its due time → on time, not early
  received('HN-HK', 'HK1', day(23, '08:00'), { procedureCode: 'TP-KS', channel: 'counter', payment: 'offline', digitized: true, dueAt: day(23, '17:00') }),
  resolved('HN-HK', 'HK1', day(23, '17:00')),
  // HK2: received before P; resolved 23:30 local (16:30Z) on the 23rd, due 08:00 on the 24th → early
  received('HN-HK', 'HK2', day(20, '09:00'), { procedureCode: 'TP-KS', channel: 'online', payment: 'online', digitized: true, dueAt: day(24, '08:00') }),
  resolved('HN-HK', 'HK2', '2026-11-23T16:30:00Z'),
  // HK3: resolved 00:30 local on its due day (17:30Z on the 23rd) → after P, so pending at asOf; on time (not early) today
  received('HN-HK', 'HK3', day(23, '09:00'), { procedureCode: 'TP-CT', channel: 'online', payment: 'none', digitized: false, dueAt: day(24, '08:00') }),
  resolved('HN-HK', 'HK3', '2026-11-23T17:30:00Z'),
  // HK4: due the 20th, extended on the 20th to the 25th, resolved the 23rd → early (late without the extension)
  received('HN-HK', 'HK4', day(18, '10:00'), { procedureCode: 'DD-CN', channel: 'counter', payment: 'offline', digitized: true, dueAt: day(20, '17:00') }),
  dueChanged('HN-HK', 'HK4', day(20, '16:00'), day(25, '17:00')),
  resolved('HN-HK', 'HK4', day(23, '15:00')),
  // HK5: due the 21st, resolved the 23rd 11:00; the extension to the 23rd 11:00 arrives after the resolution → on time
  received('HN-HK', 'HK5', day(19, '10:00'), { procedureCode: 'TP-CT', channel: 'counter', digitized: false, dueAt: day(21, '17:00') }),
  resolved('HN-HK', 'HK5', day(23, '11:00')),
  // HK6: late, with its apology letter in P
  received('HN-HK', 'HK6', day(16, '09:00'), { procedureCode: 'DD-CN', channel: 'counter', payment: 'offline', digitized: true, dueAt: day(20, '17:00') }),
  apology('HN-HK', 'HK6', day(23, '08:00')),
  resolved('HN-HK', 'HK6', day(23, '09:00')),
  // HK7: withdrawn in P → received, but not pending
  received('HN-HK', 'HK7', day(23, '11:00'), { procedureCode: 'TP-KS', channel: 'counter', payment: 'none', dueAt: day(23, '12:00') }),
  withdrawn('HN-HK', 'HK7', day(23, '14:00')),
  // HK8: withdrawn after asOf → still pending at asOf, and overdue (due 16:00 on the 23rd)
  received('HN-HK', 'HK8', day(23, '13:00'), { procedureCode: 'DD-CN', channel: 'online', dueAt: day(23, '16:00') }),
  withdrawn('HN-HK', 'HK8', day(24, '09:00')),
  // HK10: only its resolution ever arrives → counted nowhere
  resolved('HN-HK', 'HK10', day(23, '12:00')),
  // HK11: backfilled, no dueAt: TP-KT takes 1 working day → due Tuesday the 17th 17:00; never resolved → overdue
  received('HN-HK', 'HK11', day(16, '09:00'), { procedureCode: 'TP-KT', channel: 'counter' }),
  // feedback: FHK1 resolved in P; FHK2 resolved after asOf; FHK3 received before P
  feedback('HN-HK', 'FHK1', day(23, '09:00'), 'zalo'),
  feedbackResolved('HN-HK', 'FHK1', day(23, '15:00')),
  feedback('HN-HK', 'FHK2', day(23, '10:00'), 'hotline'),
  feedbackResolved('HN-HK', 'FHK2', day(24, '09:00')),
  feedback('HN-HK', 'FHK3', day(20, '10:00'), 'portal'),
  feedbackResolved('HN-HK', 'FHK3', day(23, '10:00')),
  rating('HN-HK', day(23, '09:10'), 5, 'HK1'),
  rating('HN-HK', day(23, '10:10'), 4),
  rating('HN-HK', day(23, '11:10'), 3),
  rating('HN-HK', day(23, '12:10'), 2),
  rating('HN-HK', day(24, '01:00'), 1),
];

// ---- HN-BD: small and perfect ----
const BD1_RECEIVED = received('HN-BD', 'BD1', day(23, '08:30'), { procedureCode: 'DN-HKD', channel: 'online', payment: 'online', digitized: true, dueAt: day(25, '17:00') });
const BD = [
  BD1_RECEIVED,
  resolved('HN-BD', 'BD1', day(23, '16:00')),
  received('HN-BD', 'BD2', day(23, '09:30'), { procedureCode: 'DN-HKD', channel: 'online', payment: 'none', digitized: true, dueAt: day(24, '17:00') }),
  feedback('HN-BD', 'FBD1', day(23, '08:00'), 'app'),
  feedbackResolved('HN-BD', 'FBD1', day(23, '20:00')),
  rating('HN-BD', day(23, '10:00'), 5),
  rating('HN-BD', day(23, '11:00'), 5),
];

// ---- HN-TH: one late dossier; HN-LB: ratings only; HN-STP (department) and HN-HK-HTR (commune) ----
const OTHERS = [
  received('HN-TH', 'TH1', day(23, '08:00'), { procedureCode: 'TP-CT', channel: 'counter', payment: 'none', digitized: false, dueAt: day(23, '10:00') }),
  resolved('HN-TH', 'TH1', day(23, '12:00'), 'rejected'),
  rating('HN-LB', day(23, '09:00'), 4),
  rating('HN-LB', day(23, '09:30'), 4),
  rating('HN-LB', day(23, '10:00'), 5),
  received('HN-STP', 'STP1', day(23, '09:00'), { procedureCode: 'TP-LLTP', channel: 'postal', payment: 'offline', digitized: true }),
  feedback('HN-HK-HTR', 'FHTR1', day(23, '10:00'), 'portal'),
  // backfill weeks in the past, outside every period checked but October
  received('HN-CG', 'CG1', '2026-10-01T09:00:00+07:00', { procedureCode: 'XD-GPXD', channel: 'online', dueAt: '2026-10-22T17:00:00+07:00', digitized: true }),
  resolved('HN-CG', 'CG1', '2026-10-05T09:00:00+07:00'),
];

/** A deterministic shuffle (seeded), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

let app: TestApp;
const postResults: { status: number; body: { accepted: number; duplicates: number; rejected: unknown[] } }[] = [];

beforeAll(async () => {
  app = await startTestApp({ now: () => NOW });
  const mixed = shuffled([...HK, ...BD.filter((e) => e !== BD1_RECEIVED), ...OTHERS], 20261124);
  const third = Math.ceil(mixed.length / 3);
  // HK9's resolution arrives first, its receipt last; HK5's extension after its resolution.
  const batches = [
    [HK9_RESOLVED, ...mixed.slice(0, third)],
    // BD1's receipt twice in one batch, and once more in the next
    [...mixed.slice(third, 2 * third), BD1_RECEIVED, BD1_RECEIVED],
    [...mixed.slice(2 * third), HK9_RECEIVED, HK5_EXTENSION, BD1_RECEIVED],
  ];
  for (const batch of batches) postResults.push(await app.post(batch));
}, 120_000);
afterAll(() => app?.close());

const zeroUnit = {
  received: 0, resolved: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, onTimeRate: null, pending: 0, overdue: 0,
  onlineShare: null, onlinePaymentShare: null, digitizedShare: null, progressRate: null, apologies: 0,
  feedbackReceived: 0, feedbackResolved: 0, feedbackResolvedRate: null, ratings: 0, satisfaction: null, score: null, grade: null,
};

const DISTRICTS = [
  'HN-BD', 'HN-BTL', 'HN-BV', 'HN-CG', 'HN-CM', 'HN-DA', 'HN-DD', 'HN-DP', 'HN-GL', 'HN-HBT', 'HN-HD', 'HN-HDU', 'HN-HK', 'HN-HM', 'HN-LB',
  'HN-MD', 'HN-ML', 'HN-NTL', 'HN-PT', 'HN-PX', 'HN-QO', 'HN-SS', 'HN-ST', 'HN-TH', 'HN-TO', 'HN-TT', 'HN-TTI', 'HN-TTR', 'HN-TX', 'HN-UH',
];

/** Compares rates (floats) closely and everything else exactly. */
function expectFigures(actual: Record<string, unknown>, expected: Record<string, unknown>, label: string) {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'number' && !Number.isInteger(value)) expect(actual[key], `${label}.${key}`).toBeCloseTo(value, 9);
    else expect(actual[key], `${label}.${key}`).toEqual(value);
  }
}

describe('posting the history', () => {
  it('accepted every event once and counted repeats inside and across batches as duplicates', () => {
    const all = HK.length + BD.length + OTHERS.length + 3;
    expect(postResults.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(postResults.flatMap((r) => r.body.rejected)).toEqual([]);
    expect(postResults.reduce((n, r) => n + r.body.accepted, 0)).toBe(all);
    expect(postResults.map((r) => r.body.duplicates)).toEqual([0, 1, 1]);
  });
});

describe('GET /api/v1/snapshot for Monday 23 (a past period)', () => {
  let snapshot: any;
  beforeAll(async () => {
    snapshot = await app.get(`/api/v1/snapshot?${P}`);
  });

  it('is evaluated at the end of the period', () => {
    expect(snapshot.asOf).toBe('2026-11-24T00:00:00+07:00');
    expect(snapshot.from).toBe('2026-11-23T00:00:00+07:00');
    expect(snapshot.to).toBe('2026-11-24T00:00:00+07:00');
    expect(snapshot.kind).toBe('district');
  });

  it('has the right figures for HN-HK', () => {
    const hk = snapshot.units.find((u: { code: string }) => u.code === 'HN-HK');
    expectFigures(hk, {
      code: 'HN-HK', kind: 'district', parentCode: null,
      // HK1, HK3, HK7, HK8, HK9 received on the 23rd (HK10 never was)
      received: 5,
      // HK1 on time, HK2 early, HK4 early, HK5 on time, HK6 late, HK9 early; HK3 resolved after P
      resolved: 6, resolvedEarly: 3, resolvedOnTime: 5, resolvedLate: 1, onTimeRate: 5 / 6,
      // HK3 (resolved after asOf), HK8 (withdrawn after asOf), HK11; HK8 and HK11 past due
      pending: 3, overdue: 2,
      // online: HK3, HK8, HK9; payable: HK1 (offline), HK9 (online); digitized: HK1, HK9
      onlineShare: 3 / 5, onlinePaymentShare: 1 / 2, digitizedShare: 2 / 5,
      // (5 + 3 − 2) / (6 + 3)
      progressRate: 6 / 9,
      apologies: 1,
      feedbackReceived: 2, feedbackResolved: 1, feedbackResolvedRate: 0.5,
      ratings: 4, satisfaction: 0.5,
      // 20×2/3 + 12×1 + 10×1 + 22×0.5 + 6×0.5 + 12×(0.5/0.9) = 40/3 + 36 + 20/3 = 56, over 82 points
      score: 5600 / 82, grade: 'average', rank: 3,
    }, 'HN-HK');
  });

  it('has the right figures for the other units with data', () => {
    const byCode = new Map(snapshot.units.map((u: { code: string }) => [u.code, u]));
    expectFigures(byCode.get('HN-BD') as Record<string, unknown>, {
      received: 2, resolved: 1, resolvedEarly: 1, resolvedOnTime: 1, resolvedLate: 0, onTimeRate: 1, pending: 1, overdue: 0,
      onlineShare: 1, onlinePaymentShare: 1, digitizedShare: 1, progressRate: 1, apologies: 0,
      feedbackReceived: 1, feedbackResolved: 1, feedbackResolvedRate: 1, ratings: 2, satisfaction: 1,
      score: 100, grade: 'excellent', rank: 1,
    }, 'HN-BD');
    // Ratings only: the score is satisfaction alone (min(1, 1/0.9) = 1); ties HN-BD at 100 but has no onTimeRate.
    expectFigures(byCode.get('HN-LB') as Record<string, unknown>, {
      ...zeroUnit, ratings: 3, satisfaction: 1, score: 100, grade: 'excellent', rank: 2,
    }, 'HN-LB');
    // One late dossier: progress 0, online 0, digitization 0; payment (fee-free), feedback and satisfaction have no data.
    expectFigures(byCode.get('HN-TH') as Record<string, unknown>, {
      ...zeroUnit, received: 1, resolved: 1, resolvedLate: 1, onTimeRate: 0, onlineShare: 0, digitizedShare: 0, progressRate: 0,
      score: 0, grade: 'weak', rank: 4,
    }, 'HN-TH');
  });

  it('lists every district, those without data last by code with null scores', () => {
    const codes = snapshot.units.map((u: { code: string }) => u.code);
    expect([...codes].sort()).toEqual(DISTRICTS);
    const rest = DISTRICTS.filter((c) => !['HN-BD', 'HN-LB', 'HN-HK', 'HN-TH'].includes(c));
    expect(codes).toEqual(['HN-BD', 'HN-LB', 'HN-HK', 'HN-TH', ...rest]);
    expect(snapshot.units.map((u: { rank: number }) => u.rank)).toEqual(DISTRICTS.map((_, i) => i + 1));
    for (const unit of snapshot.units.slice(4)) expectFigures(unit, zeroUnit, unit.code);
  });

  it('totals every unit of the catalog, whatever the kind', () => {
    expectFigures(snapshot.total, {
      // HK 5 + BD 2 + TH 1 + STP 1
      received: 9,
      resolved: 8, resolvedEarly: 4, resolvedOnTime: 6, resolvedLate: 2, onTimeRate: 0.75,
      // HK 3 + BD 1 + STP 1; overdue HK 2
      pending: 5, overdue: 2,
      // online HK 3 + BD 2; payable HK 2 + BD 1 + STP 1 of which online HK 1 + BD 1; digitized HK 2 + BD 2 + STP 1
      onlineShare: 5 / 9, onlinePaymentShare: 0.5, digitizedShare: 5 / 9,
      // (6 + 5 − 2) / (8 + 5)
      progressRate: 9 / 13,
      apologies: 1,
      // HK 2 + BD 1 + HTR 1, resolved HK 1 + BD 1
      feedbackReceived: 4, feedbackResolved: 2, feedbackResolvedRate: 0.5,
      // HK 4 + BD 2 + LB 3, satisfied HK 2 + BD 2 + LB 3
      ratings: 9, satisfaction: 7 / 9,
    }, 'total');
    expect(Object.keys(snapshot.total).sort()).toEqual(Object.keys(zeroUnit).filter((k) => k !== 'score' && k !== 'grade').sort());
  });

  it('ranks departments and communes with the same total', async () => {
    const departments = await app.get(`/api/v1/snapshot?${P}&kind=department`);
    expect(departments.kind).toBe('department');
    expect(departments.total).toEqual(snapshot.total);
    expect(departments.units).toHaveLength(21);
    // STP1 pending and within its due date; postal, offline payment, digitized:
    // (20×1 + 12×0 + 10×0 + 22×1) / 64 = 42/64
    expectFigures(departments.units[0], {
      ...zeroUnit, code: 'HN-STP', rank: 1, received: 1, pending: 1, onlineShare: 0, onlinePaymentShare: 0, digitizedShare: 1, progressRate: 1,
      score: 65.625, grade: 'average',
    }, 'HN-STP');

    const communes = await app.get(`/api/v1/snapshot?${P}&kind=commune`);
    expect(communes.total).toEqual(snapshot.total);
    expectFigures(communes.units[0], { ...zeroUnit, code: 'HN-HK-HTR', parentCode: 'HN-HK', rank: 1, feedbackReceived: 1, feedbackResolvedRate: 0, score: 0, grade: 'weak' }, 'HN-HK-HTR');
    expect(communes.units.slice(1).every((u: { score: unknown }) => u.score === null)).toBe(true);
  });

  it('gives the same figures for bounds that are not whole hours (counted from the dossier state, not the hourly rollup)', async () => {
    // nothing happens between Sunday 23:59:30 and Monday 00:00, nor between Monday 23:59:59 and Tuesday 00:00
    const shifted = await app.get(`/api/v1/snapshot?from=${encodeURIComponent('2026-11-22T23:59:30+07:00')}&to=${encodeURIComponent('2026-11-23T23:59:59+07:00')}`);
    expect(shifted.asOf).toBe('2026-11-23T23:59:59+07:00');
    expect(shifted.total).toEqual(snapshot.total);
    expect(shifted.units).toEqual(snapshot.units);
  });

  it('includes an event at from and excludes one at to', async () => {
    // [08:00, 17:00): HK1 received at 08:00 is in, its resolution at 17:00 is out
    for (const to of ['2026-11-23T17:00:00+07:00', '2026-11-23T16:59:59.999+07:00']) {
      const s = await app.get(`/api/v1/snapshot?from=${encodeURIComponent('2026-11-23T08:00:00+07:00')}&to=${encodeURIComponent(to)}`);
      const hk = s.units.find((u: { code: string }) => u.code === 'HN-HK');
      // received HK1, HK3, HK7, HK8, HK9; resolved HK4, HK5, HK6, HK9
      expect({ to, received: hk.received, resolved: hk.resolved, resolvedEarly: hk.resolvedEarly, resolvedLate: hk.resolvedLate })
        .toEqual({ to, received: 5, resolved: 4, resolvedEarly: 2, resolvedLate: 1 });
    }
  });

  it('gives the same answer for the same period written in UTC', async () => {
    const utc = await app.get(`/api/v1/snapshot?from=2026-11-22T17:00:00Z&to=2026-11-23T17:00:00Z`);
    expect(utc).toEqual(snapshot);
  });
});

describe('named periods with the pinned clock', () => {
  it('today: HK3 resolved 00:30 on its due day is on time, not early; pending is evaluated at now', async () => {
    const today = await app.get('/api/v1/snapshot?period=today');
    expect(today.asOf).toBe('2026-11-24T10:15:00+07:00');
    expect(today.from).toBe('2026-11-24T00:00:00+07:00');
    expect(today.to).toBe('2026-11-25T00:00:00+07:00');
    const hk = today.units.find((u: { code: string }) => u.code === 'HN-HK');
    expectFigures(hk, {
      ...zeroUnit, code: 'HN-HK',
      resolved: 1, resolvedOnTime: 1, onTimeRate: 1,
      // HK8 was withdrawn at 09:00, before now; HK11 is still open and past due
      pending: 1, overdue: 1, progressRate: 0.5,
      // FHK2 was received yesterday: not in today's feedback, though resolved today
      ratings: 1, satisfaction: 0,
      // (20×0.5 + 12×0) / 32
      score: 31.25, grade: 'weak',
    }, 'HN-HK today');
    expectFigures(today.total, {
      received: 0, resolved: 1, resolvedEarly: 0, resolvedOnTime: 1, resolvedLate: 0, onTimeRate: 1,
      // HK11, BD2 (due 17:00 today), STP1
      pending: 3, overdue: 1, progressRate: 0.75,
      onlineShare: null, onlinePaymentShare: null, digitizedShare: null, apologies: 0,
      feedbackReceived: 0, feedbackResolved: 0, feedbackResolvedRate: null, ratings: 1, satisfaction: 0,
    }, 'total today');
  });

  it('7d, month, quarter and year cover the local calendar', async () => {
    const expected = {
      '7d': ['2026-11-18T00:00:00+07:00', '2026-11-25T00:00:00+07:00'],
      month: ['2026-11-01T00:00:00+07:00', '2026-12-01T00:00:00+07:00'],
      quarter: ['2026-10-01T00:00:00+07:00', '2027-01-01T00:00:00+07:00'],
      year: ['2026-01-01T00:00:00+07:00', '2027-01-01T00:00:00+07:00'],
    } as const;
    for (const [period, [from, to]] of Object.entries(expected)) {
      const s = await app.get(`/api/v1/snapshot?period=${period}`);
      expect({ period, from: s.from, to: s.to, asOf: s.asOf }).toEqual({ period, from, to, asOf: '2026-11-24T10:15:00+07:00' });
    }
    // November: HK received 9 (HK1..HK9 but HK10, plus HK11), resolved HK1..HK6, HK9 and HK3
    const month = await app.get('/api/v1/snapshot?period=month');
    expectFigures(month.units.find((u: { code: string }) => u.code === 'HN-HK'), {
      received: 10, resolved: 7, resolvedEarly: 3, resolvedOnTime: 6, resolvedLate: 1, pending: 1, overdue: 1, apologies: 1,
      feedbackReceived: 3, feedbackResolved: 3, ratings: 5,
    }, 'HN-HK month');
    // The backfilled October dossier is in the quarter, not the month.
    expect(month.units.find((u: { code: string }) => u.code === 'HN-CG').received).toBe(0);
    const quarter = await app.get('/api/v1/snapshot?period=quarter');
    expectFigures(quarter.units.find((u: { code: string }) => u.code === 'HN-CG'), {
      ...zeroUnit, received: 1, resolved: 1, resolvedEarly: 1, resolvedOnTime: 1, onTimeRate: 1, onlineShare: 1, digitizedShare: 1, progressRate: 1,
      score: 100, grade: 'excellent',
    }, 'HN-CG quarter');
  });

  it('backfill: an explicit October period shows the October dossier only', async () => {
    const october = await app.get(`/api/v1/snapshot?from=${encodeURIComponent('2026-10-01T00:00:00+07:00')}&to=${encodeURIComponent('2026-11-01T00:00:00+07:00')}`);
    expect(october.asOf).toBe('2026-11-01T00:00:00+07:00');
    expectFigures(october.total, { received: 1, resolved: 1, resolvedEarly: 1, pending: 0, ratings: 0 }, 'total October');
  });
});

describe('GET /api/v1/units/:code/snapshot', () => {
  it('for P: the unit, its procedures, its overdue dossiers and a daily series', async () => {
    const s = await app.get(`/api/v1/units/HN-HK/snapshot?${P}`);
    expect({ asOf: s.asOf, from: s.from, to: s.to, peers: s.peers }).toEqual({
      asOf: '2026-11-24T00:00:00+07:00', from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00', peers: 30,
    });
    expectFigures(s.unit, { code: 'HN-HK', received: 5, resolved: 6, pending: 3, overdue: 2, score: 5600 / 82, grade: 'average', rank: 3 }, 'unit');

    // DD-CN: HK8 received (online, pending, overdue); HK4 early, HK6 late
    // TP-KT: HK11 pending and overdue; TP-KS: HK1, HK7, HK9 received; HK1 on time, HK2 and HK9 early
    // TP-CT: HK3 received (online) and pending; HK5 on time
    expect(s.procedures.map((p: { procedureCode: string }) => p.procedureCode)).toEqual(['DD-CN', 'TP-KT', 'TP-KS', 'TP-CT']);
    const [ddcn, tpkt, tpks, tpct] = s.procedures;
    expectFigures(ddcn, { received: 1, resolved: 2, resolvedEarly: 1, resolvedOnTime: 1, resolvedLate: 1, onTimeRate: 0.5, pending: 1, overdue: 1, onlineShare: 1, onlinePaymentShare: null, digitizedShare: 0, progressRate: 1 / 3 }, 'DD-CN');
    expectFigures(tpkt, { received: 0, resolved: 0, pending: 1, overdue: 1, onTimeRate: null, progressRate: 0 }, 'TP-KT');
    expectFigures(tpks, { received: 3, resolved: 3, resolvedEarly: 2, resolvedOnTime: 3, resolvedLate: 0, pending: 0, overdue: 0, onlineShare: 1 / 3, onlinePaymentShare: 0.5, digitizedShare: 2 / 3, progressRate: 1 }, 'TP-KS');
    expectFigures(tpct, { received: 1, resolved: 1, resolvedEarly: 0, resolvedOnTime: 1, pending: 1, overdue: 0, onlineShare: 1, onlinePaymentShare: null, digitizedShare: 0, progressRate: 1 }, 'TP-CT');
    expect(typeof tpks.name).toBe('string');

    expect(s.overdueDossiers.map((d: Record<string, unknown>) => ({ dossierId: d.dossierId, procedureCode: d.procedureCode, dueAt: d.dueAt, receivedAt: d.receivedAt, daysOverdue: d.daysOverdue }))).toEqual([
      // due Tuesday 17th 17:00 from TP-KT's 1 working day; asOf is Tuesday 24th 00:00 → 7 calendar days
      { dossierId: 'HK11', procedureCode: 'TP-KT', dueAt: '2026-11-17T17:00:00+07:00', receivedAt: '2026-11-16T09:00:00+07:00', daysOverdue: 7 },
      { dossierId: 'HK8', procedureCode: 'DD-CN', dueAt: '2026-11-23T16:00:00+07:00', receivedAt: '2026-11-23T13:00:00+07:00', daysOverdue: 1 },
    ]);

    expect(s.series.step).toBe('day');
    expect(s.series.points).toEqual([
      { t: '2026-11-23T00:00:00+07:00', received: 5, resolved: 6, resolvedOnTime: 5, resolvedLate: 1, onTimeRate: 5 / 6 },
    ]);
  });

  it('for 7d: one point per local day up to now; 00:30 local falls on the 24th', async () => {
    const s = await app.get('/api/v1/units/HN-HK/snapshot?period=7d');
    const point = (d: number, received: number, resolved = 0, onTime = 0, late = 0) => ({
      t: `2026-11-${d}T00:00:00+07:00`, received, resolved, resolvedOnTime: onTime, resolvedLate: late, onTimeRate: resolved === 0 ? null : onTime / resolved,
    });
    expect(s.series).toEqual({
      step: 'day',
      points: [point(18, 1), point(19, 1), point(20, 1), point(21, 0), point(22, 0), point(23, 5, 6, 5, 1), point(24, 0, 1, 1, 0)],
    });
  });

  it('for today: hourly points up to now, HK11 still overdue', async () => {
    const s = await app.get('/api/v1/units/HN-HK/snapshot?period=today');
    expect(s.series.step).toBe('hour');
    expect(s.series.points.map((p: { t: string }) => p.t)).toEqual(
      Array.from({ length: 11 }, (_, h) => `2026-11-24T${String(h).padStart(2, '0')}:00:00+07:00`),
    );
    expect(s.series.points[0]).toEqual({ t: '2026-11-24T00:00:00+07:00', received: 0, resolved: 1, resolvedOnTime: 1, resolvedLate: 0, onTimeRate: 1 });
    expect(s.series.points.slice(1).every((p: { received: number; resolved: number }) => p.received === 0 && p.resolved === 0)).toBe(true);
    expect(s.overdueDossiers).toEqual([expect.objectContaining({ dossierId: 'HK11', daysOverdue: 7 })]);
  });
});

describe('GET /api/v1/procedures/snapshot', () => {
  const codes = (s: { procedures: { procedureCode: string }[] }) => s.procedures.map((p) => p.procedureCode);

  it('for P: every unit’s dossiers by procedure, the most late and overdue first', async () => {
    const s = await app.get(`/api/v1/procedures/snapshot?${P}`);
    expect({ asOf: s.asOf, from: s.from, to: s.to }).toEqual({ asOf: '2026-11-24T00:00:00+07:00', from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00' });
    // late + overdue: DD-CN 2 (HK6 late, HK8 overdue); TP-CT 1 (TH1 late), TP-KT 1 (HK11 overdue), TP-CT first by
    // received; then by received: TP-KS 3, DN-HKD 2 (BD1, BD2), TP-LLTP 1 (STP1). XD-GPXD (October) is not in P.
    expect(codes(s)).toEqual(['DD-CN', 'TP-CT', 'TP-KT', 'TP-KS', 'DN-HKD', 'TP-LLTP']);
    const [ddcn, tpct, tpkt, tpks, dnhkd, tplltp] = s.procedures;
    expectFigures(ddcn, { name: 'Đăng ký biến động, chuyển nhượng quyền sử dụng đất', field: 'Đất đai', received: 1, resolved: 2, resolvedEarly: 1, resolvedOnTime: 1, resolvedLate: 1, pending: 1, overdue: 1, onlineShare: 1 }, 'DD-CN');
    // HK3 (online) and TH1 (counter) received; HK5 on time, TH1 late (rejected counts as resolved); HK3 pending, due the 24th 08:00
    expectFigures(tpct, { field: 'Chứng thực', received: 2, resolved: 2, resolvedEarly: 0, resolvedOnTime: 1, resolvedLate: 1, onTimeRate: 0.5, pending: 1, overdue: 0, onlineShare: 0.5, onlinePaymentShare: null }, 'TP-CT');
    expectFigures(tpkt, { received: 0, resolved: 0, pending: 1, overdue: 1, onTimeRate: null }, 'TP-KT');
    expectFigures(tpks, { received: 3, resolved: 3, resolvedEarly: 2, resolvedOnTime: 3, resolvedLate: 0, pending: 0, overdue: 0 }, 'TP-KS');
    // BD1 paid online and early; BD2 without a fee, pending until the 24th 17:00
    expectFigures(dnhkd, { received: 2, resolved: 1, resolvedEarly: 1, resolvedOnTime: 1, pending: 1, overdue: 0, onlineShare: 1, onlinePaymentShare: 1, digitizedShare: 1 }, 'DN-HKD');
    expectFigures(tplltp, { received: 1, resolved: 0, pending: 1, overdue: 0, onlineShare: 0, onlinePaymentShare: 0 }, 'TP-LLTP');
    // Not unit figures: no feedback or ratings by procedure.
    expectFigures(ddcn, { feedbackReceived: 0, ratings: 0, satisfaction: null }, 'DD-CN feedback');
  });

  it('gives the same figures when P does not start at a local midnight (counted from the dossier state, not the daily rollup)', async () => {
    const whole = await app.get(`/api/v1/procedures/snapshot?${P}`);
    const offset = await app.get(`/api/v1/procedures/snapshot?from=${encodeURIComponent('2026-11-22T23:30:00+07:00')}&to=${encodeURIComponent('2026-11-24T00:00:00+07:00')}`);
    expect(offset.from).toBe('2026-11-22T23:30:00+07:00');
    expect(offset.procedures).toEqual(whole.procedures);
  });

  it('over the quarter includes the October backfill, and over today what is open now', async () => {
    const quarter = await app.get('/api/v1/procedures/snapshot?period=quarter');
    expectFigures(quarter.procedures.find((p: { procedureCode: string }) => p.procedureCode === 'XD-GPXD'), { received: 1, resolved: 1, resolvedEarly: 1, pending: 0 }, 'XD-GPXD quarter');
    const today = await app.get('/api/v1/procedures/snapshot?period=today');
    expect(today.asOf).toBe('2026-11-24T10:15:00+07:00');
    // Open at 10:15 on the 24th: HK11 (TP-KT, overdue), BD2 (DN-HKD, due 17:00), STP1 (TP-LLTP); HK3 and HK8 were closed by then.
    expect(today.procedures.filter((p: { pending: number }) => p.pending > 0).map((p: { procedureCode: string; pending: number; overdue: number }) => [p.procedureCode, p.pending, p.overdue]))
      .toEqual([['TP-KT', 1, 1], ['DN-HKD', 1, 0], ['TP-LLTP', 1, 0]]);
  });
});

describe('GET /api/v1/procedures/{code}/snapshot', () => {
  it('for P: one procedure’s total and the units handling it, the most late and overdue first', async () => {
    const s = await app.get(`/api/v1/procedures/TP-CT/snapshot?${P}`);
    expect({ asOf: s.asOf, from: s.from, to: s.to }).toEqual({ asOf: '2026-11-24T00:00:00+07:00', from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00' });
    // TH1 (Tây Hồ) received at the counter and resolved late (rejected counts as resolved) → first; Hoàn Kiếm: HK3
    // received online and pending (due the 24th 08:00), HK5 (received the 19th) resolved on time.
    expect(s.units.map((u: { code: string; name: string; kind: string }) => [u.code, u.name, u.kind])).toEqual([
      ['HN-TH', 'Quận Tây Hồ', 'district'],
      ['HN-HK', 'Quận Hoàn Kiếm', 'district'],
    ]);
    const [th, hk] = s.units;
    expectFigures(th, { received: 1, resolved: 1, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 1, onTimeRate: 0, pending: 0, overdue: 0, onlineShare: 0 }, 'TP-CT HN-TH');
    expectFigures(hk, { received: 1, resolved: 1, resolvedEarly: 0, resolvedOnTime: 1, resolvedLate: 0, onTimeRate: 1, pending: 1, overdue: 0, onlineShare: 1, digitizedShare: 0 }, 'TP-CT HN-HK');
    expectFigures(s.procedure, { procedureCode: 'TP-CT', name: 'Chứng thực bản sao từ bản chính', field: 'Chứng thực', received: 2, resolved: 2, resolvedLate: 1, onTimeRate: 0.5, pending: 1, overdue: 0 }, 'TP-CT total');
    // Not unit figures: no feedback or ratings by procedure, though Hoàn Kiếm has both in P.
    expectFigures(hk, { feedbackReceived: 0, ratings: 0, satisfaction: null, apologies: 0 }, 'TP-CT HN-HK feedback');
  });

  it('adds up, procedure by procedure, to the city’s figures by procedure', async () => {
    for (const query of [P, 'period=quarter', 'period=today']) {
      const city = await app.get(`/api/v1/procedures/snapshot?${query}`);
      for (const row of city.procedures) {
        const one = await app.get(`/api/v1/procedures/${row.procedureCode}/snapshot?${query}`);
        expect(one.procedure, `${row.procedureCode} ${query}`).toEqual(row);
      }
    }
  });

  it('answers 404 for an unknown procedure and an empty list for one without dossiers', async () => {
    const unknown = await app.api(`/api/v1/procedures/NO-SUCH/snapshot?${P}`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/NO-SUCH/);
    const quiet = await app.get(`/api/v1/procedures/XD-GPXD/snapshot?${P}`);
    expect(quiet.units).toEqual([]);
    expectFigures(quiet.procedure, { procedureCode: 'XD-GPXD', received: 0, resolved: 0, pending: 0, onTimeRate: null }, 'XD-GPXD in P');
  });
});

describe('GET /api/v1/series', () => {
  const point = (d: number, received: number, resolved = 0, onTime = 0, late = 0) => ({
    t: `2026-11-${d}T00:00:00+07:00`, received, resolved, resolvedOnTime: onTime, resolvedLate: late, onTimeRate: resolved === 0 ? null : onTime / resolved,
  });

  it('city-wide over 7d: every unit of every kind', async () => {
    // 23rd: received HK 5 + BD 2 + TH 1 + STP 1; resolved HK 6 (5 on time) + BD 1 + TH 1 (late)
    expect(await app.get('/api/v1/series?period=7d')).toEqual({
      step: 'day',
      points: [point(18, 1), point(19, 1), point(20, 1), point(21, 0), point(22, 0), point(23, 9, 8, 6, 2), point(24, 0, 1, 1, 0)],
    });
  });

  it('one unit over 7d', async () => {
    expect((await app.get('/api/v1/series?period=7d&unitCode=HN-BD')).points).toEqual([
      point(18, 0), point(19, 0), point(20, 0), point(21, 0), point(22, 0), point(23, 2, 1, 1, 0), point(24, 0),
    ]);
  });

  it('404 for a unit the catalog does not have', async () => {
    const res = await app.api('/api/v1/series?period=7d&unitCode=HN-NOWHERE');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: "unit 'HN-NOWHERE' not found" } });
  });
});

describe('duplicates across batches', () => {
  it('re-posting the whole history changes nothing', async () => {
    const before = await app.get(`/api/v1/snapshot?${P}`);
    const again = await app.post([...HK, ...BD, ...OTHERS, HK9_RESOLVED, HK9_RECEIVED, HK5_EXTENSION]);
    expect(again).toEqual({ status: 200, body: { accepted: 0, duplicates: HK.length + BD.length + OTHERS.length + 3, rejected: [] } });
    expect(await app.get(`/api/v1/snapshot?${P}`)).toEqual(before);
  });
});
