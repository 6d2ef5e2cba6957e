/** The typed Socket.IO channel (CONTRACT.md, "Live: Socket.IO"), used by the server and the client alike. */
import { z } from 'zod';
import { unitCodeSchema, unitKindSchema } from './catalog.js';
import { namedPeriodSchema, type Snapshot, type UnitFigures, type UnitSnapshot } from './snapshot.js';
import type { Metrics } from './figures.js';

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
  /** Another node committed events touching these units. */
  unitsChanged: (unitCodes: string[]) => void;
}

export interface SocketData {
  principalId: string;
  role: string;
  subscription: Subscription | null;
  seq: number;
}
