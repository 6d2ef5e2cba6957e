/**
 * The simulated city: who handles which procedures, how busy each unit is and how well it performs.
 * Everything is derived from the catalogs the server publishes and the seed, so any catalog works
 * (the bundled Hà Nội one, or a two-tier province/commune one); the Vietnamese keywords below only
 * make the bundled catalog look right and fall back to neutral values for names they don't know.
 */
import type { Procedure, Unit, UnitKind } from '../../shared/catalog.js';
import { Rng } from './random.js';

/** Dossiers received city-wide on an ordinary working day at rate 1. */
export const CITY_DOSSIERS_PER_WORKING_DAY = 3000;
/** Feedback items (phản ánh, kiến nghị) city-wide per day at rate 1. */
export const CITY_FEEDBACK_PER_DAY = 6;

export interface ProcedureTraits {
  procedure: Procedure;
  /** Relative number of dossiers of this procedure at a unit that handles it. */
  volume: number;
  /** Base probability that a dossier ends late (before the unit's own performance is applied). */
  lateBase: number;
  /** Whether the procedure charges a fee (`payment` ≠ `none`). */
  hasFee: boolean;
}

export interface UnitProfile {
  unit: Unit;
  /** Expected dossiers on a working day at rate 1. */
  dailyDossiers: number;
  /** 0 (struggling) … 1 (exemplary): drives lateness, digitization, payment and satisfaction. */
  quality: number;
  urban: boolean;
  /** Added to the city's online share for this unit. */
  onlineBias: number;
  lateFactor: number;
  digitization: number;
  /** Probability that a payable dossier is paid online: submitted online, or at the counter (QR code). */
  onlinePayment: { online: number; counter: number };
  /** Probability that a rating is 4 or 5. */
  satisfaction: number;
  /** Some district and commune counters also open on Saturday morning. */
  opensSaturday: boolean;
  procedures: ProcedureTraits[];
}

export interface City {
  units: UnitProfile[];
  /** Units that receive feedback (weighted by their dossier volume). */
  feedbackUnits: UnitProfile[];
}

/** Field keywords of procedures and the department name keywords of the department that handles them. */
const DEPARTMENT_OF_FIELD: readonly (readonly [fields: readonly string[], department: readonly string[]])[] = [
  [['hộ tịch', 'lý lịch tư pháp', 'chứng thực', 'tư pháp'], ['tư pháp']],
  [['đất đai', 'môi trường', 'tài nguyên'], ['tài nguyên']],
  [['xây dựng'], ['xây dựng']],
  [['kinh doanh', 'đầu tư'], ['kế hoạch']],
  [['lao động', 'việc làm', 'xã hội', 'người có công'], ['lao động']],
  [['thông tin', 'báo chí'], ['thông tin']],
  [['khám chữa bệnh', 'thực phẩm', 'y tế', 'dược'], ['y tế']],
  [['giáo dục', 'đào tạo'], ['giáo dục']],
  [['đường bộ', 'giao thông', 'vận tải'], ['giao thông']],
  [['hàng hóa', 'thương mại', 'công thương'], ['công thương']],
  [['công chức', 'viên chức', 'nội vụ'], ['nội vụ']],
  [['căn cước', 'cư trú'], ['công an']],
  [['bảo hiểm'], ['bảo hiểm']],
  [['thuế'], ['thuế']],
];

/** Fields where late dossiers cluster (land, construction, social affairs). */
const LATE_PRONE_FIELDS = ['đất đai', 'xây dựng', 'xã hội', 'người có công'];
/** Everyday procedures that fill the counters. */
const BUSY_FIELDS: readonly (readonly [string, number])[] = [
  ['chứng thực', 5], ['hộ tịch', 3], ['cư trú', 3], ['căn cước', 2], ['đất đai', 2],
  ['kinh doanh', 2], ['thuế', 2], ['bảo hiểm', 2],
];

const NORMAL_LATE = 0.006;
const PRONE_LATE = 0.1;

const normalize = (text: string) => text.normalize('NFC').toLowerCase();
const mentions = (text: string, keywords: readonly string[]) => keywords.some((k) => normalize(text).includes(k));

function traitsOf(procedure: Procedure, seed: number): ProcedureTraits {
  const busy = BUSY_FIELDS.find(([keyword]) => mentions(procedure.field, [keyword]))?.[1] ?? 1;
  return {
    procedure,
    volume: busy / (1 + procedure.processingDays / 10),
    lateBase: mentions(procedure.field, LATE_PRONE_FIELDS) ? PRONE_LATE : NORMAL_LATE,
    hasFee: new Rng(seed, 'fee', procedure.code).chance(0.6),
  };
}

/** Units that handle procedures of a level: that kind, or the nearest kind the catalog has. */
function unitsForLevel(level: UnitKind, units: readonly Unit[]): Unit[] {
  const order: Record<UnitKind, UnitKind[]> = {
    department: ['department', 'district', 'commune'],
    district: ['district', 'commune', 'department'],
    commune: ['commune', 'district', 'department'],
  };
  for (const kind of order[level]) {
    const found = units.filter((u) => u.kind === kind);
    if (found.length > 0) return found;
  }
  return [];
}

interface Assignment {
  handled: Map<string, ProcedureTraits[]>;
  /** Departments whose name matched the field of a procedure they handle: the city's main agencies. */
  matchedDepartments: Set<string>;
}

