/**
 * `npm run web -- [--data DIR] [--port N] [--loopback]`: starts browser mode
 * and prints its URL (with the per-launch token); resumes sharing the run it
 * shared before (see `sharingHostOf`). Stops cleanly on Ctrl+C.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CliError, optionsOf, rawArgsOf } from '../cli/args';
import { openNodeWorkerBackend } from '../core/nodeBackend';
import { projectRoot } from '../core/projectRoot';
import { BackendOpenError } from '../core/workerBackend';
import { liveSharingOf } from './liveSharing';
import { startWebServer } from './server';
import { privateInterfacesOf } from '../../shared/seats';

const ArgsSchema = z.strictObject({
  data: z.string().min(1).default(path.join(os.homedir(), '.drilldesk')),
  port: z.coerce.number().int().min(0).max(65535).default(5178),
  /** Also offers 127.0.0.1 for sharing: seats on this machine only (a rehearsal, the host-restart test). */
  loopback: z.literal(true).optional(),
});

async function main() {
  let args: z.infer<typeof ArgsSchema>;
  try {
    const raw = rawArgsOf(process.argv.slice(2), ['loopback']);
    if (raw.positionals.length > 0) throw new CliError(`unexpected argument "${raw.positionals[0]}"`);
    args = optionsOf(raw, ArgsSchema);
  } catch (error) {
    console.error(`drilldesk web: ${(error as Error).message}\nusage: npm run web -- [--data DIR] [--port N] [--loopback]`);
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
  // Live events for the console and the seats; sharing a run on a private interface (联网导调), off until the host starts
  // it, and resumed at start-up when it was on before (a crash included), so the seats' stored tokens reach it again.
  const loopback = args.loopback ? [{ name: 'lo', address: '127.0.0.1' }] : [];
  const { hub, sharing } = liveSharingOf(backend, { rendererDir, dataDir, interfaces: () => [...privateInterfacesOf(os.networkInterfaces()), ...loopback] });
  const web = await startWebServer({ backend: sharing, hub, rendererDir, port: args.port }).catch(async (error: Error) => {
    await backend.close();
    console.error(`drilldesk web: cannot listen on 127.0.0.1:${args.port}: ${error.message}`);
    process.exit(1);
  });
  const resumed = await sharing.resume();
  console.log(`DrillDesk is running in browser mode. Data: ${dataDir}`);
  if (resumed.shared) console.log(`Sharing resumed at ${resumed.shared.url}`);
  else if (resumed.notResumed) console.log(`Sharing of run ${resumed.notResumed.runId} at ${resumed.notResumed.address}:${resumed.notResumed.port} not resumed: ${resumed.notResumed.reason}`);
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
