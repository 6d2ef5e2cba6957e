import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { can, type Action } from '../auth/policy.js';
import { resolveCredentials } from '../auth/principal.js';
import type { Principal, TokenResolver } from '../auth/tokens.js';
import { CSRF_HEADER } from '../../shared/admin.js';
import { AppError, databaseUnavailable, forbidden, isDatabaseDown, unauthorized } from './errors.js';

export { bearerToken } from '../auth/principal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the bearer token, or else the session cookie, into `res.locals.principal`; 401 when missing or
 * unknown. A cookie-authenticated request that changes something must carry the CSRF header (a cross-site
 * page cannot set it without a CORS preflight, which this API never grants).
 */
export function authenticate(resolver: TokenResolver): RequestHandler {
  return async (req, res, next) => {
    let resolution: Awaited<ReturnType<typeof resolveCredentials>>;
    try {
      resolution = await resolveCredentials(resolver, { headers: req.headers });
    } catch (error) {
      if (isDatabaseDown(error)) throw databaseUnavailable();
      throw error;
    }
    const { principal } = resolution;
    if (!principal) {
      if (resolution.reason === 'missing') throw unauthorized('send Authorization: Bearer <token>, or sign in');
      if (resolution.reason === 'cross_origin') throw forbidden('a session may only be used from this site');
      throw unauthorized('unknown, revoked or expired token or session');
    }
    if (principal.authenticatedBy === 'session' && !SAFE_METHODS.has(req.method) && !req.get(CSRF_HEADER)) {
      throw new AppError(403, 'csrf', `a signed-in browser request that changes something must carry the ${CSRF_HEADER} header`);
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal: unknown = res.locals.principal;
  if (!principal) throw unauthorized();
  return principal as Principal;
}

/** 403 unless the policy allows the action; the action may depend on the request (e.g. its unit). */
export function authorize(action: Action | ((req: Request) => Action)): RequestHandler {
  return (req, res, next) => {
    const wanted = typeof action === 'function' ? action(req) : action;
    if (!can(principalOf(res), wanted)) throw forbidden(`the ${principalOf(res).role} role may not ${describe(wanted)}`);
    next();
  };
}

function describe(action: Action): string {
  switch (action.kind) {
    case 'ingest': return 'post events';
    case 'readCity': return 'read city figures';
    case 'readUnitDetail': return `read the details of unit '${action.unitCode}'`;
    case 'readCatalog': return 'read the catalog';
    case 'export': return 'export';
    case 'administer': return 'administer';
  }
}

/** Parses with a shared schema; a failure is a 400 naming each bad field. */
export function parseOr400<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError(400, 'invalid_' + what, `invalid ${what}: ${result.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ')}`, {
      issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}

interface HttpishError {
  type?: string;
  status?: number;
}

/** The one error handler: known errors keep their status and code; anything else is a 500 without internals. */
export function errorHandler(log: (error: unknown, req: Request) => void): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    let appError: AppError;
    const httpish = error as HttpishError;
    if (error instanceof AppError) appError = error;
    else if (httpish?.type === 'entity.too.large') appError = new AppError(413, 'payload_too_large', 'the body is larger than allowed (5 MiB)');
    else if (httpish?.type === 'entity.parse.failed') appError = new AppError(400, 'invalid_json', 'the body is not valid JSON');
    else if (typeof httpish?.status === 'number' && httpish.status >= 400 && httpish.status < 500) {
      appError = new AppError(httpish.status, 'bad_request', 'the request could not be read');
    } else if (isDatabaseDown(error)) appError = databaseUnavailable();
    else {
      log(error, req);
      appError = new AppError(500, 'internal', 'an internal error occurred; it has been logged');
    }
    if (res.headersSent) return;
    res.status(appError.status).set(appError.headers).json({
      error: { code: appError.code, message: appError.message, ...(appError.details === undefined ? {} : { details: appError.details }) },
    });
  };
}
