/**
 * The built client (dist/client): its scripts and styles as the build compressed them (`.br`, `.gz` beside each
 * file, see client/vite.config.ts) when the browser accepts it, the other files as they are, and index.html for
 * every other address outside the API except a missing file (the client routes itself). Files under /assets/
 * are named by their content and cached for a year. Compressing at build time costs the server no CPU
 * per request; the main script goes over the wire at ≈ a third of its size.
 */
import { stat } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';

const CACHE = { maxAge: '1h' } as const;
/** Vite names every file under /assets/ by its content: a new build makes new names, so these never go stale. */
const ASSET_CACHE = { maxAge: '1y', immutable: true } as const;
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** One file name under /assets/, nothing else: no other folder can be reached through this handler. */
const ASSET = /^\/assets\/[\w.-]+(\.js|\.css)$/;

/** The encoding to send, by the server's preference; null when the browser takes neither. */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return [name.trim(), q === undefined ? 1 : Number(q)] as const;
    }),
  );
  const takes = (name: string) => (accepted.get(name) ?? (accepted.has('*') ? (accepted.get('*') ?? 0) : 0)) > 0;
  if (takes('br')) return 'br';
  if (takes('gzip')) return 'gzip';
  return null;
}

function precompressed(root: string): RequestHandler {
  return (req, res, next) => {
    const match = ASSET.exec(req.path);
    const type = match?.[1] ? TYPES[match[1]] : undefined;
    const encoding = type ? preferredEncoding(req.headers['accept-encoding']) : null;
    // Whichever file goes out, a cache in between must key it by Accept-Encoding.
    if (type) res.vary('Accept-Encoding');
    if (!type || !encoding || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    const file = path.join(root, `${req.path}.${encoding === 'br' ? 'br' : 'gz'}`);
    stat(file, (error, stats) => {
      if (error || !stats.isFile()) return next(); // a build without compressed copies: the plain file
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Encoding', encoding);
      res.sendFile(file, ASSET_CACHE, (sendError) => {
        if (sendError) next(sendError);
      });
    });
  };
}

export function clientFiles(root: string): Router {
  const router = Router();
  router.use(precompressed(root));
  router.use('/assets', express.static(path.join(root, 'assets'), { index: false, ...ASSET_CACHE }));
  router.use(express.static(root, { index: false, ...CACHE, setHeaders: (res, file) => { if (file.endsWith('.html') || file.endsWith('version.json')) res.setHeader('Cache-Control', 'no-cache'); } }));
  // The client's own addresses get the app; a missing file (a name with an extension at the top, such as
  // favicon.ico or robots.txt, or anything under /assets/) a 404. /unit/HN.HK is an address (unit codes may hold dots).
  router.get(/^(?!\/api\/|\/socket\.io\/|\/assets\/|\/[^/]*\.[^/]*$).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(root, 'index.html'));
  });
  router.get(/^(?!\/api\/|\/socket\.io\/).*/, (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  return router;
}
