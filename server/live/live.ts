/**
 * The live channel (CONTRACT.md, "Live: Socket.IO"): the typed Socket.IO server, its handshake auth, the
 * subscribe / unsubscribe / resync handlers, and the wiring of "these units changed" (this node's commits and,
 * over Redis, other nodes') into the view hub that computes and emits the coalesced messages.
 */
import type { EventEmitter } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import type { Kysely } from 'kysely';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { subscribeSchema, type Ack, type ClientToServerEvents, type ErrorBody, type InterServerEvents, type ServerToClientEvents, type SocketData } from '../../shared/live.js';
import type { ChangeEvents } from '../app.js';
import { resolveCredentials } from '../auth/principal.js';
import { can } from '../auth/policy.js';
import type { Principal } from '../auth/tokens.js';
import type { Catalog } from '../catalog/catalog.service.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { FiguresService } from '../figures/figures.service.js';
import { AppError, isDatabaseDown } from '../http/errors.js';
import type { LogFunction } from '../observability/logger.js';
import { LiveCounters, summary, type LiveStatsSnapshot } from './live.stats.js';
import { linkRedis, type RedisLink } from './redis.js';
import { ViewHub, type LiveServer, type View } from './view-hub.js';
import { viewKey, viewSpec } from './views.js';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const STATS_LOG_EVERY_MS = 60_000;

export interface LiveDeps {
  httpServer: HttpServer;
  config: Pick<Config, 'adminToken' | 'liveIntervalMs' | 'timeZone' | 'redisUrl'>;
  db: Kysely<Database>;
  catalog: Catalog;
  figures: FiguresService;
  changes: EventEmitter<ChangeEvents>;
  now: () => Date;
  log: LogFunction;
  /** Waits until the events this node acknowledged are in the figures (a new subscriber's first snapshot has them). */
  settled?: () => Promise<void>;
}

export interface Live {
  io: LiveServer;
  /** Counters of this node: sockets, subscribers per view key, messages sent, commit-to-emit delay. */
  stats(): LiveStatsSnapshot;
  /** Tells this node's sockets of a principal `unauthorized` and closes them (its credentials were revoked). */
  disconnectPrincipal(principalId: string): void;
  /** Stops the timers and closes every socket (clients see a transport close and reconnect, elsewhere or later). */
  close(): Promise<void>;
}

const principalRoom = (principalId: string) => `principal:${principalId}`;

function refusal(code: 'unauthorized' | 'forbidden' | 'database_unavailable' | 'internal', message: string): Error {
  return Object.assign(new Error(code), { data: { code, message } satisfies ErrorBody });
}

function failure(code: string, message: string): Ack {
  return { ok: false, error: { code, message } };
}

/** The acknowledgement to answer with, or a no-op when the client sent none. */
function replier(ack: unknown): (result: Ack) => void {
  return typeof ack === 'function' ? (result) => (ack as (result: Ack) => void)(result) : () => undefined;
}

