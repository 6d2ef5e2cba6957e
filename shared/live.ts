/**
 * The typed Socket.IO channel (CONTRACT.md, "Live: Socket.IO"), used by the server and the client alike.
 *
 * How a client uses it:
 * - Connect with `auth: { token }` (or a signed-in browser's session cookie). A refused handshake ends in
 *   `connect_error` with `message` 'unauthorized' (unknown, revoked or expired credentials), 'forbidden' (a session
 *   cookie from another site) or 'database_unavailable' / 'internal' (retry later); `error.data` holds the
 *   `{ code, message }`. Socket.IO does not retry a refused handshake by itself: call `socket.connect()` again
 *   after a delay unless the reason was 'unauthorized'.
 * - One subscription per socket: `subscribe` replaces the previous one (a unit view's `kind` is ignored: the unit is
 *   ranked among the units of its own kind). Always (re-)subscribe on every `connect`
 *   event: after a network drop, a server restart or a move to another node the server has forgotten the socket,
 *   and the fresh `snapshot` that follows the subscription is what puts the figures right again.
 * - `seq` counts the messages (`snapshot` and `update`) of the subscription: an `update` whose seq is not the last
 *   seq + 1 means something was missed; emit `resync` and wait for the next `snapshot` (ignore updates until then).
 *   A `snapshot` can arrive at any time, not only after subscribe or resync (the period rolled over at midnight,
 *   the catalog changed, a unit view's day changed): replace everything with it and take its seq.
 * - The server never goes silent for long: when nothing changed for 30 s it sends an `update` with `units: []`
 *   (a heartbeat: fresh `asOf` and `total`), so a quiet screen can tell "no news" from "connection lost".
 */
import { z } from 'zod';
import { unitCodeSchema, unitKindSchema } from './catalog.js';
import { namedPeriodSchema, type Snapshot, type UnitFigures, type UnitSnapshot } from './snapshot.js';
import type { Metrics } from './figures.js';
import type { Role } from './api.js';

export const subscribeSchema = z
  .object({
    view: z.enum(['city', 'unit']),
    unitCode: unitCodeSchema.optional(),
    period: namedPeriodSchema,
    kind: unitKindSchema.optional(),
  })
  .refine((s) => s.view !== 'unit' || s.unitCode !== undefined, { message: 'a unit view needs unitCode' });
export type Subscription = z.infer<typeof subscribeSchema>;

export interface ErrorBody {
  code: string;
  message: string;
}
export type Ack = { ok: true } | { ok: false; error: ErrorBody };

/** A city snapshot as pushed on the channel. */
export type LiveSnapshot = Snapshot & { seq: number; view: 'city' };
/** A unit snapshot as pushed on the channel. */
export type LiveUnitSnapshot = UnitSnapshot & { seq: number; view: 'unit' };

/**
 * Coalesced changes since the previous message of the subscription (at most one per `liveIntervalMs`).
 * City view: `total` is the city total and `units` the units of the view's kind whose figures changed (rank
 * included), to merge by code. Unit view: `units` is `[the unit's figures]` when they changed (rank among its
 * peers included), else empty; `total` is the city total. A unit view's update does not carry procedures,
 * overdue dossiers or series: emit `resync` (throttled) to get a fresh unit `snapshot` with them.
 */
export interface LiveUpdate {
  seq: number;
  asOf: string;
  total: Metrics;
  /** Only the units whose figures changed; merge by code. */
  units: UnitFigures[];
}

export interface ServerToClientEvents {
  snapshot: (body: LiveSnapshot | LiveUnitSnapshot) => void;
  update: (body: LiveUpdate) => void;
  /** The server asks the client to sign in again (token revoked or expired). */
  unauthorized: (error: ErrorBody) => void;
}

export interface ClientToServerEvents {
  subscribe: (subscription: Subscription, ack: (result: Ack) => void) => void;
  unsubscribe: (ack?: (result: Ack) => void) => void;
  /** The client saw a gap in seq and asks for a fresh snapshot. */
  resync: (ack?: (result: Ack) => void) => void;
}

export interface InterServerEvents {
  /** Another node committed events touching these units, at `committedAt` (ms since the epoch, its clock). */
  unitsChanged: (unitCodes: string[], committedAt: number) => void;
}

/** Server side only. `seq` is not here: it is kept per view (room) on the node that computes it. */
export interface SocketData {
  principalId: string;
  principalName: string;
  role: Role;
  /** Units a unit_head may see in detail; null = all. */
  units: string[] | null;
  subscription: Subscription | null;
}
