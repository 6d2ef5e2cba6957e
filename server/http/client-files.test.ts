import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFiles, preferredEncoding } from './client-files.js';

describe('preferredEncoding', () => {
  it.each([
    ['Chromium over HTTPS or localhost', 'gzip, deflate, br, zstd', 'br'],
    ['Chromium over plain HTTP', 'gzip, deflate', 'gzip'],
    ['brotli refused', 'gzip, br;q=0', 'gzip'],
    ['weights do not reorder the server preference', 'br;q=0.1, gzip;q=1', 'br'],
    ['anything', '*', 'br'],
    ['anything but brotli', '*, br;q=0', 'gzip'],
    ['identity only', 'identity', null],
    ['both refused', 'br;q=0, gzip;q=0', null],
    ['no header', undefined, null],
  ])('%s (%s) → %s', (_name, header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });
});

describe('clientFiles', () => {
  const script = Buffer.from(`console.log(${JSON.stringify('x'.repeat(5000))});\n`);
  let root: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'client-files-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(path.join(root, 'assets', 'main-abc.js'), script);
    writeFileSync(path.join(root, 'assets', 'main-abc.js.br'), brotliCompressSync(script));
    writeFileSync(path.join(root, 'assets', 'main-abc.js.gz'), gzipSync(script));
    writeFileSync(path.join(root, 'assets', 'plain-abc.js'), script); // no compressed copies
    const app = express();
    app.use(clientFiles(root));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  // node:http, not fetch: fetch would decode the body and hide what went over the wire.
  function get(pathname: string, acceptEncoding: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}${pathname}`, { method, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends the brotli copy to a browser that takes it, typed as the script it is', async () => {
    const res = await get('/assets/main-abc.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.body).equals(script)).toBe(true);
  });

  it('sends the gzip copy over plain HTTP, where browsers do not offer brotli', async () => {
    const res = await get('/assets/main-abc.js', 'gzip, deflate');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(Number(res.headers['content-length'])).toBeLessThan(script.length / 10);
    expect(gunzipSync(res.body).equals(script)).toBe(true);
  });

  it('answers HEAD with the headers of the compressed copy', async () => {
    const res = await get('/assets/main-abc.js', 'gzip', 'HEAD');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.length).toBe(0);
  });

  it('sends the file as it is to a browser that takes neither, or when the build made no copies', async () => {
    for (const [pathname, accept] of [['/assets/main-abc.js', 'identity'], ['/assets/plain-abc.js', 'gzip, br']] as const) {
      const res = await get(pathname, accept);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.vary).toContain('Accept-Encoding');
      expect(res.body.equals(script)).toBe(true);
    }
  });

  it('serves index.html, uncached, for the addresses the client routes itself', async () => {
    for (const pathname of ['/display', '/unit/HN-HK', '/unit/HN.HK', '/']) {
      const res = await get(pathname, 'gzip');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body.toString()).toContain('<title>app</title>');
    }
  });

  it('caches the content-named assets for a year, plain copies too', async () => {
    const res = await get('/assets/plain-abc.js', 'identity');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers 404, not the app, for a file that is not there', async () => {
    for (const pathname of ['/favicon.ico', '/robots.txt', '/assets/gone-123.js', '/assets/nested/x.css']) {
      const res = await get(pathname, 'gzip');
      expect(res.status, pathname).toBe(404);
      expect(res.body.toString()).toBe('Not found');
    }
  });
});
