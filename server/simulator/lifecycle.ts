/**
 * The whole life of one dossier or feedback item, planned at once when it is received: the simulator
 * then releases each event when its time comes. A dossier is resolved during office hours, usually
 * early or on its due day; a late one usually gets an apology letter and often a new due date.
 */
import type { IngestEventInput } from '../../shared/events.js';
import { AFTERNOON, MORNING, addDays, type Calendar } from '../catalog/calendar.js';
import type { ProcedureTraits, UnitProfile } from './city.js';
import type { Rng } from './random.js';

export interface TimedEvent {
  atMs: number;
  event: IngestEventInput;
}

const MINUTE = 60_000;
const OFFICE = [MORNING, AFTERNOON] as const;
/** The apology letter of a late dossier goes out on the afternoon of its due day. */
const APOLOGY_FROM = 14 * 60;

const WITHDRAWN = 0.004;
const SUPPLEMENT_RESTART = 0.03;
const EARLY_WHEN_POSSIBLE = 0.8;
const APOLOGY_WHEN_LATE = 0.85;
const NEW_DUE_WITH_APOLOGY = 0.65;
const STUCK_WHEN_LATE = 0.12;
const REJECTED = 0.04;
const RATED = { counter: 0.35, postal: 0.05, online: 0.12 } as const;
const SOURCE_SENDS_DUE = 0.5;

export interface DossierPlan {
  dossierId: string;
  unit: UnitProfile;
  traits: ProcedureTraits;
  channel: 'online' | 'counter' | 'postal';
  receivedMs: number;
}

/** The fields of an event but those every event has (`Omit` spread over each type of the union). */
type EventFields = IngestEventInput extends infer E ? (E extends unknown ? Omit<E, 'id' | 'at' | 'unitCode'> : never) : never;

const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

/** An office-hours instant on a working day from `fromDay` to `toDay` (both included), after `afterMs`. */
function officeTimeBetween(cal: Calendar, rng: Rng, fromDay: string, toDay: string, afterMs: number, biasLate = false): number | null {
  const days: string[] = [];
  for (let day = fromDay; day <= toDay; day = cal.nextDay(day)) if (cal.isWorkingDay(day)) days.push(day);
  while (days.length > 0) {
    // Most dossiers take a good part of their processing time: lean towards the later days.
    const index = biasLate ? Math.floor(days.length * Math.sqrt(rng.next())) : rng.int(0, days.length - 1);
    const [day] = days.splice(index, 1);
    const at = day === undefined ? null : cal.timeIn(day, OFFICE, () => rng.next(), afterMs);
    if (at !== null) return at;
  }
  return null;
}

export function dossierEvents(cal: Calendar, plan: DossierPlan, rng: Rng): TimedEvent[] {
  const { dossierId, unit, traits, channel, receivedMs } = plan;
  const { procedure } = traits;
  const unitCode = unit.unit.code;
  const events: TimedEvent[] = [];
  const emit = (suffix: string, atMs: number, fields: EventFields) => {
    events.push({ atMs, event: { id: `${dossierId}-${suffix}`, at: cal.iso(atMs), unitCode, ...fields } });
  };

  let dueMs = cal.dueAt(receivedMs, procedure.processingDays);
  const payment = !traits.hasFee ? 'none' : rng.chance(channel === 'online' ? unit.onlinePayment.online : unit.onlinePayment.counter) ? 'online' : 'offline';
  const digitized = rng.chance(Math.min(0.99, unit.digitization + (channel === 'online' ? 0.08 : 0)));
  emit('r', receivedMs, {
    type: 'dossier.received',
    dossierId,
    procedureCode: procedure.code,
    channel,
    // Some source systems send their own due date; for the others the server computes the same one.
    ...(rng.chance(SOURCE_SENDS_DUE) ? { dueAt: cal.iso(dueMs) } : {}),
    ...(payment === 'none' ? {} : { payment }),
    ...(digitized ? { digitized } : {}),
  });

  const receivedDay = cal.dayOf(receivedMs);
  if (rng.chance(WITHDRAWN)) {
    const at = officeTimeBetween(cal, rng, receivedDay, cal.dayOf(dueMs), receivedMs);
    if (at !== null) emit('w', at, { type: 'dossier.withdrawn', dossierId });
    return events;
  }
  if (procedure.processingDays >= 3 && rng.chance(SUPPLEMENT_RESTART)) {
    // Documents were missing: the clock restarts when the citizen supplements them.
    const at = officeTimeBetween(cal, rng, receivedDay, addDays(cal.dayOf(dueMs), -1), receivedMs);
    if (at !== null) {
      dueMs = cal.dueAt(at, procedure.processingDays);
      emit('d', at, { type: 'dossier.due_changed', dossierId, dueAt: cal.iso(dueMs) });
    }
  }

  const dueDay = cal.dayOf(dueMs);
  let resolvedMs: number | null = null;
  const late = rng.chance(traits.lateBase * unit.lateFactor);
  if (late) {
    const lateBy = rng.chance(STUCK_WHEN_LATE) ? rng.int(8, 25) : 1 + Math.floor(rng.exponential(2));
    if (rng.chance(APOLOGY_WHEN_LATE)) {
      const apologyMs = cal.timeIn(dueDay, [[APOLOGY_FROM, AFTERNOON[1]]], () => rng.next(), receivedMs) ?? Math.min(dueMs, receivedMs + MINUTE);
      emit('a', apologyMs, { type: 'dossier.apology_sent', dossierId });
      if (lateBy >= 2 && rng.chance(NEW_DUE_WITH_APOLOGY)) {
        // The letter promises a new date, which the office then misses too: the dossier stays late.
        const promised = cal.at(cal.workingDayAfter(dueDay, rng.int(1, lateBy - 1)), AFTERNOON[1]);
        emit('n', apologyMs + 1000, { type: 'dossier.due_changed', dossierId, dueAt: cal.iso(promised) });
      }
    }
    resolvedMs = cal.timeIn(cal.workingDayAfter(dueDay, lateBy), OFFICE, () => rng.next());
  } else {
    if (rng.chance(EARLY_WHEN_POSSIBLE)) {
      resolvedMs = officeTimeBetween(cal, rng, receivedDay, addDays(dueDay, -1), receivedMs + 10 * MINUTE, true);
    }
    resolvedMs ??= cal.timeIn(dueDay, OFFICE, () => rng.next(), receivedMs + 10 * MINUTE);
    // Received after hours on its due day (a same-day procedure): settled before midnight.
    resolvedMs ??= Math.min(dueMs, wholeSecond(receivedMs + rng.between(5, 60) * MINUTE));
  }
  if (resolvedMs === null) return events;
  emit('x', resolvedMs, { type: 'dossier.resolved', dossierId, outcome: rng.chance(REJECTED) ? 'rejected' : 'approved' });

  if (rng.chance(RATED[channel])) {
    // Rated at the counter when the result is handed over, or on the portal once it is published.
    const delay = channel === 'online' ? rng.exponential(180) : rng.between(1, 15);
    emit('s', wholeSecond(resolvedMs + delay * MINUTE), { type: 'rating.submitted', dossierId, score: ratingScore(rng, unit.satisfaction * (late ? 0.55 : 1)) });
  }
  return events;
}

