/**
 * The victim of the kill test (tests/unit/killtest.test.ts): opens the back
 * end on the data folder given, then applies a stream of edits and run
 * events through `backend.call`, printing one acknowledgement line after each
 * call has returned (its transaction committed). It runs until killed.
 *
 *   step <id>               one step added by one edit
 *   batch <prefix> <count>  one edit adding <count> steps <prefix>-0… at once
 *   meta <n>                the scenario's location set to "counter <n>"
 *   event <seq> <text>      one run event recorded
 */
import { openBackend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { errorTextOf } from '../../shared/api';

const [dataDir, templatesDir] = process.argv.slice(2);
const backend = openBackend({ dataDir, templatesDir, prefs: memoryPrefsStore(), log: () => {} });

async function value<T>(method: string, arg: unknown): Promise<T> {
  const envelope = await backend.call(method, arg);
  if (!envelope.ok) throw new Error(`${method}: ${errorTextOf(envelope.error, 'en').text}`);
  return envelope.value as T;
}

const ack = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const title = '停电断水演练（压力测试）';
  type Summary = { id: string; title: string; revision: number; location: string };
  let scenario = (await value<Summary[]>('listScenarios', {})).find((s) => s.title === title);
  if (!scenario) scenario = await value<Summary>('createScenario', { meta: { title } });
  let revision = scenario.revision;
  const runs = await value<{ id: string; status: string }[]>('listRuns', { scenarioId: scenario.id });
  const run = runs.find((r) => r.status !== 'ended') ?? (await value<{ id: string }>('createRun', { scenarioId: scenario.id, name: '连续记录' }));
  let counter = Number(/^counter (\d+)$/.exec(scenario.location)?.[1] ?? 0);
  ack('ready');

  const tag = `${process.pid.toString(36)}-${Date.now().toString(36)}`;
  for (let i = 0; ; i++) {
    const id = `k-${tag}-${i}`;
    const step = (suffix: string) => ({ id: `${id}${suffix}`, kind: 'action', title: `处置动作 ${i}${suffix}`, description: '启用备用电源，恢复取水泵站供电。'.repeat(8) });
    switch (i % 4) {
      case 0: {
        revision = (await value<{ revision: number }>('applyGraphOps', { scenarioId: scenario.id, baseRevision: revision, ops: [{ op: 'addStep', step: step('') }] })).revision;
        ack(`step ${id}`);
        break;
      }
      case 1: {
        const event = await value<{ seq: number }>('recordEvent', { runId: run.id, event: { kind: 'observation', text: `observation ${id}` } });
        ack(`event ${event.seq} observation ${id}`);
        break;
      }
      case 2: {
        const ops = Array.from({ length: 20 }, (_, n) => ({ op: 'addStep', step: step(`-${n}`) }));
        revision = (await value<{ revision: number }>('applyGraphOps', { scenarioId: scenario.id, baseRevision: revision, ops })).revision;
        ack(`batch ${id} 20`);
        break;
      }
      case 3: {
        counter++;
        revision = (await value<{ revision: number }>('applyGraphOps', { scenarioId: scenario.id, baseRevision: revision, ops: [{ op: 'setMeta', patch: { location: `counter ${counter}` } }] })).revision;
        ack(`meta ${counter}`);
        break;
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`kill child failed: ${(error as Error).message}\n`);
  process.exit(3);
});
