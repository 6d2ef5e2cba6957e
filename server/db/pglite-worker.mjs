// The embedded database's thread starts here (server/db/pglite-thread.ts). Node 20 loads a worker's first file
// untranslated, so this one is JavaScript and hands over to the TypeScript module at once.
import { tsImport } from 'tsx/esm/api';

await tsImport('./pglite-worker.ts', import.meta.url);
