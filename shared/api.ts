import { z } from 'zod';
import type { DisplayPlaylist } from './admin.js';
import type { ScoringConfig } from './figures.js';

/** Every error the API answers: `{"error": {"code", "message", "details"}}`. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof errorBodySchema>;

export const ROLES = ['admin', 'leader', 'unit_head', 'presenter', 'display', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

/** A list read newest first, `limit` at a time (at most 1000), paging back with `before`: the `seq` of the last one shown. */
export function newestFirstQuerySchema(defaultLimit: number) {
  return z.object({
    limit: z.coerce.number().int().min(1).max(1000).default(defaultLimit),
    before: z.coerce.number().int().positive().optional(),
  });
}

/** `GET /api/v1/me`: who the token or session belongs to. */
export interface Me {
  id: string;
  name: string;
  role: Role;
  /** For unit_head and limited ingest keys: the units they may see or write; null = all. */
  units: string[] | null;
  /** How this request was authenticated: a session cookie (the browser sign-in) or a bearer token. */
  authenticatedBy?: 'session' | 'token';
  /** Display tokens: the wall's playlist, which `/display` plays when its address names none. */
  playlist?: DisplayPlaylist | null;
}

/**
 * Whether `reader` may open one unit's details (its page, its live view): a unit head only its own units. The server's
 * policy asks this (server/auth/policy.ts); the client asks it so as not to offer what the server would refuse.
 */
export function mayOpenUnit(reader: Pick<Me, 'role' | 'units'>, unitCode: string): boolean {
  return reader.role !== 'unit_head' || (reader.units?.includes(unitCode) ?? false);
}

/**
 * The built-in simulator's back-fill, in `GET /api/v1/health` while the simulator runs in the server (`npm start`):
 * until `doneAt`, the history is still arriving (newest day first), so comparisons with earlier periods, pending and
 * overdue counts and the ticker's changes are not yet the city's.
 */
export const simulatorBackfillSchema = z.object({
  days: z.number(),
  daysDone: z.number(),
  /**
   * Whether the last day sent held events the server had not stored (true before the first day is done): false when
   * a restarted simulator re-sends a history the database already holds, which changes no figure.
   */
  addingHistory: z.boolean(),
  /** When the whole back-fill had been acknowledged; null while it runs. */
  doneAt: z.string().nullable(),
});
export type SimulatorBackfill = z.infer<typeof simulatorBackfillSchema>;

/** `GET /api/v1/health`. */
export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['postgres', 'pglite']),
  version: z.string(),
  /** Present only where the built-in simulator runs. */
  simulator: z.object({ backfill: simulatorBackfillSchema }).optional(),
});
export type Health = z.infer<typeof healthSchema>;

/** Whether figures of earlier periods are still filling in: the back-fill runs and adds what the database lacked. */
export const historyArriving = (backfill: SimulatorBackfill | null): boolean => backfill !== null && backfill.doneAt === null && backfill.addingHistory;

/** `GET /api/v1/config`: what the client needs to render figures the way the server computes them. */
export interface PublicConfig {
  timeZone: string;
  liveIntervalMs: number;
  scoring: ScoringConfig;
  /** Build id of the served client; a wall display reloads itself when it changes. */
  clientVersion: string;
}
