import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SimulatorBackfill } from '../../../shared/api.js';
import type { LiveUpdate } from '../../../shared/live.js';
import type { TickerEvent } from '../lib/ticker.js';
import { metrics, snapshot, unit } from '../lib/fixtures.js';
import { BACKFILL_POLL_MS, LiveConnection, type LiveDeps } from './connection.js';

/** A stand-in for the Socket.IO client socket: records emits, lets the test fire server events. */
class FakeSocket {
  connected = false;
  active = true;
  handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  emitted: { event: string; args: unknown[] }[] = [];
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    this.emitted.push({ event, args });
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  connect = vi.fn();
  close = vi.fn();
  removeAllListeners = vi.fn();
}

let socket: FakeSocket;
/** A connection over the test's socket, asking the test's reader for the back-fill (none by default). */
function connect({ onUnauthorized = () => undefined, readBackfill = async () => null }: { onUnauthorized?: () => void; readBackfill?: LiveDeps['readBackfill'] } = {}) {
  return new LiveConnection('t', onUnauthorized, { openSocket: () => socket as unknown as ReturnType<LiveDeps['openSocket']>, readBackfill });
}

const update = (seq: number, units = [unit('A', 1)]): LiveUpdate => ({ seq, asOf: '2026-11-24T10:00:00+07:00', total: metrics(), units });
const emittedNames = () => socket.emitted.map((e) => e.event);

