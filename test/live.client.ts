/**
 * A test client of the live channel that behaves like the real one (CONTRACT.md and shared/live.ts):
 * re-subscribes on every connect, merges updates into the last snapshot, resyncs on a seq gap.
 * It records everything it receives, so tests can check seq continuity and message contents.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, LiveSnapshot, LiveUnitSnapshot, LiveUpdate, ServerToClientEvents, Subscription } from '../shared/live.js';
import type { Snapshot, UnitSnapshot } from '../shared/snapshot.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Message = { event: 'snapshot'; body: LiveSnapshot | LiveUnitSnapshot } | { event: 'update'; body: LiveUpdate };

export interface LiveClientOptions {
  token?: string;
  /** Subscribed on every connect, as the real client does. */
  subscription?: Subscription;
}

export class LiveClient {
  readonly socket: ClientSocket;
  readonly messages: Message[] = [];
  readonly acks: Ack[] = [];
  readonly connectErrors: Error[] = [];
  readonly unauthorized: unknown[] = [];
  readonly disconnects: string[] = [];
  city: Snapshot | null = null;
  unit: UnitSnapshot | null = null;
  seq: number | null = null;
  gaps = 0;
  connects = 0;
  private subscription: Subscription | undefined;

  constructor(url: string, options: LiveClientOptions = {}) {
    this.subscription = options.subscription;
    this.socket = io(url, {
      auth: { token: options.token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
    });
    this.socket.on('connect', () => {
      this.connects += 1;
      if (this.subscription) this.socket.emit('subscribe', this.subscription, (ack) => this.acks.push(ack));
    });
    this.socket.on('connect_error', (error) => this.connectErrors.push(error));
    this.socket.on('disconnect', (reason) => {
      this.disconnects.push(reason);
      this.seq = null;
    });
    this.socket.on('unauthorized', (error) => this.unauthorized.push(error));
    this.socket.on('snapshot', (body) => {
      this.messages.push({ event: 'snapshot', body });
      this.seq = body.seq;
      if (body.view === 'city') {
        const { seq: _seq, view: _view, ...plain } = body;
        this.city = plain;
      } else {
        const { seq: _seq, view: _view, ...plain } = body;
        this.unit = plain;
      }
    });
    this.socket.on('update', (body) => {
      this.messages.push({ event: 'update', body });
      if (this.seq === null) return;
      if (body.seq !== this.seq + 1) {
        this.gaps += 1;
        this.seq = null;
        this.socket.emit('resync');
        return;
      }
      this.seq = body.seq;
      if (this.city) {
        const changed = new Map(body.units.map((u) => [u.code, u]));
        const units = this.city.units.map((u) => changed.get(u.code) ?? u).sort((a, b) => a.rank - b.rank);
        this.city = { ...this.city, asOf: body.asOf, total: body.total, units };
      }
      if (this.unit) {
        const mine = body.units.find((u) => u.code === this.unit?.unit.code);
        this.unit = { ...this.unit, asOf: body.asOf, ...(mine ? { unit: mine } : {}) };
      }
    });
  }

  /** Subscribes now (and on every later connect); answers the acknowledgement. */
  async subscribe(subscription: Subscription): Promise<Ack> {
    this.subscription = subscription;
    this.city = null;
    this.unit = null;
    this.seq = null;
    return this.socket.emitWithAck('subscribe', subscription);
  }

  snapshots(): (LiveSnapshot | LiveUnitSnapshot)[] {
    return this.messages.flatMap((m) => (m.event === 'snapshot' ? [m.body] : []));
  }

  updates(): LiveUpdate[] {
    return this.messages.flatMap((m) => (m.event === 'update' ? [m.body] : []));
  }

  /** Waits until `check` answers something other than undefined/false, polling; fails with `what` after `timeoutMs`. */
  async until<T>(check: () => T | undefined | false | null, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false && value !== null) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.messages.map((m) => [m.event, m.body.seq]))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.close();
  }
}

/** Whether the seqs of the messages since the last snapshot rise by exactly one. */
export function continuousSince(messages: readonly Message[], fromIndex = 0): boolean {
  let last: number | null = null;
  for (const m of messages.slice(fromIndex)) {
    if (m.event === 'snapshot') last = m.body.seq;
    else if (last !== null) {
      if (m.body.seq !== last + 1) return false;
      last = m.body.seq;
    }
  }
  return true;
}

/** A snapshot without its time stamp, to compare figures computed at two moments. */
export function figuresOf(snapshot: Snapshot | (Snapshot & { seq?: number; view?: string })) {
  return { from: snapshot.from, to: snapshot.to, kind: snapshot.kind, total: snapshot.total, units: snapshot.units };
}