/** A 1–5 score that is 4 or 5 with the given probability. */
export function ratingScore(rng: Rng, satisfied: number): number {
  if (rng.chance(satisfied)) return rng.chance(0.6) ? 5 : 4;
  return [3, 3, 3, 2, 2, 1][rng.int(0, 5)] ?? 3;
}

const FEEDBACK_CHANNELS = ['zalo', 'app', 'hotline', 'portal', 'counter', 'other'] as const;
const FEEDBACK_CHANNEL_WEIGHTS = [30, 30, 15, 15, 6, 4];
const FEEDBACK_TOPICS = [
  'Chậm trả kết quả hồ sơ', 'Thái độ cán bộ tiếp nhận', 'Hướng dẫn thủ tục chưa rõ', 'Lỗi cổng dịch vụ công',
  'Thanh toán trực tuyến không thành công', 'Yêu cầu bổ sung giấy tờ nhiều lần', 'Trật tự đô thị', 'Vệ sinh môi trường',
];
const FEEDBACK_HANDLED = 0.97;
const FEEDBACK_WORKING_DAYS = 10;

/** One feedback item received during `day` at `unit`, and its handling. */
export function feedbackEvents(cal: Calendar, feedbackId: string, unit: UnitProfile, day: string, rng: Rng): TimedEvent[] {
  const channel = FEEDBACK_CHANNELS[rng.weighted(FEEDBACK_CHANNEL_WEIGHTS)] ?? 'other';
  const byPeople = channel === 'hotline' || channel === 'counter';
  const receivedMs = byPeople ? cal.timeIn(day, OFFICE, () => rng.next()) : cal.at(day, rng.between(6 * 60, 23 * 60));
  if (receivedMs === null) return [];
  const unitCode = unit.unit.code;
  const dueMs = cal.dueAt(receivedMs, FEEDBACK_WORKING_DAYS);
  const events: TimedEvent[] = [{
    atMs: receivedMs,
    event: {
      id: `${feedbackId}-r`, type: 'feedback.received', at: cal.iso(receivedMs), unitCode, feedbackId, channel,
      topic: rng.pick(FEEDBACK_TOPICS),
      ...(rng.chance(0.5) ? { dueAt: cal.iso(dueMs) } : {}),
    },
  }];
  if (rng.chance(FEEDBACK_HANDLED)) {
    // Most items are settled within a couple of working days; the legal limit is far.
    const handledBy = cal.workingDayAfter(day, 1 + Math.floor(rng.exponential(1.2)));
    const resolvedMs = officeTimeBetween(cal, rng, day, handledBy, receivedMs);
    if (resolvedMs !== null) {
      events.push({ atMs: resolvedMs, event: { id: `${feedbackId}-x`, type: 'feedback.resolved', at: cal.iso(resolvedMs), unitCode, feedbackId } });
    }
  }
  return events;
}
