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

/** `GET /api/v1/config`: what the client needs to render figures the way the server computes them. */
export interface PublicConfig {
  timeZone: string;
  liveIntervalMs: number;
  scoring: ScoringConfig;
  /** Build id of the served client; a wall display reloads itself when it changes. */
  clientVersion: string;
}
