/**
 * Generates one local day of the city: every dossier and feedback item received that day, each with its
 * whole planned life. Each unit-day draws its counts from its own stream and each dossier from a stream
 * named by its id, so a day comes out the same however often it is generated.
 */
import { AFTERNOON, MORNING, weekday, type Calendar, type Session } from '../catalog/calendar.js';
import { CITY_FEEDBACK_PER_DAY, onlineProbability, type City, type UnitProfile } from './city.js';
import { dossierEvents, feedbackEvents, ratingScore, type TimedEvent } from './lifecycle.js';
import { Rng } from './random.js';

export interface GeneratedItem {
  /** When the dossier or feedback item was received: the backfill window keeps whole lives only. */
  receivedMs: number;
  events: TimedEvent[];
}

/** Share of a working day's online submissions that still come on weekends and holidays. */
const OFF_DAY_ONLINE = 0.35;
/** A Saturday-morning counter gets this share of a working day's counter dossiers. */
const SATURDAY_COUNTER = 0.3;
const POSTAL = 0.04;
/** Kiosk ratings given at the counter without a dossier, per counter dossier. */
const KIOSK_RATINGS = 0.05;
/** Relative online submissions per local hour: a trickle at night, peaks in office hours. */
const ONLINE_BY_HOUR = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.7, 1.4, 1.6, 1.6, 1.3,
  0.9, 1.1, 1.4, 1.5, 1.4, 1.1, 0.9, 0.9, 0.8, 0.6, 0.4, 0.25,
];

/** A counter arrival: mornings are busier, and queues build up towards the middle of a session. */
function counterArrival(cal: Calendar, day: string, sessions: readonly Session[], rng: Rng): number {
  const session = sessions.length > 1 && rng.chance(0.4) ? AFTERNOON : MORNING;
  const [start, end] = session;
  return cal.at(day, start + (end - start) * ((rng.next() + rng.next()) / 2));
}

function onlineArrival(cal: Calendar, day: string, rng: Rng): number {
  return cal.at(day, (rng.weighted(ONLINE_BY_HOUR) + rng.next()) * 60);
}

export class DayGenerator {
  constructor(
    private readonly city: City,
    private readonly cal: Calendar,
    private readonly seed: number,
    private readonly rate: number,
  ) {}

  generate(day: string): GeneratedItem[] {
    const items: GeneratedItem[] = [];
    for (const unit of this.city.units) this.unitDay(unit, day, items);
    this.feedbackDay(day, items);
    return items;
  }

  private unitDay(unit: UnitProfile, day: string, items: GeneratedItem[]): void {
    const { cal } = this;
    const working = cal.isWorkingDay(day);
    const saturdayMorning = !working && weekday(day) === 6 && !cal.isHoliday(day) && unit.opensSaturday;
    const online = unit.procedures.map((t) => onlineProbability(unit, t, day));
    const onlineWeights = unit.procedures.map((t, i) => t.volume * (online[i] ?? 0));
    const counterWeights = unit.procedures.map((t, i) => t.volume * (1 - (online[i] ?? 0)));
    const volume = unit.procedures.reduce((sum, t) => sum + t.volume, 0);
    const onlineShare = onlineWeights.reduce((a, b) => a + b, 0) / volume;

    const expected = unit.dailyDossiers * this.rate;
    const counts = new Rng(this.seed, unit.unit.code, day, 'counts');
    const onlineCount = counts.poisson(expected * onlineShare * (working ? 1 : OFF_DAY_ONLINE));
    const counterMean = expected * (1 - onlineShare) * (working ? 1 : saturdayMorning ? SATURDAY_COUNTER : 0);
    const counterCount = counts.poisson(counterMean);
    const kioskCount = counts.poisson(counterMean * KIOSK_RATINGS);

    const prefix = `S${this.seed}-${unit.unit.code}-${day.replaceAll('-', '')}`;
    const sessions = working ? [MORNING, AFTERNOON] : [MORNING];
    const dossier = (dossierId: string, rng: Rng, channel: 'online' | 'counter' | 'postal', weights: number[], receivedMs: number) => {
      const traits = unit.procedures[rng.weighted(weights)];
      if (!traits) return;
      items.push({ receivedMs, events: dossierEvents(cal, { dossierId, unit, traits, channel, receivedMs }, rng) });
    };
    for (let i = 0; i < counterCount; i++) {
      const id = `${prefix}-c${i}`;
      const rng = new Rng(id);
      const receivedMs = counterArrival(cal, day, sessions, rng);
      dossier(id, rng, rng.chance(POSTAL) ? 'postal' : 'counter', counterWeights, receivedMs);
    }
    for (let i = 0; i < onlineCount; i++) {
      const id = `${prefix}-o${i}`;
      const rng = new Rng(id);
      dossier(id, rng, 'online', onlineWeights, onlineArrival(cal, day, rng));
    }
    for (let i = 0; i < kioskCount; i++) {
      const id = `${prefix}-k${i}`;
      const rng = new Rng(id);
      const atMs = counterArrival(cal, day, sessions, rng);
      items.push({
        receivedMs: atMs,
        events: [{ atMs, event: { id, type: 'rating.submitted', at: cal.iso(atMs), unitCode: unit.unit.code, score: ratingScore(rng, unit.satisfaction) } }],
      });
    }
  }

  private feedbackDay(day: string, items: GeneratedItem[]): void {
    const units = this.city.feedbackUnits;
    if (units.length === 0) return;
    const rng = new Rng(this.seed, 'feedback', day);
    const count = rng.poisson(CITY_FEEDBACK_PER_DAY * this.rate);
    const weights = units.map((u) => u.dailyDossiers);
    for (let i = 0; i < count; i++) {
      const id = `S${this.seed}-FB-${day.replaceAll('-', '')}-${i}`;
      const itemRng = new Rng(id);
      const unit = units[itemRng.weighted(weights)];
      if (!unit) continue;
      const events = feedbackEvents(this.cal, id, unit, day, itemRng);
      const first = events[0];
      if (first) items.push({ receivedMs: first.atMs, events });
    }
  }
}
