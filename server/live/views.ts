/**
 * What a live view is and how two states of one compare: pure functions, no Socket.IO, no database.
 * A view is what a subscription asks for, normalized so that equal requests share one room and one computation.
 */
import type { UnitKind } from '../../shared/catalog.js';
import type { Metrics } from '../../shared/figures.js';
import type { Subscription } from '../../shared/live.js';
import type { NamedPeriod, Snapshot, UnitFigures } from '../../shared/snapshot.js';

export type ViewSpec =
  | { view: 'city'; period: NamedPeriod; kind: UnitKind }
  | { view: 'unit'; period: NamedPeriod; unitCode: string };

/** The normalized view of a (validated) subscription: a unit view's `kind` is its unit's, so it is dropped. */
export function viewSpec(subscription: Subscription): ViewSpec {
  if (subscription.view === 'unit' && subscription.unitCode !== undefined) {
    return { view: 'unit', period: subscription.period, unitCode: subscription.unitCode };
  }
  return { view: 'city', period: subscription.period, kind: subscription.kind ?? 'district' };
}

/** The room of a view; also its key in the node's view table and in the stats. */
export function viewKey(spec: ViewSpec): string {
  return spec.view === 'city' ? `city:${spec.period}:${spec.kind}` : `unit:${spec.period}:${spec.unitCode}`;
}

/** Flat records of numbers, strings and nulls (metrics, unit figures) compare field by field. */
export function sameFields<T extends object>(a: T, b: T): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.is(left[key], right[key]));
}

export function sameMetrics(a: Metrics, b: Metrics): boolean {
  return sameFields(a, b);
}

export type CityDiff =
  /** The period moved (midnight) or the catalog's units of that kind changed: only a snapshot can say it. */
  | { kind: 'snapshot' }
  | { kind: 'update'; units: UnitFigures[]; totalChanged: boolean };

/** What changed from the figures a room was last told to fresh ones. */
export function diffCity(before: Snapshot, after: Snapshot): CityDiff {
  if (before.from !== after.from || before.to !== after.to || before.kind !== after.kind) return { kind: 'snapshot' };
  if (before.units.length !== after.units.length) return { kind: 'snapshot' };
  const previous = new Map(before.units.map((u) => [u.code, u]));
  const units: UnitFigures[] = [];
  for (const unit of after.units) {
    const old = previous.get(unit.code);
    if (!old) return { kind: 'snapshot' };
    if (!sameFields(old, unit)) units.push(unit);
  }
  return { kind: 'update', units, totalChanged: !sameMetrics(before.total, after.total) };
}
