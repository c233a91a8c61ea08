// Bundles the Electron main process and preload into dist-electron/ (CommonJS, as Electron's sandboxed preload needs).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs', external: ['electron', 'better-sqlite3'] });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs', external: ['electron'] });
// The back end's worker (electron/core/nodeBundle.ts bundles the same entry, WORKER_BUNDLE, for browser mode and the command line).
await build({ ...common, entryPoints: ['electron/core/backendWorker.ts'], outfile: 'dist-electron/backendWorker.cjs', external: ['electron', 'better-sqlite3'] });
console.log('built dist-electron/main.cjs, preload.cjs and backendWorker.cjs');