function assignProcedures(units: readonly Unit[], traits: readonly ProcedureTraits[], seed: number): Assignment {
  const handled = new Map<string, ProcedureTraits[]>(units.map((u) => [u.code, []]));
  const matchedDepartments = new Set<string>();
  for (const t of traits) {
    const candidates = unitsForLevel(t.procedure.level, units);
    const group = DEPARTMENT_OF_FIELD.find(([fields]) => mentions(t.procedure.field, fields));
    const matching = candidates.filter((u) => u.kind === 'department' && group !== undefined && mentions(u.name, group[1]));
    for (const u of matching) matchedDepartments.add(u.code);
    // Every district (or commune) handles its level's procedures; a department-level one goes to one department.
    const holders =
      matching.length > 0 ? matching
      : candidates[0]?.kind === 'department' ? [new Rng(seed, 'holder', t.procedure.code).pick(candidates)]
      : candidates;
    for (const u of holders) handled.get(u.code)?.push(t);
  }
  // Departments no field matched (tourism, finance…) still handle a few department-level procedures.
  const departmentLevel = traits.filter((t) => t.procedure.level === 'department');
  for (const u of units) {
    const list = handled.get(u.code);
    if (!list || list.length > 0 || u.kind !== 'department' || departmentLevel.length === 0) continue;
    const rng = new Rng(seed, 'procedures', u.code);
    for (let i = 0; i < 2; i++) {
      const t = rng.pick(departmentLevel);
      if (!list.includes(t)) list.push(t);
    }
  }
  return { handled, matchedDepartments };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function profileOf(unit: Unit, procedures: ProcedureTraits[], matched: boolean, seed: number): Omit<UnitProfile, 'dailyDossiers'> & { weight: number } {
  const rng = new Rng(seed, 'unit', unit.code);
  const name = normalize(unit.name);
  const urban = unit.kind === 'department' || /^(quận|phường)/.test(name);
  const town = /^(thị xã|thị trấn)/.test(name);
  const quality = 0.1 + 0.9 * rng.next();
  // A department is as busy as its procedures; one the field keywords did not match is a minor agency.
  const procedureVolume = procedures.reduce((sum, t) => sum + t.volume, 0);
  const size =
    unit.kind === 'department' ? (matched ? 1.2 : 0.15) * procedureVolume * rng.between(0.6, 1.4)
    : unit.kind === 'district' ? 1.6 * (urban ? rng.between(0.9, 1.7) : town ? 0.7 : rng.between(0.5, 1.1))
    : 0.35 * rng.between(0.6, 1.4);
  return {
    unit,
    weight: procedures.length === 0 ? 0 : size,
    quality,
    urban,
    onlineBias: (urban ? 0.05 : -0.07) + (quality - 0.5) * 0.2 + rng.between(-0.05, 0.05),
    lateFactor: 0.3 + 2.4 * (1 - quality) ** 2,
    digitization: clamp(0.42 + 0.45 * quality + (urban ? 0.05 : -0.05) + rng.between(-0.08, 0.08), 0.15, 0.97),
    onlinePayment: {
      online: clamp(0.45 + 0.4 * quality + rng.between(-0.1, 0.1), 0.2, 0.95),
      counter: 0.04 + 0.14 * quality,
    },
    satisfaction: clamp(0.82 + 0.12 * quality + rng.between(-0.03, 0.03), 0.6, 0.97),
    opensSaturday: unit.kind !== 'department' && rng.chance(0.4),
    procedures,
  };
}

export function buildCity(units: readonly Unit[], procedures: readonly Procedure[], seed: number): City {
  const traits = procedures.map((p) => traitsOf(p, seed));
  const { handled, matchedDepartments } = assignProcedures(units, traits, seed);
  const drafts = units.map((u) => profileOf(u, handled.get(u.code) ?? [], matchedDepartments.has(u.code), seed));
  const totalWeight = drafts.reduce((sum, d) => sum + d.weight, 0) || 1;
  const profiles = drafts
    .map(({ weight, ...rest }) => ({ ...rest, dailyDossiers: (CITY_DOSSIERS_PER_WORKING_DAY * weight) / totalWeight }))
    .filter((p) => p.procedures.length > 0);
  // Citizens address feedback to districts and departments; to communes only when the catalog has nothing else.
  const upper = profiles.filter((p) => p.unit.kind !== 'commune');
  return { units: profiles, feedbackUnits: upper.length > 0 ? upper : profiles };
}

/**
 * The city's share of dossiers submitted online on a day: it rises with the years (about 47 % in late 2026),
 * as the national portal's figures do.
 */
export function cityOnlineShare(day: string): number {
  const years = (Date.parse(`${day}T00:00:00Z`) - Date.parse('2025-01-01T00:00:00Z')) / (365.25 * 86_400_000);
  return clamp(0.36 + 0.07 * years, 0.3, 0.58);
}

/** Probability that a dossier of this procedure at this unit is submitted online on that day. */
export function onlineProbability(unit: UnitProfile, t: ProcedureTraits, day: string): number {
  if (t.procedure.onlineLevel === 'none') return 0;
  const level = t.procedure.onlineLevel === 'full' ? 0.15 : -0.12;
  return clamp(cityOnlineShare(day) + unit.onlineBias + level, 0.03, 0.92);
}