export async function createLive(deps: LiveDeps): Promise<Live> {
  const { config, log, changes } = deps;
  const counters = new LiveCounters();
  let hub: ViewHub | undefined;
  let announce: (() => void) | undefined;
  // Redis back: this node recomputes its views (it missed the others' changes), and tells the others to do the
  // same (they missed the changes this node could not announce meanwhile).
  const redis: RedisLink | null = config.redisUrl
    ? await linkRedis(config.redisUrl, log, () => {
        deps.figures.invalidate();
        hub?.markChanged(null);
        announce?.();
      })
    : null;

  const options: Partial<ServerOptions> = {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    ...(redis
      ? { adapter: redis.adapter }
      : // Single node: a blip reconnects to the same node with its rooms. Not with Redis: rooms and seq are per
        // node, and restoring a session there would make reconnects wait on Redis while it is down.
        { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false } }),
  };
  const io: LiveServer = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(deps.httpServer, options);
  const views = new ViewHub({
    io, db: deps.db, catalog: deps.catalog, figures: deps.figures, now: deps.now,
    timeZone: config.timeZone, intervalMs: config.liveIntervalMs, log, counters,
  });
  hub = views;

  io.use(async (socket, next) => {
    try {
      const token: unknown = socket.handshake.auth?.token;
      const resolution = await resolveCredentials({ adminToken: config.adminToken, db: deps.db, now: deps.now }, { headers: socket.handshake.headers, token });
      if (!resolution.principal) {
        if (resolution.reason === 'cross_origin') return next(refusal('forbidden', 'a session may only be used from this site'));
        return next(refusal('unauthorized', resolution.reason === 'missing' ? 'send auth: { token }' : 'unknown, revoked or expired token or session'));
      }
      const p = resolution.principal;
      // Field by field: a recovered socket keeps its subscription.
      socket.data.principalId = p.id;
      socket.data.principalName = p.name;
      socket.data.role = p.role;
      socket.data.units = p.units;
      socket.data.subscription ??= null;
      next();
    } catch (error) {
      if (isDatabaseDown(error)) return next(refusal('database_unavailable', 'the database is unreachable; retry later'));
      log('error', 'live: handshake failed', error);
      next(refusal('internal', 'an internal error occurred; it has been logged'));
    }
  });

  /** Latest subscribe per socket: an older one still computing must not win over a newer one. */
  const tickets = new WeakMap<LiveSocket, number>();

  const principalOf = (socket: LiveSocket): Principal => ({ id: socket.data.principalId, name: socket.data.principalName, role: socket.data.role, units: socket.data.units });

  const leave = (socket: LiveSocket) => {
    const current = socket.data.subscription;
    if (current) void socket.leave(viewKey(viewSpec(current)));
    socket.data.subscription = null;
  };

  /** Hands the socket the view's state and puts it in the room, in one synchronous step (see view-hub.ts). */
  const handOver = (socket: LiveSocket, view: View) => {
    socket.emit('snapshot', views.snapshotOf(view));
    void socket.join(view.key);
    counters.snapshotsSent += 1;
  };

  async function subscribe(socket: LiveSocket, payload: unknown, reply: (result: Ack) => void): Promise<void> {
    const parsed = subscribeSchema.safeParse(payload);
    if (!parsed.success) {
      return reply(failure('invalid_subscription', `invalid subscription: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'subscription'}: ${i.message}`).join('; ')}`));
    }
    const subscription = parsed.data;
    const spec = viewSpec(subscription);
    const action = spec.view === 'city' ? { kind: 'readCity' as const } : { kind: 'readUnitDetail' as const, unitCode: spec.unitCode };
    if (!can(principalOf(socket), action)) {
      return reply(failure('forbidden', spec.view === 'city' ? `the ${socket.data.role} role may not read city figures` : `the ${socket.data.role} role may not read the details of unit '${spec.unitCode}'`));
    }
    if (spec.view === 'unit' && !deps.catalog.unit(spec.unitCode)) return reply(failure('not_found', `unit '${spec.unitCode}' not found`));
    const ticket = (tickets.get(socket) ?? 0) + 1;
    tickets.set(socket, ticket);
    leave(socket);
    let view: View;
    try {
      await deps.settled?.();
      view = await views.prepare(spec);
    } catch (error) {
      return reply(errorAck(error));
    }
    if (tickets.get(socket) !== ticket) return reply(failure('superseded', 'a later subscribe of this socket replaced this one'));
    if (socket.disconnected) return;
    socket.data.subscription = subscription;
    reply({ ok: true });
    handOver(socket, view);
  }

  async function resync(socket: LiveSocket, reply: (result: Ack) => void): Promise<void> {
    const subscription = socket.data.subscription;
    if (!subscription) return reply(failure('not_subscribed', 'subscribe first'));
    const ticket = tickets.get(socket) ?? 0;
    let view: View;
    try {
      view = await views.prepare(viewSpec(subscription));
    } catch (error) {
      return reply(errorAck(error));
    }
    if (tickets.get(socket) !== ticket || socket.disconnected) return reply(failure('superseded', 'a later subscribe of this socket replaced this one'));
    reply({ ok: true });
    handOver(socket, view);
  }

  function errorAck(error: unknown): Ack {
    if (error instanceof AppError) return failure(error.code, error.message);
    if (isDatabaseDown(error)) return failure('database_unavailable', 'the database is unreachable; retry later');
    log('error', 'live: subscription failed', error);
    return failure('internal', 'an internal error occurred; it has been logged');
  }

  io.on('connection', (socket) => {
    void socket.join(principalRoom(socket.data.principalId));
    socket.on('subscribe', (payload, ack) => void subscribe(socket, payload, replier(ack)));
    socket.on('unsubscribe', (ack) => {
      tickets.set(socket, (tickets.get(socket) ?? 0) + 1);
      leave(socket);
      replier(ack)({ ok: true });
    });
    socket.on('resync', (ack) => void resync(socket, replier(ack)));
    // A recovered connection (single node, brief drop) is back in its room, but its place in the room's
    // sequence is unknown: start it over with a fresh snapshot.
    if (socket.recovered && socket.data.subscription) void subscribe(socket, socket.data.subscription, () => undefined);
  });

  const runTick = () => {
    try {
      views.tick();
    } catch (error) {
      // Whatever went wrong in one turn, the next one must still come: never let the timer take the process down.
      log('error', 'live: tick failed', error);
    }
  };
  // A change turns the views at once rather than at the next timer turn: a view that has been quiet for an
  // interval emits right away (the median delay drops by half an interval); the others keep their spacing,
  // which tick() enforces per view. Several changes in one turn of the event loop make one extra tick.
  let extraTick: NodeJS.Immediate | null = null;
  const tickSoon = () => {
    extraTick ??= setImmediate(() => {
      extraTick = null;
      runTick();
    });
  };

  // This node's commits, and (over Redis) the other nodes'.
  const onChanged = (units: Set<string>) => {
    const committedAt = Date.now();
    views.markChanged(committedAt);
    if (redis?.isReady()) io.serverSideEmit('unitsChanged', [...units], committedAt);
    tickSoon();
  };
  changes.on('unitsChanged', onChanged);
  announce = () => {
    io.serverSideEmit('unitsChanged', [], Date.now());
    tickSoon();
  };
  if (redis) {
    io.on('unitsChanged', (_units, committedAt) => {
      deps.figures.invalidate();
      views.markChanged(typeof committedAt === 'number' ? committedAt : null);
      tickSoon();
    });
  }

  const ticker = setInterval(runTick, config.liveIntervalMs);
  ticker.unref();
  const stats = (): LiveStatsSnapshot => counters.snapshot(io.of('/').sockets.size, views.subscriptions());
  let logged = stats();
  const statsLogger = setInterval(() => {
    const now = stats();
    log('info', summary(now, logged));
    logged = now;
  }, STATS_LOG_EVERY_MS);
  statsLogger.unref();

  let closed = false;
  return {
    io,
    stats,
    disconnectPrincipal(principalId) {
      const room = principalRoom(principalId);
      io.local.to(room).emit('unauthorized', { code: 'unauthorized', message: 'these credentials were revoked or expired; sign in again' });
      io.local.in(room).disconnectSockets(true);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      if (extraTick) clearImmediate(extraTick);
      clearInterval(statsLogger);
      changes.off('unitsChanged', onChanged);
      // Not io.close(): that would also close the HTTP server, which app.stop() drains itself.
      io.engine.close();
      await io.of('/').adapter.close();
      await redis?.close();
    },
  };
}
