/**
 * The checkout's root folder (where `scenarios/`, `dist/` and `node_modules/`
 * are): two folders above this file when it runs from source (tsx), and the
 * root a bundle of `nodeBundle.ts` was built for, which esbuild writes in as
 * `DRILLDESK_PROJECT_ROOT` (the bundle itself sits under `node_modules/.cache`,
 * and CommonJS has no `import.meta.url`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const DRILLDESK_PROJECT_ROOT: string | undefined;

export const projectRoot: string =
  typeof DRILLDESK_PROJECT_ROOT === 'string' ? DRILLDESK_PROJECT_ROOT : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
