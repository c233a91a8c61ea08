/**
 * Browser mode as `npm run web` starts it, in a child process on a data
 * folder (with `--loopback`, so a run can be shared on 127.0.0.1), for the
 * tests that kill the host and start it again.
 */
import type { ChildProcess } from 'node:child_process';
import type { Envelope } from '../../shared/api';
import { TOKEN_HEADER } from '../../electron/web/server';
import { spawnWeb } from './cli';
import { request } from './seatHttp';

export type Host = { child: ChildProcess; port: number; token: string; lines: string[]; exited: Promise<void> };

/** Starts browser mode on `dataDir` and resolves once it printed its URL (after resuming sharing kept from before); the child is added to `children`. */
export function startBrowserMode(dataDir: string, children: ChildProcess[]): Promise<Host> {
  return new Promise((resolve, reject) => {
    const child = spawnWeb(['--data', dataDir, '--port', '0', '--loopback'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        // The URL comes last, once sharing kept from before was resumed (or not).
        const open = /^Open (\S+)$/.exec(line);
        if (open) {
          const url = new URL(open[1]);
          resolve({ child, port: Number(url.port), token: url.searchParams.get('token')!, lines, exited });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`browser mode exited (${code}) before it was ready: ${stderr}`)));
  });
}

/** A call as the host's console makes it, with the launch token; throws on a refusal. */
export async function hostCall<T>(host: Host, method: string, arg: unknown): Promise<T> {
  const answer = await request(host.port, { method: 'POST', path: `/api/${method}`, headers: { [TOKEN_HEADER]: host.token, 'Content-Type': 'application/json' }, body: JSON.stringify(arg) });
  const envelope = JSON.parse(answer.body) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.key}`);
  return envelope.value;
}
