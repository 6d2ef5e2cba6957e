/** The sign-in and administration side of the contract: `/api/v1/auth/*` and `/api/v1/admin/*`. */
import { z } from 'zod';
import { codedViewPattern, UNIT_KINDS, unitCodeSchema } from './catalog.js';
import { newestFirstQuerySchema, ROLES } from './api.js';
import { NAMED_PERIODS, namedPeriodSchema, type NamedPeriod } from './snapshot.js';

/** Roles a person signs in with; display and ingest are machine tokens, never accounts. */
export const USER_ROLES = ['admin', 'leader', 'unit_head', 'presenter'] as const;
export const userRoleSchema = z.enum(USER_ROLES);
export type UserRole = z.infer<typeof userRoleSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._@-]{2,64}$/, '2–64 characters of A-Z a-z 0-9 . _ @ -')
  .transform((v) => v.toLowerCase());
/** Long rather than complex (NIST 800-63B); the upper bound keeps hashing cheap for attackers' junk. */
export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(256);
export const unitCodesSchema = z.array(unitCodeSchema).max(2000);

/** The header a cookie-authenticated request that changes something must carry (a CSRF guard). */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'motcua';

export const loginRequestSchema = z.object({ username: usernameSchema, password: z.string().min(1).max(256) });
export type LoginRequest = z.input<typeof loginRequestSchema>;

// ---- Display playlists: `views=overview,rankings:district,procedures,procedure:DD-CN,unit:HN-HK&interval=30&period=month` ----
const playlistEntry = z.union([
  z.literal('overview'),
  z.string().regex(new RegExp(`^rankings(:(${UNIT_KINDS.join('|')}))?$`)),
  z.literal('procedures'),
  z.string().regex(codedViewPattern('procedure')),
  z.string().regex(codedViewPattern('unit')),
]);
/** The views a playlist may name, as its refusals list them. */
const PLAYLIST_VIEWS = 'overview, rankings:<kind>, procedures, procedure:<code>, unit:<code>';
const PLAYLIST_KEYS: readonly string[] = ['views', 'interval', 'period'];
export const PLAYLIST_MIN_INTERVAL_S = 5;
export const PLAYLIST_MAX_INTERVAL_S = 3600;

export interface DisplayPlaylist {
  /** Comma-separated entries, as the `/display?views=` address takes them. */
  views: string;
  /** Seconds per view. */
  interval: number;
  /** The period every view shows (the wall's `period=`); a playlist stored without one shows today. */
  period: NamedPeriod;
}

/** Parses the query-string form of a playlist; anything unknown is an error, not silently dropped. */
export const displayPlaylistSchema = z
  .string()
  .max(2000)
  .transform((text, ctx): DisplayPlaylist => {
    const params = new URLSearchParams(text.trim().replace(/^\?/, ''));
    for (const key of params.keys()) {
      if (!PLAYLIST_KEYS.includes(key)) ctx.addIssue({ code: 'custom', message: `unknown playlist key '${key}' (${PLAYLIST_KEYS.join(', ')})` });
    }
    const entries = (params.get('views') ?? 'overview').split(',').map((s) => s.trim()).filter(Boolean);
    for (const entry of entries) {
      if (!playlistEntry.safeParse(entry).success) ctx.addIssue({ code: 'custom', message: `unknown view '${entry}' (${PLAYLIST_VIEWS})` });
    }
    const interval = params.has('interval') ? Number(params.get('interval')) : 30;
    if (!Number.isInteger(interval) || interval < PLAYLIST_MIN_INTERVAL_S || interval > PLAYLIST_MAX_INTERVAL_S) {
      ctx.addIssue({ code: 'custom', message: `interval must be a whole number of seconds, ${PLAYLIST_MIN_INTERVAL_S}–${PLAYLIST_MAX_INTERVAL_S}` });
    }
    const period = namedPeriodSchema.safeParse(params.get('period') ?? 'today');
    if (!period.success) ctx.addIssue({ code: 'custom', message: `period must be one of ${NAMED_PERIODS.join(', ')}` });
    return { views: entries.join(',') || 'overview', interval, period: period.data ?? 'today' };
  });

export function playlistToString(playlist: DisplayPlaylist): string {
  return new URLSearchParams({ views: playlist.views, interval: String(playlist.interval), period: playlist.period }).toString();
}

// ---- Admin requests ----
export const createUserRequestSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(200).optional(),
  password: passwordSchema,
  role: userRoleSchema,
  units: unitCodesSchema.nullable().optional(),
});
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z
  .object({
    disabled: z.boolean().optional(),
    units: unitCodesSchema.nullable().optional(),
    role: userRoleSchema.optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to change');
export type UpdateUserRequest = z.input<typeof updateUserRequestSchema>;

export const issueTokenRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('display'), name: z.string().trim().min(1).max(200), playlist: displayPlaylistSchema }),
  z.object({ kind: z.literal('ingest'), name: z.string().trim().min(1).max(200), units: unitCodesSchema.min(1).nullable().optional() }),
]);
export type IssueTokenRequest = z.input<typeof issueTokenRequestSchema>;

export const auditQuerySchema = newestFirstQuerySchema(200);

// ---- Admin responses ----
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  units: string[] | null;
  createdAt: string;
  disabledAt: string | null;
  lastLoginAt: string | null;
}

export interface AdminToken {
  id: string;
  name: string;
  role: (typeof ROLES)[number];
  units: string[] | null;
  playlist: DisplayPlaylist | null;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** The answer to issuing a token: its secret, shown this once. */
export interface IssuedToken {
  token: AdminToken;
  secret: string;
}

/** What the audit log records (the server writes them, the admin page names them). */
export type AuditAction =
  | 'login.succeeded' | 'login.failed' | 'logout'
  | 'user.created' | 'user.disabled' | 'user.enabled' | 'user.units_assigned' | 'user.role_changed' | 'user.password_changed'
  | 'token.issued' | 'token.revoked' | 'api.write';

export interface AuditEntry {
  seq: number;
  at: string;
  /** An AuditAction; a string, so a log written by a later version still reads. */
  action: string;
  actorId: string | null;
  actorName: string | null;
  target: string | null;
  ip: string | null;
  details: unknown;
}
