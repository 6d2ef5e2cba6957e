/**
 * Who a request is, whatever it arrives by: an HTTP request or a Socket.IO handshake. One function, so the
 * REST API and the live channel accept exactly the same credentials: a bearer token (header or explicit),
 * else the browser's session cookie.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { SESSION_COOKIE, cookieValue, resolveSession } from './sessions.js';
import { resolveToken, type Principal, type TokenResolver } from './tokens.js';

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export interface Credentials {
  headers: IncomingHttpHeaders;
  /** A token given outside the headers, e.g. Socket.IO's `handshake.auth.token`. */
  token?: unknown;
}

/**
 * Whether a browser request comes from our own pages. Without an Origin header (same-origin GETs, non-browser
 * clients) there is nothing to check; with one, its host must be the one the request was sent to.
 */
export function isSameOrigin(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = headers['x-forwarded-host'];
  const candidates = [headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()) : [])];
  return candidates.some((c) => c !== undefined && c.toLowerCase() === host.toLowerCase());
}

export type Resolution = { principal: Principal } | { principal: null; reason: 'missing' | 'invalid' | 'cross_origin' };

/**
 * Resolves the credentials of a request. A token, when one is given, decides alone (a wrong token is not
 * rescued by a cookie); a session cookie counts only from our own origin, which stops another site's page
 * from riding a signed-in browser's WebSocket.
 */
export async function resolveCredentials(resolver: TokenResolver, credentials: Credentials): Promise<Resolution> {
  const explicit = typeof credentials.token === 'string' && credentials.token.trim() !== '' ? credentials.token.trim() : null;
  const token = explicit ?? bearerToken(credentials.headers.authorization);
  if (token) {
    const principal = await resolveToken(resolver, token);
    return principal ? { principal } : { principal: null, reason: 'invalid' };
  }
  const secret = cookieValue(credentials.headers.cookie, SESSION_COOKIE);
  if (!secret) return { principal: null, reason: 'missing' };
  if (!isSameOrigin(credentials.headers)) return { principal: null, reason: 'cross_origin' };
  const principal = await resolveSession(resolver.db, secret, resolver.now());
  return principal ? { principal } : { principal: null, reason: 'invalid' };
}
