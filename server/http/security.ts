/** HTTP hardening: security headers with a strict Content-Security-Policy, and rate limits answering in the API's error shape. */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import helmet from 'helmet';
import { AppError } from './errors.js';

/**
 * The client is a Vite build with no inline scripts (vite.config.ts keeps it so); charts set inline styles,
 * exports draw to data:/blob: images, and the live channel is a same-origin WebSocket.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // No upgrade-insecure-requests: the product also runs over plain HTTP on an office LAN.
      },
    },
    // HSTS only makes sense behind HTTPS, which a reverse proxy in front of us sets up and announces itself.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

function retryAfterSeconds(req: Request, windowMs: number): number {
  const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const ms = reset ? reset.getTime() - Date.now() : windowMs;
  return Math.max(1, Math.ceil(ms / 1000));
}

function limiter(options: Partial<Options> & { windowMs: number; limit: number; message: string }): RequestHandler {
  const { message, ...rest } = options;
  return rateLimit({
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...rest,
    handler: (req, _res, next) => {
      const seconds = retryAfterSeconds(req, options.windowMs);
      next(new AppError(429, 'rate_limited', `${message}; retry in ${seconds} s`, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) }));
    },
  });
}

const MINUTE = 60_000;

/**
 * Sign-in attempts: `perMinute` failures per address and username (successes are not counted), and ten times
 * that per address whatever the username, so one address cannot sweep through accounts either.
 */
export function loginRateLimits(perMinute: number): RequestHandler[] {
  const ip = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');
  const username = (req: Request): string => {
    const body: unknown = req.body;
    const value = body && typeof body === 'object' && 'username' in body ? (body as { username: unknown }).username : '';
    return typeof value === 'string' ? value.trim().toLowerCase().slice(0, 64) : '';
  };
  return [
    limiter({ windowMs: MINUTE, limit: perMinute * 10, skipSuccessfulRequests: true, keyGenerator: (req) => ip(req), message: 'too many sign-in attempts from this address' }),
    limiter({
      windowMs: MINUTE,
      limit: perMinute,
      skipSuccessfulRequests: true,
      keyGenerator: (req) => `${ip(req)}|${username(req)}`,
      message: 'too many sign-in attempts for this user',
    }),
  ];
}

/**
 * Ingest requests per key (the authenticated principal), generous: a source system backfilling is normal.
 * Admins (ADMIN_TOKEN: operators, benchmarks) are not limited; the limit guards against a runaway source system.
 */
export function ingestRateLimit(perMinute: number): RequestHandler {
  const principalOf = (req: Request) => req.res?.locals.principal as { id?: string; role?: string } | undefined;
  return limiter({
    windowMs: MINUTE,
    limit: perMinute,
    skip: (req) => principalOf(req)?.role === 'admin',
    keyGenerator: (req) => {
      const principal = principalOf(req)?.id;
      return principal ? `principal:${principal}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    message: 'too many ingest requests for this key',
  });
}
