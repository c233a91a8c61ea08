/**
 * `npm run web -- [--data DIR] [--port N]`: starts browser mode and prints
 * its URL (with the per-launch token). Stops cleanly on Ctrl+C.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { z } from 'zod';
import { openBackend } from '../core/backend';
import { PREFS_CONF_OPTIONS, prefsStoreOf } from '../core/prefs';
import { StorageOpenError } from '../storage/db';
import { startWebServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const ArgsSchema = z.strictObject({
  data: z.string().min(1).default(path.join(os.homedir(), '.drilldesk')),
  port: z.coerce.number().int().min(0).max(65535).default(5178),
});

/** Parses `--name value` pairs; anything else is an error naming the argument. */
export function flagsOf(argv: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags[name] = value;
  }
  return flags;
}

async function main() {
  let args: z.infer<typeof ArgsSchema>;
  try {
    const parsed = ArgsSchema.safeParse(flagsOf(process.argv.slice(2)));
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
    args = parsed.data;
  } catch (error) {
    console.error(`drilldesk web: ${(error as Error).message}\nusage: npm run web -- [--data DIR] [--port N]`);
    process.exit(2);
  }
  const dataDir = path.resolve(args.data);
  const prefs = prefsStoreOf(new Conf({ ...PREFS_CONF_OPTIONS, projectName: 'drilldesk', cwd: dataDir, configName: PREFS_CONF_OPTIONS.name }));
  let backend;
  try {
    backend = openBackend({ dataDir, templatesDir: path.join(root, 'scenarios'), prefs });
  } catch (error) {
    console.error(`drilldesk web: ${error instanceof StorageOpenError ? error.message : `cannot open ${dataDir}: ${(error as Error).message}`}`);
    process.exit(1);
  }
  const web = await startWebServer({ backend, rendererDir: path.join(root, 'dist/renderer'), port: args.port }).catch((error: Error) => {
    backend.close();
    console.error(`drilldesk web: cannot listen on 127.0.0.1:${args.port}: ${error.message}`);
    process.exit(1);
  });
  console.log(`DrillDesk is running in browser mode. Data: ${dataDir}`);
  console.log(`Open ${web.url}`);
  const stop = () => {
    void web.close().finally(() => {
      backend.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