describe('LiveConnection', () => {
  beforeEach(() => {
    socket = new FakeSocket();
  });

  it('subscribes on connect and again after a reconnect', () => {
    const live = connect();
    live.attach({ subscription: { view: 'city', period: 'today', kind: 'district' }, onSnapshot: vi.fn(), onUpdate: vi.fn() });
    expect(emittedNames()).toEqual([]);
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    expect(live.getState().status).toBe('disconnected');
    socket.fire('connect');
    expect(emittedNames()).toEqual(['subscribe', 'subscribe']);
    expect(live.getState().status).toBe('connected');
  });

  it('passes updates in sequence, and asks for a resync at a gap, ignoring updates until the next snapshot', () => {
    const live = connect();
    const onUpdate = vi.fn();
    const onSnapshot = vi.fn();
    live.attach({ subscription: { view: 'city', period: 'today', kind: 'district' }, onSnapshot, onUpdate });
    socket.fire('connect');
    socket.fire('snapshot', { ...snapshot([unit('A', 1)]), seq: 7, view: 'city' });
    socket.fire('update', update(8));
    socket.fire('update', update(10));
    socket.fire('update', update(11));
    expect(onUpdate.mock.calls.map(([u]) => (u as LiveUpdate).seq)).toEqual([8]);
    expect(emittedNames()).toEqual(['subscribe', 'resync']);
    socket.fire('snapshot', { ...snapshot([unit('A', 1)]), seq: 12, view: 'city' });
    socket.fire('update', update(13));
    expect(onSnapshot).toHaveBeenCalledTimes(2);
    expect(onUpdate.mock.calls.map(([u]) => (u as LiveUpdate).seq)).toEqual([8, 13]);
    expect(live.getState().asOf).toBe('2026-11-24T10:00:00+07:00');
  });

  it('ignores a snapshot of another view (a reply to a subscription it has since replaced)', () => {
    const live = connect();
    const onSnapshot = vi.fn();
    live.attach({ subscription: { view: 'city', period: 'today', kind: 'department' }, onSnapshot, onUpdate: vi.fn() });
    socket.fire('connect');
    socket.fire('snapshot', { ...snapshot([]), kind: 'district', seq: 1, view: 'city' });
    expect(onSnapshot).not.toHaveBeenCalled();
  });

  it('signs out on an unauthorized handshake or event', () => {
    const onUnauthorized = vi.fn();
    connect({ onUnauthorized });
    socket.fire('connect_error', new Error('unauthorized'));
    socket.fire('unauthorized', { code: 'unauthorized', message: 'revoked' });
    expect(onUnauthorized).toHaveBeenCalledTimes(2);
  });

  it('retries a refused handshake later, with a delay', () => {
    vi.useFakeTimers();
    try {
      connect();
      socket.active = false;
      socket.fire('connect_error', new Error('database_unavailable'));
      expect(socket.connect).not.toHaveBeenCalled();
      vi.advanceTimersByTime(2000);
      expect(socket.connect).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts the channel’s silence only while a view is attached, so a view read over REST leaves the next one fresh', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-24T10:00:00+07:00') });
    try {
      const live = connect();
      const city = { subscription: { view: 'city', period: 'today', kind: 'district' }, onSnapshot: vi.fn(), onUpdate: vi.fn() } as const;
      const detach = live.attach(city);
      socket.fire('connect');
      socket.fire('snapshot', { ...snapshot([unit('A', 1)]), seq: 1, view: 'city' });
      const lastMessageAt = Date.now();
      expect(live.getState()).toMatchObject({ lastMessageAt, quietSince: lastMessageAt });
      vi.advanceTimersByTime(20_000);
      // The wall's procedures for two minutes: no view attached, nothing expected.
      detach();
      vi.advanceTimersByTime(120_000);
      live.attach(city);
      // The silence so far is the 20 s before; the banner still names the last message's time.
      expect(live.getState()).toMatchObject({ lastMessageAt, quietSince: lastMessageAt + 120_000 });
      // A view replaced by another at once (the wall's live views in turn) does not stop the count.
      vi.advanceTimersByTime(30_000);
      live.attach({ ...city, subscription: { view: 'city', period: 'today', kind: 'department' } });
      expect(live.getState().quietSince).toBe(lastMessageAt + 120_000);
      socket.fire('snapshot', { ...snapshot([unit('A', 1)]), kind: 'department', seq: 2, view: 'city' });
      expect(live.getState()).toMatchObject({ lastMessageAt: Date.now(), quietSince: Date.now() });
    } finally {
      vi.useRealTimers();
    }
  });

  describe('the simulator’s back-fill', () => {
    const running = (daysDone: number, addingHistory = true): SimulatorBackfill => ({ days: 92, daysDone, addingHistory, doneAt: null });
    const overdueUp: TickerEvent = { kind: 'overdueUp', unitCode: 'A', unitName: 'A', from: 1, to: 5 };
    beforeEach(() => {
      vi.useFakeTimers();
      return () => vi.useRealTimers();
    });

    it('is asked for on connect and while it runs, and keeps the ticker quiet until the history has arrived', async () => {
      const answers = [running(3), running(40), { ...running(92), doneAt: '2026-11-24T03:00:00.000Z' }];
      const reader = vi.fn(async () => answers.shift() ?? null);
      const live = connect({ readBackfill: reader });
      socket.fire('connect');
      await vi.advanceTimersByTimeAsync(0);
      expect(live.getState().backfill?.daysDone).toBe(3);
      live.addTicker([overdueUp], '2026-11-24T10:00:00+07:00', 1);
      expect(live.getState().ticker).toEqual([]);
      await vi.advanceTimersByTimeAsync(BACKFILL_POLL_MS);
      expect(live.getState().backfill?.daysDone).toBe(40);
      await vi.advanceTimersByTimeAsync(BACKFILL_POLL_MS);
      expect(live.getState().backfill?.doneAt).toBe('2026-11-24T03:00:00.000Z');
      await vi.advanceTimersByTimeAsync(5 * BACKFILL_POLL_MS);
      expect(reader).toHaveBeenCalledTimes(3);
      live.addTicker([overdueUp], '2026-11-24T10:01:00+07:00', 2);
      expect(live.getState().ticker.map((item) => item.event)).toEqual([overdueUp]);
      // A server that restarted back-fills again: asked on the next connect.
      socket.fire('disconnect', 'transport close');
      socket.fire('connect');
      await vi.advanceTimersByTimeAsync(0);
      expect(reader).toHaveBeenCalledTimes(4);
      expect(live.getState().backfill).toBeNull();
    });

    it('asks a server without a simulator once, not again on every reconnect', async () => {
      const reader = vi.fn(async () => null);
      connect({ readBackfill: reader });
      socket.fire('connect');
      await vi.advanceTimersByTimeAsync(BACKFILL_POLL_MS);
      socket.fire('disconnect', 'transport close');
      socket.fire('connect');
      await vi.advanceTimersByTimeAsync(BACKFILL_POLL_MS);
      expect(reader).toHaveBeenCalledTimes(1);
    });

    it('lets the ticker through while a restarted simulator re-sends a history already stored', async () => {
      const live = connect({ readBackfill: async () => running(30, false) });
      socket.fire('connect');
      await vi.advanceTimersByTimeAsync(0);
      live.addTicker([overdueUp], '2026-11-24T10:00:00+07:00', 1);
      expect(live.getState().ticker).toHaveLength(1);
    });

    it('keeps the last answer when the server cannot say, and asks again', async () => {
      const reader = vi.fn<() => Promise<SimulatorBackfill | null>>().mockResolvedValueOnce(running(10)).mockRejectedValueOnce(new Error('503')).mockResolvedValue(running(20));
      const live = connect({ readBackfill: reader });
      socket.fire('connect');
      await vi.advanceTimersByTimeAsync(BACKFILL_POLL_MS);
      expect(live.getState().backfill?.daysDone).toBe(10);
      await vi.advanceTimersByTimeAsync(BACKFILL_POLL_MS);
      expect(live.getState().backfill?.daysDone).toBe(20);
      live.close();
      await vi.advanceTimersByTimeAsync(5 * BACKFILL_POLL_MS);
      expect(reader).toHaveBeenCalledTimes(3);
    });
  });
});
