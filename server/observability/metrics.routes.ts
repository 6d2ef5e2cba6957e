/**
 * GET /metrics, Prometheus text format. Metrics tell an outsider the load and the shape of the deployment, so
 * they are not public: open to a scraper on the same host (a direct loopback connection that no proxy forwarded)
 * and, from anywhere, to a request carrying the admin token (`Authorization: Bearer $ADMIN_TOKEN`).
 */
import { timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { AppError } from '../http/errors.js';
import { bearerToken } from '../http/middleware.js';
import type { AppMetrics } from './metrics.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function mayReadMetrics(req: Request, adminToken: string | undefined): boolean {
  const token = bearerToken(req.headers.authorization);
  if (token !== null) return adminToken !== undefined && sameSecret(token, adminToken);
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

export function metricsRouter(metrics: AppMetrics, adminToken: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (!mayReadMetrics(req, adminToken)) {
      throw new AppError(401, 'unauthorized', 'metrics are served to localhost, or with Authorization: Bearer <admin token>');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
