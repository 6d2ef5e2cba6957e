/** React hooks over the page's one live connection. */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { UnitKind } from '../../../shared/catalog.js';
import type { NamedPeriod, Snapshot, UnitSnapshot } from '../../../shared/snapshot.js';
import { useApp } from '../context.js';
import { mergeUpdate } from '../lib/live.js';
import { notableEvents } from '../lib/ticker.js';
import type { LiveState } from '../live/connection.js';
import type { ErrorBody } from '../../../shared/live.js';

export function useLiveState(): LiveState {
  const { live } = useApp();
  return useSyncExternalStore(live.onChange, live.getState);
}

/** The city snapshot of one period and kind, kept current by live updates; null until the first snapshot. */
export function useLiveCity(period: NamedPeriod, kind: UnitKind, enabled = true): Snapshot | null {
  const { live } = useApp();
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const current = useRef<Snapshot | null>(null);

  useEffect(() => {
    if (!enabled) return;
    current.current = null;
    setSnapshot(null);
    return live.attach({
      subscription: { view: 'city', period, kind },
      onSnapshot: (body) => {
        if (body.view !== 'city') return;
        const { seq: _seq, view: _view, ...plain } = body;
        current.current = plain;
        setSnapshot(plain);
      },
      onUpdate: (update) => {
        const before = current.current;
        if (!before) return;
        live.addTicker(notableEvents(before.units, update.units), update.asOf, update.seq);
        const next = mergeUpdate(before, update);
        current.current = next;
        setSnapshot(next);
      },
    });
  }, [live, period, kind, enabled]);

  return snapshot;
}

/** Resync at most this often for a unit: an update carries its figures but not its dossiers and series. */
const UNIT_RESYNC_MS = 15_000;

/** One unit's snapshot, live: figures merge at once, the rest comes with a throttled fresh snapshot. */
export function useLiveUnit(unitCode: string, period: NamedPeriod, enabled = true): { data: UnitSnapshot | null; refused: ErrorBody | null } {
  const { live } = useApp();
  const [snapshot, setSnapshot] = useState<UnitSnapshot | null>(null);
  const [refused, setRefused] = useState<ErrorBody | null>(null);

  useEffect(() => {
    if (!enabled) return;
    setSnapshot(null);
    setRefused(null);
    let lastResync = Date.now();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const detach = live.attach({
      subscription: { view: 'unit', unitCode, period },
      onRefused: setRefused,
      onSnapshot: (body) => {
        if (body.view !== 'unit') return;
        const { seq: _seq, view: _view, ...plain } = body;
        setSnapshot(plain);
      },
      onUpdate: (update) => {
        const unit = update.units.find((u) => u.code === unitCode);
        if (!unit) return;
        setSnapshot((s) => (s ? { ...s, asOf: update.asOf, unit } : s));
        if (timer) return;
        const wait = Math.max(0, lastResync + UNIT_RESYNC_MS - Date.now());
        timer = setTimeout(() => {
          timer = null;
          lastResync = Date.now();
          live.resync();
        }, wait);
      },
    });
    return () => {
      if (timer) clearTimeout(timer);
      detach();
    };
  }, [live, unitCode, period, enabled]);

  return { data: snapshot, refused };
}
