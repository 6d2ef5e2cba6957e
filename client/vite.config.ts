import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../dist/client');
/** One id per build: baked into the bundle and written to version.json, which the server serves as `clientVersion`. */
const clientVersion = Date.now().toString(36);

function versionFile(): Plugin {
  return {
    name: 'motcua-client-version',
    apply: 'build',
    writeBundle() {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(resolve(outDir, 'version.json'), JSON.stringify({ version: clientVersion, clientVersion }) + '\n');
    },
  };
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every script and stylesheet, which the server sends to browsers that
 * accept them (server/http/client-files.ts): compressed once here, at the highest levels, instead of per request.
 */
function precompress(): Plugin {
  return {
    name: 'motcua-precompress',
    apply: 'build',
    writeBundle() {
      const assets = resolve(outDir, 'assets');
      for (const name of readdirSync(assets).filter((n) => n.endsWith('.js') || n.endsWith('.css'))) {
        const file = resolve(assets, name);
        const content = readFileSync(file);
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [react(), versionFile(), precompress()],
  define: { __CLIENT_VERSION__: JSON.stringify(clientVersion) },
  build: {
    outDir,
    emptyOutDir: true,
    // No inline scripts or data: URLs for modules, so a strict Content-Security-Policy holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // dist/client/.vite/manifest.json (never served: only /assets is): which chunks each page can load, for the
    // benchmark of what /display weighs (bench/client.bench.ts).
    manifest: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
