/**
 * `drill validate FILE...`, `drill import FILE --data DIR`,
 * `drill export SCENARIO_ID --data DIR --out FILE`, `drill list --data DIR`:
 * the same schemas, validation rules and service as the app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ApiMethod, ApiOutputs } from '../../shared/api';
import { messageTextOf } from '../../shared/i18n';
import { parseScenarioFile } from '../../shared/scenarioFile';
import { findingsOf } from '../../shared/validation';
import { openNodeWorkerBackend } from '../core/nodeBackend';
import { BackendOpenError, type WorkerBackend } from '../core/workerBackend';
import { CliError, optionsOf, rawArgsOf, type Command } from './args';
import { readTextFile } from './files';

export const DataOptions = z.strictObject({ data: z.string().min(1, { message: 'must name a folder' }) });

/** Opens the data folder (the service in a worker, as in the app), runs `work`, always closes it again. */
export async function withBackend<T>(dataDir: string, work: (backend: WorkerBackend) => Promise<T>): Promise<T> {
  let backend: WorkerBackend;
  try {
    backend = await openNodeWorkerBackend(path.resolve(dataDir), { log: () => {}, warmTaskWorker: false });
  } catch (error) {
    throw new CliError(error instanceof BackendOpenError ? error.message : `cannot open ${dataDir}: ${(error as Error).message}`, 1);
  }
  try {
    return await work(backend);
  } finally {
    await backend.close();
  }
}

export async function call<M extends ApiMethod>(backend: Pick<WorkerBackend, 'call'>, method: M, arg: unknown): Promise<ApiOutputs[M]> {
  const envelope = await backend.call(method, arg);
  if (!envelope.ok) throw CliError.of(envelope.error);
  return envelope.value as ApiOutputs[M];
}

export const validate: Command = {
  name: 'validate',
  usage: 'validate FILE...',
  summary: 'check scenario files: format, references and the editor validation rules',
  run: async (argv, language) => {
    const raw = rawArgsOf(argv);
    optionsOf(raw, z.strictObject({}));
    if (raw.positionals.length === 0) throw new CliError('name at least one file to validate');
    let invalid = 0;
    for (const file of raw.positionals) {
      let text: string;
      try {
        text = readTextFile(file);
      } catch (error) {
        console.error(error instanceof CliError ? error.linesOf(language).join('\n') : (error as Error).message);
        invalid++;
        continue;
      }
      const parsed = parseScenarioFile(text);
      if (!parsed.ok) {
        for (const problem of parsed.problems) console.error(`${file}: ${messageTextOf(language, problem)}`);
        invalid++;
        continue;
      }
      const titles = new Map(parsed.value.steps.map((step) => [step.id, step.title]));
      const findings = findingsOf(parsed.value);
      const blocking = findings.filter((finding) => finding.severity !== 'info');
      for (const finding of findings) {
        const where = finding.stepId ? ` step "${titles.get(finding.stepId) ?? finding.stepId}" (${finding.stepId}):` : '';
        console.error(`${file}:${where} ${finding.message[language]} [${finding.ruleId}, ${finding.severity}]`);
      }
      if (blocking.length > 0) invalid++;
      else console.log(`${file}: valid (${parsed.value.steps.length} steps, ${parsed.value.edges.length} edges, ${parsed.value.roles.length} roles)`);
    }
    return invalid === 0 ? 0 : 1;
  },
};

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE --data DIR',
  summary: 'import a scenario file into the database in DIR',
  run: async (argv) => {
    const raw = rawArgsOf(argv);
    const options = optionsOf(raw, DataOptions);
    if (raw.positionals.length !== 1) throw new CliError('name exactly one file to import');
    if (/\.(xlsx|xls|xlsm|docx|doc|csv|tsv|txt)$/i.test(raw.positionals[0]))
      throw new CliError(`${raw.positionals[0]} is a table or document, not a scenario file: use "npm run drill -- import-plan ${raw.positionals[0]} --data ${options.data}"`);
    const text = readTextFile(raw.positionals[0]);
    if (!/^\s*\{/.test(text))
      throw new CliError(`${raw.positionals[0]} is not a scenario file (.drill.json); for a drill script table use "npm run drill -- import-plan FILE --data DIR"`);
    const summary = await withBackend(options.data, (backend) => call(backend, 'importScenario', { text }));
    console.log(`imported "${summary.title}" as ${summary.id} (${summary.stepCount} steps)`);
    return 0;
  },
};

export const exportCommand: Command = {
  name: 'export',
  usage: 'export SCENARIO_ID --data DIR --out FILE',
  summary: 'write a scenario from the database in DIR to a file',
  run: async (argv) => {
    const raw = rawArgsOf(argv);
    const options = optionsOf(raw, DataOptions.extend({ out: z.string().min(1) }));
    if (raw.positionals.length !== 1) throw new CliError('name exactly one scenario id to export');
    const file = await withBackend(options.data, (backend) => call(backend, 'exportScenario', { id: raw.positionals[0] }));
    try {
      fs.writeFileSync(options.out, file.text);
    } catch (error) {
      throw new CliError(`${options.out}: cannot write: ${(error as Error).message}`, 1);
    }
    console.log(`wrote ${options.out}`);
    return 0;
  },
};

export const list: Command = {
  name: 'list',
  usage: 'list --data DIR',
  summary: 'list the scenarios in the database in DIR',
  run: async (argv) => {
    const raw = rawArgsOf(argv);
    const options = optionsOf(raw, DataOptions);
    if (raw.positionals.length > 0) throw new CliError(`unexpected argument "${raw.positionals[0]}"`);
    const scenarios = await withBackend(options.data, (backend) => call(backend, 'listScenarios', {}));
    if (scenarios.length === 0) console.log('no scenarios');
    for (const s of scenarios) console.log(`${s.id}\t${s.title}\t${s.stepCount} steps\t${s.roleCount} roles\t${s.runCount} runs`);
    return 0;
  },
};
