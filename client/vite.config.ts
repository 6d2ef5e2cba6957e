import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export default defineConfig({
  root: here,
  plugins: [react(), versionFile()],
  define: { __CLIENT_VERSION__: JSON.stringify(clientVersion) },
  build: {
    outDir,
    emptyOutDir: true,
    // No inline scripts or data: URLs for modules, so a strict Content-Security-Policy holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
