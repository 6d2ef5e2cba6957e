/**
 * The HTTP API's edges: auth (401/403), snapshot query validation, unknown units, the unit catalog
 * (PUT /api/v1/units and a two-tier catalog file, province departments and communes only), the holiday calendar
 * and the procedures' processing times.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../server/auth/tokens.js';
import { startTestApp, type TestApp } from './helpers/app.js';

const NOW = new Date('2026-11-24T10:15:00+07:00');
const DAY = `from=${encodeURIComponent('2026-11-23T00:00:00+07:00')}&to=${encodeURIComponent('2026-11-24T00:00:00+07:00')}`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: () => NOW });
});
afterAll(() => app?.close());

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

const oneDossier = (id: string, unitCode: string) => ({
  id, type: 'dossier.received', at: '2026-11-23T09:00:00+07:00', unitCode, dossierId: `D-${id}`, procedureCode: 'TP-KS', channel: 'online', dueAt: '2026-11-25T17:00:00+07:00',
});

describe('auth', () => {
  it('lets anyone read health and the OpenAPI document', async () => {
    expect((await app.api('/api/v1/health', { token: null })).status).toBe(200);
    const openapi = await app.api('/api/v1/openapi.json', { token: null });
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/v1/events');
  });

  it.each([
    ['GET', '/api/v1/snapshot'],
    ['GET', '/api/v1/procedures/snapshot'],
    ['GET', '/api/v1/procedures/DD-CN/snapshot'],
    ['POST', '/api/v1/events'],
    ['GET', '/api/v1/units'],
  ])('answers 401 to %s %s without a token', async (method, route) => {
    const res = await app.api(route, { method, token: null, ...(method === 'POST' ? { body: '[]', headers: { 'content-type': 'application/json' } } : {}) });
    expect(await errorOf(res)).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('answers 401 to an unknown token and to a malformed header', async () => {
    expect(await errorOf(await app.api('/api/v1/snapshot', { token: 'mct_not-a-real-token' }))).toMatchObject({ status: 401, code: 'unauthorized' });
    const basic = await app.api('/api/v1/snapshot', { token: null, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expect(basic.status).toBe(401);
  });

  it('answers 403 to a leader posting events, and stores nothing', async () => {
    const { token } = await issueToken(app.database.db, { name: 'Chủ tịch', role: 'leader' });
    // the leader may read
    expect((await app.api('/api/v1/snapshot', { token })).status).toBe(200);
    const posted = await app.post([oneDossier('leader-1', 'HN-HK')], token);
    expect(posted.status).toBe(403);
    expect(posted.body.error.code).toBe('forbidden');
    expect(posted.body.error.message).toMatch(/leader/);
    expect(await errorOf(await app.api('/api/v1/events/rejected', { token }))).toMatchObject({ status: 403 });
    expect(await errorOf(await app.api('/api/v1/units', { token, method: 'PUT', body: '[]', headers: { 'content-type': 'application/json' } }))).toMatchObject({ status: 403 });
    expect((await app.get(`/api/v1/snapshot?${DAY}`)).total.received).toBe(0);
  });

  it('lets an ingest key post events but not read figures', async () => {
    const { token } = await issueToken(app.database.db, { name: 'Một cửa', role: 'ingest' });
    expect((await app.post([oneDossier('ingest-1', 'HN-CG')], token)).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await app.api('/api/v1/snapshot', { token })).status).toBe(403);
    expect((await app.api('/api/v1/procedures/snapshot', { token })).status).toBe(403);
    expect((await app.api('/api/v1/procedures/DD-CN/snapshot', { token })).status).toBe(403);
  });
});

describe('snapshot queries', () => {
  it.each([
    ['an unknown period', 'period=week'],
    ['from without to', `from=${encodeURIComponent('2026-11-23T00:00:00+07:00')}`],
    ['to without from', `to=${encodeURIComponent('2026-11-23T00:00:00+07:00')}`],
    ['from equal to to', `from=${encodeURIComponent('2026-11-23T00:00:00+07:00')}&to=${encodeURIComponent('2026-11-23T00:00:00+07:00')}`],
    ['from after to', `from=${encodeURIComponent('2026-11-24T00:00:00+07:00')}&to=${encodeURIComponent('2026-11-23T00:00:00+07:00')}`],
    ['the same instant written differently', `from=${encodeURIComponent('2026-11-23T07:00:00+07:00')}&to=2026-11-23T00:00:00Z`],
    ['a date without offset', 'from=2026-11-23T00:00:00&to=2026-11-24T00:00:00'],
    ['not a date', 'from=yesterday&to=today'],
    ['period with from and to', `period=today&${DAY}`],
    ['an unknown kind', 'period=today&kind=city'],
  ])('400 for %s', async (_name, query) => {
    for (const route of ['/api/v1/snapshot', '/api/v1/units/HN-HK/snapshot', '/api/v1/procedures/snapshot', '/api/v1/procedures/DD-CN/snapshot']) {
      const error = await errorOf(await app.api(`${route}?${query}`));
      expect(error, route).toMatchObject({ status: 400, code: 'invalid_query' });
      expect(error.message).toMatch(/^invalid query: /);
    }
  });

  it('names only what is wrong with dates it cannot read, not their order', async () => {
    const error = await errorOf(await app.api('/api/v1/snapshot?from=yesterday&to=today'));
    expect(error.message).toBe('invalid query: from: Invalid ISO datetime; to: Invalid ISO datetime');
  });

  it('defaults to today and to districts', async () => {
    const s = await app.get('/api/v1/snapshot');
    expect({ from: s.from, to: s.to, kind: s.kind }).toEqual({ from: '2026-11-24T00:00:00+07:00', to: '2026-11-25T00:00:00+07:00', kind: 'district' });
    expect(s.units).toHaveLength(30);
  });

  it('404 for an unknown unit', async () => {
    expect(await errorOf(await app.api('/api/v1/units/HN-NOWHERE/snapshot?period=today'))).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('404 for an unknown route, as JSON', async () => {
    expect(await errorOf(await app.api('/api/v1/no-such-thing'))).toMatchObject({ status: 404, code: 'not_found' });
  });
});

describe('PUT /api/v1/holidays/:year', () => {
  type Holiday = { date: string; name: string };
  const put = (year: string, body: unknown, token?: string) =>
    app.api(`/api/v1/holidays/${year}`, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...(token ? { token } : {}) });
  const holidays = async (): Promise<Holiday[]> => app.get('/api/v1/holidays');
  const ofYear = (list: Holiday[], year: string) => list.filter((h) => h.date.startsWith(`${year}-`));

  it('replaces one year’s calendar, an empty one included, and leaves the other years as they were', async () => {
    const before = await holidays();
    const res = await put('2030', [{ date: '2030-09-03', name: 'Nghỉ bù Quốc khánh' }, { date: '2030-09-02', name: 'Quốc khánh' }]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ year: 2030, holidays: 2 });
    expect(ofYear(await holidays(), '2030')).toEqual([{ date: '2030-09-02', name: 'Quốc khánh' }, { date: '2030-09-03', name: 'Nghỉ bù Quốc khánh' }]);
    expect((await put('2030', [])).status).toBe(200);
    expect(await holidays()).toEqual(before);
  });

  it('computes the due dates of dossiers received after a change from the new calendar, and keeps those received before', async () => {
    const original = ofYear(await holidays(), '2025');
    // Received Monday 29/12/2025, three working days (DN-DKDN); Thursday 1/1/2026 is New Year.
    const receive = (id: string) => app.post([{ id, type: 'dossier.received', at: '2025-12-29T09:00:00+07:00', unitCode: 'HN-HK', dossierId: id, procedureCode: 'DN-DKDN', channel: 'counter' }]);
    const dueOf = async (id: string) => {
      const unit = await app.get(`/api/v1/units/HN-HK/snapshot?from=${encodeURIComponent('2026-01-06T00:00:00+07:00')}&to=${encodeURIComponent('2026-01-07T00:00:00+07:00')}`);
      return unit.overdueDossiers.find((d: { dossierId: string }) => d.dossierId === id)?.dueAt;
    };
    expect((await receive('cal-before')).status).toBe(200);
    // Tuesday 30/12 made a holiday: Wed 31, Fri 2, Mon 5.
    expect((await put('2025', [...original, { date: '2025-12-30', name: 'Nghỉ thử nghiệm' }])).status).toBe(200);
    expect((await receive('cal-after')).status).toBe(200);
    expect(await dueOf('cal-before')).toBe('2026-01-02T17:00:00+07:00');
    expect(await dueOf('cal-after')).toBe('2026-01-05T17:00:00+07:00');
    expect((await put('2025', original)).status).toBe(200);
    expect(ofYear(await holidays(), '2025')).toEqual(original);
  });

  it.each([
    ['a year that is not one', 'next', [], /'next' is not a year/],
    ['a date of another year', '2030', [{ date: '2030-12-31', name: 'A' }, { date: '2031-01-01', name: 'B' }], /2031-01-01 is not in 2030/],
    ['a date that is not one', '2030', [{ date: '2030-02-30', name: 'A' }], /invalid calendar: 0\.date/],
    ['no name', '2030', [{ date: '2030-01-01', name: ' ' }], /invalid calendar: 0\.name/],
    ['not a list', '2030', { date: '2030-01-01', name: 'A' }, /invalid calendar/],
  ])('400 for %s, and nothing changes', async (_name, year, body, message) => {
    const before = await holidays();
    const error = await errorOf(await put(year, body));
    expect(error).toMatchObject({ status: 400, code: 'invalid_calendar' });
    expect(error.message).toMatch(message);
    expect(await holidays()).toEqual(before);
  });

  it('400 for a date given twice', async () => {
    expect(await errorOf(await put('2030', [{ date: '2030-01-01', name: 'A' }, { date: '2030-01-01', name: 'B' }]))).toMatchObject({ status: 400, code: 'duplicate_code' });
  });

  it('403 for a leader, who may read the calendar', async () => {
    const { token } = await issueToken(app.database.db, { name: 'Chủ tịch', role: 'leader' });
    expect((await app.api('/api/v1/holidays', { token })).status).toBe(200);
    expect(await errorOf(await put('2030', [], token))).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('PUT /api/v1/procedures', () => {
  type Procedure = { code: string; processingDays: number };
  const put = (body: unknown, token?: string) =>
    app.api('/api/v1/procedures', { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...(token ? { token } : {}) });
  const procedures = async (): Promise<Procedure[]> => app.get('/api/v1/procedures');

  it('changes a processing time, which the due dates of dossiers received after it follow, and adds a procedure', async () => {
    const before = await procedures();
    const dkdn = before.find((p) => p.code === 'DN-DKDN')!;
    expect(dkdn.processingDays).toBe(3);
    // Received Monday 16/11/2026 at 09:00: three working days → Thursday 19/11; two → Wednesday 18/11.
    const receive = (id: string) => app.post([{ id, type: 'dossier.received', at: '2026-11-16T09:00:00+07:00', unitCode: 'HN-HK', dossierId: id, procedureCode: 'DN-DKDN', channel: 'counter' }]);
    const dueOf = async (id: string) => {
      const unit = await app.get(`/api/v1/units/HN-HK/snapshot?${DAY}`);
      return unit.overdueDossiers.find((d: { dossierId: string }) => d.dossierId === id)?.dueAt;
    };
    expect((await receive('days-before')).status).toBe(200);
    const res = await put([{ ...dkdn, processingDays: 2 }, { code: 'HN-MOI-01', name: 'Thủ tục mới', field: 'Thử nghiệm', level: 'district', processingDays: 5, onlineLevel: 'partial' }]);
    expect(await res.json()).toEqual({ upserted: 2, procedures: before.length + 1 });
    expect((await receive('days-after')).status).toBe(200);
    expect(await dueOf('days-before')).toBe('2026-11-19T17:00:00+07:00');
    expect(await dueOf('days-after')).toBe('2026-11-18T17:00:00+07:00');
    expect((await procedures()).find((p) => p.code === 'HN-MOI-01')).toMatchObject({ processingDays: 5, level: 'district' });
    expect((await put([dkdn])).status).toBe(200);
  });

  it.each([
    ['a negative processing time', [{ code: 'X', name: 'X', field: 'X', level: 'commune', processingDays: -1, onlineLevel: 'full' }]],
    ['a fractional one', [{ code: 'X', name: 'X', field: 'X', level: 'commune', processingDays: 1.5, onlineLevel: 'full' }]],
    ['an unknown level', [{ code: 'X', name: 'X', field: 'X', level: 'ward', processingDays: 1, onlineLevel: 'full' }]],
    ['an empty list', []],
  ])('400 for %s, and nothing changes', async (_name, body) => {
    const before = await procedures();
    expect(await errorOf(await put(body))).toMatchObject({ status: 400, code: 'invalid_catalog' });
    expect(await procedures()).toEqual(before);
  });

  it('403 for a leader', async () => {
    const { token } = await issueToken(app.database.db, { name: 'Chủ tịch', role: 'leader' });
    expect(await errorOf(await put([], token))).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('PUT /api/v1/units', () => {
  const put = (body: unknown) =>
    app.api('/api/v1/units', { method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  it.each([
    ['not JSON', '[{"code":', 'invalid_json'],
    ['not an array', { code: 'X', name: 'X', kind: 'district' }, 'invalid_catalog'],
    ['empty', [], 'invalid_catalog'],
    ['an unknown kind', [{ code: 'HN-X', name: 'X', kind: 'province', parentCode: null }], 'invalid_catalog'],
    ['a code with spaces', [{ code: 'HN X', name: 'X', kind: 'commune', parentCode: null }], 'invalid_catalog'],
    ['a code of 65 characters', [{ code: 'X'.repeat(65), name: 'X', kind: 'commune', parentCode: null }], 'invalid_catalog'],
    ['an empty name', [{ code: 'HN-X', name: '  ', kind: 'commune', parentCode: null }], 'invalid_catalog'],
    ['a repeated code', [{ code: 'HN-X', name: 'X', kind: 'commune' }, { code: 'HN-X', name: 'Y', kind: 'commune' }], 'duplicate_code'],
    ['an unknown parent', [{ code: 'HN-X', name: 'X', kind: 'commune', parentCode: 'HN-NOWHERE' }], 'unknown_parent'],
  ])('400 for %s, and nothing changes', async (_name, body, code) => {
    const before = (await app.get('/api/v1/units')).length;
    expect(await errorOf(await put(body))).toMatchObject({ status: 400, code });
    expect((await app.get('/api/v1/units')).length).toBe(before);
  });

  it('reads the body as JSON whatever its content type, and says so when there is none', async () => {
    const body = JSON.stringify([{ code: 'HN-PLAIN', name: 'Phường Văn bản', kind: 'commune', parentCode: null }]);
    const plain = await app.api('/api/v1/units', { method: 'PUT', body, headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(200);
    expect(await plain.json()).toMatchObject({ upserted: 1 });
    const empty = await errorOf(await app.api('/api/v1/units', { method: 'PUT' }));
    expect(empty).toMatchObject({ status: 400, code: 'invalid_catalog' });
    expect(empty.message).not.toMatch(/undefined/);
  });

  it('takes a two-tier catalog: new departments and communes appear in the snapshot', async () => {
    const twoTier = [
      { code: 'HN2-SNV', name: 'Sở Nội vụ (mới)', kind: 'department', parentCode: null },
      { code: 'HN2-P-BD', name: 'Phường Ba Đình', kind: 'commune', parentCode: null },
      { code: 'HN2-X-SS', name: 'Xã Sóc Sơn', kind: 'commune', parentCode: null },
    ];
    const res = await put(twoTier);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ upserted: 3 });
    const listed = (await app.get('/api/v1/units')) as { code: string; kind: string; parentCode: string | null }[];
    expect(listed).toEqual(expect.arrayContaining(twoTier.map(({ code, kind, parentCode }) => expect.objectContaining({ code, kind, parentCode }))));

    const posted = await app.post([oneDossier('two-tier-1', 'HN2-P-BD'), oneDossier('two-tier-2', 'HN2-SNV')]);
    expect(posted.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const communes = await app.get(`/api/v1/snapshot?${DAY}&kind=commune`);
    const ward = communes.units.find((u: { code: string }) => u.code === 'HN2-P-BD');
    expect(ward).toMatchObject({ name: 'Phường Ba Đình', received: 1, pending: 1, overdue: 0, onlineShare: 1, progressRate: 1, rank: 1 });
    expect(communes.units.find((u: { code: string }) => u.code === 'HN2-X-SS')).toMatchObject({ received: 0, score: null });
    const departments = await app.get(`/api/v1/snapshot?${DAY}&kind=department`);
    expect(departments.units.find((u: { code: string }) => u.code === 'HN2-SNV')).toMatchObject({ received: 1, rank: 1 });
    // the total covers every kind: HN-CG (ingest key test) + the two new ones
    expect(departments.total.received).toBe(3);
  });

  it('renames a unit on a second PUT', async () => {
    expect((await put([{ code: 'HN2-X-SS', name: 'Xã Sóc Sơn mới', kind: 'commune', parentCode: null }])).status).toBe(200);
    const listed = (await app.get('/api/v1/units')) as { code: string; name: string }[];
    expect(listed.find((u) => u.code === 'HN2-X-SS')?.name).toBe('Xã Sóc Sơn mới');
  });
});

describe('a two-tier catalog file at start (UNIT_CATALOG)', () => {
  let dir: string;
  let twoTier: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'motcua-catalog-'));
    const file = path.join(dir, 'units.json');
    writeFileSync(file, JSON.stringify([
      { code: 'T-STP', name: 'Sở Tư pháp', kind: 'department', parentCode: null },
      { code: 'T-SXD', name: 'Sở Xây dựng', kind: 'department', parentCode: null },
      { code: 'T-P1', name: 'Phường Hoàn Kiếm', kind: 'commune', parentCode: null },
      { code: 'T-P2', name: 'Phường Cửa Nam', kind: 'commune', parentCode: null },
    ]));
    twoTier = await startTestApp({ now: () => NOW, config: { unitCatalog: file } });
  });
  afterAll(async () => {
    await twoTier?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks communes and departments; no districts', async () => {
    const posted = await twoTier.post([
      oneDossier('t1', 'T-P2'),
      { id: 't2', type: 'dossier.resolved', at: '2026-11-23T10:00:00+07:00', unitCode: 'T-P2', dossierId: 'D-t1', outcome: 'approved' },
      { id: 't3', type: 'rating.submitted', at: '2026-11-23T10:00:00+07:00', unitCode: 'T-P1', score: 3 },
    ]);
    expect(posted.body).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
    const communes = await twoTier.get(`/api/v1/snapshot?${DAY}&kind=commune`);
    // T-P2: online, early → progress 1, online 1, digitization 0 → (20 + 12) / 54; T-P1: satisfaction 0 → 0
    expect(communes.units.map((u: { code: string; rank: number; grade: string | null }) => [u.code, u.rank, u.grade])).toEqual([
      ['T-P2', 1, 'average'],
      ['T-P1', 2, 'weak'],
    ]);
    expect(communes.units[0].score).toBeCloseTo((100 * 32) / 54, 9);
    expect((await twoTier.get(`/api/v1/snapshot?${DAY}&kind=department`)).units.map((u: { code: string }) => u.code)).toEqual(['T-SXD', 'T-STP'].sort());
    const districts = await twoTier.get(`/api/v1/snapshot?${DAY}`);
    expect(districts.units).toEqual([]);
    expect(districts.total).toMatchObject({ received: 1, resolved: 1, resolvedEarly: 1, ratings: 1, satisfaction: 0 });
    // a unit of the bundled Hà Nội catalog is unknown here
    expect((await twoTier.post([oneDossier('t4', 'HN-HK')])).body.rejected[0].error).toMatch(/not in the unit catalog/);
  });
});
