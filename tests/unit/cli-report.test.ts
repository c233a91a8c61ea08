/**
 * `drill runs` and `drill report`, run as a user runs them, on a data folder
 * holding a recorded run (real SQLite, the built renderer, headless Chromium,
 * the PDF read back with pdftotext).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioFileTextOf } from '../../shared/scenarioFile';
import { FLOOD_MINI_START, floodMini } from '../fixtures/replay/floodMini';
import { minutesAfterStart, recordFloodMini, type Call } from '../fixtures/replay/recordedRun';
import { runCli } from '../support/cli';
import { openTestBackend, removeTempDirs, tempDir, valueOf } from '../support/storage';

let dataDir: string;
let runId: string;

const drill = (...args: string[]) => runCli(args, { timeout: 180_000 });

beforeAll(async () => {
  dataDir = tempDir('drilldesk-cli-report-');
  let clock = new Date(FLOOD_MINI_START);
  const backend = openTestBackend(dataDir, { now: () => clock });
  try {
    const call: Call = (method, arg) => valueOf(backend, method, arg);
    const scenario = await valueOf(backend, 'importScenario', { text: scenarioFileTextOf(floodMini()) });
    runId = await recordFloodMini(call, scenario.id);
    clock = new Date(Date.parse(FLOOD_MINI_START) + 3 * 60 * 60_000);
    await valueOf(backend, 'addAnnotation', { runId, fields: { at: minutesAfterStart(14), kind: 'went-wrong', stepId: 's2', text: '应急响应启动会议召集用时过长' } });
    await valueOf(backend, 'addAnnotation', { runId, fields: { at: minutesAfterStart(52), kind: 'improvement', stepId: 's3', text: '修订应急监测采样方案', ownerRoleId: 'r-mon', dueDate: '2024-08-31' } });
  } finally {
    backend.close();
  }
});

afterAll(() => removeTempDirs());

describe('drill runs', () => {
  it('lists the runs of a data folder with their ids', () => {
    const result = drill('runs', '--data', dataDir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(runId);
    expect(result.stdout).toContain('2024年汛期演练（正式）');
  });

  it('refuses a folder without DrillDesk data', () => {
    const result = drill('runs', '--data', path.join(dataDir, 'nothing-here'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no DrillDesk data');
  });
});

describe('drill report', () => {
  it("prints the run's after-action report to PDF through the app's own view, in Chinese", () => {
    const out = tempDir('drilldesk-cli-report-out-');
    const result = drill('report', runId, '--data', dataDir, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const pdfs = fs.readdirSync(out).filter((name) => name.endsWith('.pdf'));
    expect(pdfs.some((name) => name.includes('演练总结报告'))).toBe(true);
    const text = execFileSync('pdftotext', [path.join(out, pdfs.find((name) => name.includes('演练总结报告'))!), '-'], { encoding: 'utf8' });
    for (const words of ['演练总结报告', '城区内涝水环境应急演练（小样）', '2024年汛期演练（正式）', '二、发现的问题', '应急监测', '修订应急监测采样方案']) expect(text).toContain(words);
    expect(text).not.toContain('记录方式');
  });

  it('writes the report as a Word file with --format docx, and refuses a format it does not make', async () => {
    const out = tempDir('drilldesk-cli-report-docx-');
    const result = drill('report', runId, '--data', dataDir, '--out', out, '--format', 'docx');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const files = fs.readdirSync(out);
    expect(files.filter((name) => name.endsWith('.pdf'))).toEqual([]);
    const word = files.find((name) => name.endsWith('.docx') && name.includes('演练总结报告'));
    expect(word, files.join(', ')).toBeDefined();
    expect(result.stdout).toContain(word!);
    const { value: text } = await mammoth.extractRawText({ path: path.join(out, word!) });
    for (const words of ['演练总结报告', '城区内涝水环境应急演练（小样）', '二、发现的问题', '修订应急监测采样方案']) expect(text).toContain(words);
    const refused = drill('report', runId, '--data', dataDir, '--out', out, '--format', 'pdf,odt');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/--format.*pdf, docx/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(out)).toEqual(files);
  });

  it('refuses a run id the folder does not have, naming the way to list them', () => {
    const result = drill('report', 'no-such-run', '--data', dataDir, '--out', tempDir());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('drill runs --data');
  });
});
