/**
 * `npm run web -- [--data DIR] [--port N]`: starts browser mode and prints
 * its URL (with the per-launch token). Stops cleanly on Ctrl+C.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CliError, optionsOf, rawArgsOf } from '../cli/args';
import { openNodeWorkerBackend, projectRoot } from '../core/nodeBackend';
import { BackendOpenError } from '../core/workerBackend';
import { liveSharingOf } from './liveSharing';
import { startWebServer } from './server';

const ArgsSchema = z.strictObject({
  data: z.string().min(1).default(path.join(os.homedir(), '.drilldesk')),
  port: z.coerce.number().int().min(0).max(65535).default(5178),
});

async function main() {
  let args: z.infer<typeof ArgsSchema>;
  try {
    const raw = rawArgsOf(process.argv.slice(2));
    if (raw.positionals.length > 0) throw new CliError(`unexpected argument "${raw.positionals[0]}"`);
    args = optionsOf(raw, ArgsSchema);
  } catch (error) {
    console.error(`drilldesk web: ${(error as Error).message}\nusage: npm run web -- [--data DIR] [--port N]`);
    process.exit(2);
  }
  const dataDir = path.resolve(args.data);
  let backend;
  try {
    backend = await openNodeWorkerBackend(dataDir);
  } catch (error) {
    console.error(`drilldesk web: ${error instanceof BackendOpenError ? error.message : `cannot open ${dataDir}: ${(error as Error).message}`}`);
    process.exit(1);
  }
  const rendererDir = path.join(projectRoot, 'dist/renderer');
  // Live events for the console and the seats; sharing a run on a private interface (联网导调), off until the host starts it.
  const { hub, sharing } = liveSharingOf(backend, { rendererDir, dataDir });
  const web = await startWebServer({ backend: sharing, hub, rendererDir, port: args.port }).catch(async (error: Error) => {
    await backend.close();
    console.error(`drilldesk web: cannot listen on 127.0.0.1:${args.port}: ${error.message}`);
    process.exit(1);
  });
  console.log(`DrillDesk is running in browser mode. Data: ${dataDir}`);
  console.log(`Open ${web.url}`);
  const stop = () => {
    void web
      .close()
      .then(() => sharing.close())
      .then(() => backend.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
