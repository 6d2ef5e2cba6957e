/**
 * The one typed Socket.IO connection of the page. The server keeps one subscription per socket, so the page
 * has one active subscriber at a time: the view on screen. Sequence gaps trigger a resync; reconnects re-subscribe.
 */
import { io, type Socket } from 'socket.io-client';
import { healthSchema, historyArriving, type SimulatorBackfill } from '../../../shared/api.js';
import type { ClientToServerEvents, ErrorBody, LiveSnapshot, LiveUnitSnapshot, LiveUpdate, ServerToClientEvents, Subscription } from '../../../shared/live.js';
import { isNextSeq } from '../lib/live.js';
import { pushTicker, type TickerEvent, type TickerItem } from '../lib/ticker.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

export interface LiveHandler {
  subscription: Subscription;
  onSnapshot(body: LiveSnapshot | LiveUnitSnapshot): void;
  onUpdate(body: LiveUpdate): void;
  /** The server refused the subscription (unknown unit, no right to see it). */
  onRefused?(error: ErrorBody): void;
}

export interface LiveState {
  status: LiveStatus;
  /** When the last snapshot or update arrived (ms since epoch), for the stale banner. */
  lastMessageAt: number | null;
  /**
   * From when the stale banner counts the channel's silence: the last message, moved on by the time no view was
   * attached since. A wall view read over REST (the procedures) expects no message: its minutes on screen are no
   * silence of the channel, and the live view after it must not come on screen stale.
   */
  quietSince: number | null;
  /** asOf of the last message, shown as "Cập nhật hh:mm:ss". */
  asOf: string | null;
  ticker: TickerItem[];
  /** The built-in simulator's back-fill while it runs (`/api/v1/health`), for the notice; null where there is none. */
  backfill: SimulatorBackfill | null;
}

/** How often the back-fill's progress is asked for while it runs. */
export const BACKFILL_POLL_MS = 3000;

/** The back-fill as `/api/v1/health` reports it; null when no simulator back-fills there. */
async function fetchBackfill(): Promise<SimulatorBackfill | null> {
  const response = await fetch('/api/v1/health', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`health answered ${response.status}`);
  return healthSchema.parse(await response.json()).simulator?.backfill ?? null;
}

/** The page's Socket.IO socket to its own origin; without a token the handshake carries the session cookie. */
function openSocket(token: string | null): ClientSocket {
  return io({ auth: token ? { token } : {}, transports: ['websocket'], withCredentials: true, autoConnect: true });
}

/** What a connection reaches outside itself; a test gives stand-ins. */
export interface LiveDeps {
  openSocket(token: string | null): ClientSocket;
  readBackfill(): Promise<SimulatorBackfill | null>;
}

function matches(subscription: Subscription, body: LiveSnapshot | LiveUnitSnapshot): boolean {
  if (body.view === 'unit') return subscription.view === 'unit' && body.unit.code === subscription.unitCode;
  return subscription.view === 'city' && body.kind === (subscription.kind ?? 'district');
}

export class LiveConnection {
  private readonly socket: ClientSocket;
  private handler: LiveHandler | null = null;
  private seq: number | null = null;
  private state: LiveState = { status: 'connecting', lastMessageAt: null, quietSince: null, asOf: null, ticker: [], backfill: null };
  /** Since when no view has been attached; null while one is. */
  private detachedAt: number | null = null;
  private readonly listeners = new Set<() => void>();
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private backfillTimer: ReturnType<typeof setTimeout> | null = null;
  private backfillAsked = false;
  private readonly readBackfill: LiveDeps['readBackfill'];

