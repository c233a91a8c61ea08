/**
 * The benchmark harness in smoke mode (tiny sizes): it runs end to end and
 * produces well-formed records, so `npm run bench` cannot rot. It says
 * nothing about speed and asserts nothing about it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FAILED, recordProblemsOf, StepTimeout, tableOf, within, type BenchRecord } from '../../bench/harness';
import { runBenchmarks } from '../../bench/run';

describe('the benchmark harness in smoke mode', () => {
  // One smoke run serves every test here, whichever runs alone or first.
  let records: BenchRecord[];
  beforeAll(async () => {
    records = await runBenchmarks({ smoke: true, log: () => {} });
  }, 240_000);

  it('runs every benchmark and gives one well-formed record per measurement', () => {
    const names = records.map((record) => record.name);
    expect(new Set(names).size).toBe(names.length);
    for (const topic of ['Autosave', 'Open a', 'Planned schedule', 'Replay seek', 'resident memory', 'Import refused', 'Editor: pan/zoom', 'Replay: scrubbing', 'Validation rules', 'over 20 MB', 'Zip bomb'])
      expect(names.some((name) => name.includes(topic)), topic).toBe(true);
    for (const record of records) expect(recordProblemsOf(record), record.name).toEqual([]);
    const failed = records.filter((record) => record.note?.startsWith(FAILED)).map((record) => `${record.name}: ${record.note}`);
    expect(failed).toEqual([]);
  });

  it('keeps the records well formed through JSON, as --json writes them', () => {
    const written = JSON.parse(JSON.stringify(records)) as unknown[];
    expect(written).toHaveLength(records.length);
    for (const record of written) expect(recordProblemsOf(record)).toEqual([]);
  });

  it('prints a table with a header, a rule and one row per record', () => {
    const lines = tableOf(records).split('\n');
    expect(lines).toHaveLength(records.length + 2);
    expect(lines[0]).toContain('Ratio (baseline ÷ ours)');
  });
});

describe('a benchmark record', () => {
  const good: BenchRecord = { name: 'x', unit: 'ms', ours: 1, baseline: 2, ratio: 2, goal: '<2 ms', met: true };

  it('is well formed with a baseline, or with nulls where there is none', () => {
    expect(recordProblemsOf(good)).toEqual([]);
    expect(recordProblemsOf({ ...good, baseline: null, ratio: null })).toEqual([]);
  });

  it('cannot meet its goal when it was not measured, nor have a ratio without a baseline', () => {
    expect(recordProblemsOf({ ...good, ours: null, met: true })).toContain('a measurement not taken cannot meet its goal');
    expect(recordProblemsOf({ ...good, baseline: null })).toContain('ratio must be null without a baseline');
    expect(recordProblemsOf({ ...good, ours: Number.NaN })).toContain('ours must be a finite number or null');
  });
});

describe('a browser step of the benchmarks', () => {
  it('that never finishes fails with its name instead of hanging', async () => {
    const stuck = new Promise<number[]>(() => {}); // a page.evaluate whose page stopped answering
    const failure = await within('editor: pan/zoom', 20, stuck).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepTimeout);
    expect((failure as Error).message).toBe('editor: pan/zoom did not finish within 0.02 s');
  });

  it('that finishes gives its value, and its own failure, unchanged', async () => {
    expect(await within('replay: sampling frames', 60_000, Promise.resolve([16.7, 16.6]))).toEqual([16.7, 16.6]);
    await expect(within('launching Chromium', 60_000, async () => Promise.reject(new Error('no such file')))).rejects.toThrow('no such file');
  });
});