  /** Without a token the handshake carries the browser's session cookie (same origin). */
  constructor(
    token: string | null,
    private readonly onUnauthorized: () => void,
    deps: Partial<LiveDeps> = {},
  ) {
    this.readBackfill = deps.readBackfill ?? fetchBackfill;
    this.socket = (deps.openSocket ?? openSocket)(token);
    this.socket.on('connect', () => {
      this.retries = 0;
      this.setState({ status: 'connected' });
      this.subscribe();
      // On the first connect, and on every reconnect to a server that ran a simulator (restarted, it back-fills
      // again); not on every reconnect to one without, where thousands of screens may come back at once.
      if (!this.backfillAsked || this.state.backfill !== null) void this.checkBackfill();
      this.backfillAsked = true;
    });
    this.socket.on('disconnect', (reason) => {
      this.setState({ status: 'disconnected' });
      this.seq = null;
      // A disconnect the server made is not retried by Socket.IO on its own; a wall display must come back.
      if (reason === 'io server disconnect') this.retryLater();
    });
    this.socket.on('connect_error', (error) => {
      this.setState({ status: 'disconnected' });
      if (error.message === 'unauthorized') {
        this.onUnauthorized();
        return;
      }
      // Socket.IO retries a failed transport itself, but not a handshake the server refused
      // (database unavailable, internal error): try again later, with a growing delay.
      if (!this.socket.active) this.retryLater();
    });
    this.socket.on('unauthorized', () => this.onUnauthorized());
    this.socket.on('snapshot', (body) => {
      if (!this.handler || !matches(this.handler.subscription, body)) return;
      this.seq = body.seq;
      this.touch(body.asOf);
      this.handler.onSnapshot(body);
    });
    this.socket.on('update', (body) => {
      if (!this.handler || this.seq === null) return;
      if (!isNextSeq(this.seq, body)) {
        this.seq = null;
        this.socket.emit('resync');
        return;
      }
      this.seq = body.seq;
      this.touch(body.asOf);
      this.handler.onUpdate(body);
    });
  }

  /** Makes `handler` the page's subscriber; the returned function gives the socket up again. */
  attach(handler: LiveHandler): () => void {
    const { quietSince } = this.state;
    if (this.detachedAt !== null && quietSince !== null) this.setState({ quietSince: quietSince + Date.now() - this.detachedAt });
    this.detachedAt = null;
    this.handler = handler;
    this.seq = null;
    this.subscribe();
    return () => {
      if (this.handler !== handler) return;
      this.handler = null;
      this.seq = null;
      this.detachedAt = Date.now();
      if (this.socket.connected) this.socket.emit('unsubscribe');
    };
  }

  /** Asks for a fresh snapshot of the current subscription. */
  resync(): void {
    if (this.socket.connected) this.socket.emit('resync');
  }

  /** Notable changes for the ticker; none while a back-fill adds history (its changes are the past arriving, not news). */
  addTicker(events: TickerEvent[], at: string, seq: number): void {
    if (events.length > 0 && !historyArriving(this.state.backfill)) this.setState({ ticker: pushTicker(this.state.ticker, events, at, seq) });
  }

  getState = (): LiveState => this.state;

  onChange = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.backfillTimer) clearTimeout(this.backfillTimer);
    this.handler = null;
    this.listeners.clear();
    this.socket.removeAllListeners();
    this.socket.close();
  }

  private retryLater(): void {
    if (this.closed || this.retryTimer) return;
    const delay = Math.min(30_000, 1000 * 2 ** this.retries) * (0.75 + Math.random() * 0.5);
    this.retries += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  /** Asks for the back-fill's progress, and again every BACKFILL_POLL_MS until it is done (or there is none). */
  private async checkBackfill(): Promise<void> {
    if (this.backfillTimer) clearTimeout(this.backfillTimer);
    this.backfillTimer = null;
    let backfill = this.state.backfill;
    try {
      backfill = await this.readBackfill();
    } catch {
      // Unreachable or unreadable: the last answer stands, and is asked for again while it says the back-fill runs.
    }
    if (this.closed) return;
    if (JSON.stringify(backfill) !== JSON.stringify(this.state.backfill)) this.setState({ backfill });
    if (backfill?.doneAt === null && !this.backfillTimer) this.backfillTimer = setTimeout(() => void this.checkBackfill(), BACKFILL_POLL_MS);
  }

  private subscribe(): void {
    if (!this.handler || !this.socket.connected) return;
    const handler = this.handler;
    this.socket.emit('subscribe', handler.subscription, (ack) => {
      if (ack.ok || this.handler !== handler) return;
      // Nothing on this page is live: the last view's time would read as this one's, and as stale 90 s later.
      this.setState({ asOf: null, lastMessageAt: null, quietSince: null });
      handler.onRefused?.(ack.error);
    });
  }

  private touch(asOf: string): void {
    const now = Date.now();
    this.setState({ lastMessageAt: now, quietSince: now, asOf });
  }

  private setState(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
