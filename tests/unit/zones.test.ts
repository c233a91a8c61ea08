/**
 * One clock: what DrillDesk prints, exports and imports does not depend on
 * the time zone of the computer it runs on. `tests/support/zoneProbe.ts`
 * makes the documents and schedules of every sample drill, their file and
 * Excel exports and the Excel read back as a plan, a run log imported from
 * CSV with its after-action report and the clock texts the report and the
 * replay print, a plan table imported from CSV, every drill script of
 * tests/fixtures/scripts/ imported and a workbook of Excel time and date
 * cells (on the night New York skips 02:00–03:00); it runs here in four
 * child processes under four `TZ` values (China, UTC, New York with summer
 * time, and Chatham at UTC+12:45, on the other side of the date line) and
 * every output must be the same.
 */
import { describe, expect, it } from 'vitest';
import { runBundleAsync, ZONE_PROBE_BUNDLE } from '../support/cli';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Pacific/Chatham'];

type ProbeOutput = {
  ranIn: { zone: string; offsetInJune: number };
  runs: Record<'shanghai' | 'newYork', { log: { startedAt: string }; printed: { date: string; span: string; timeline: string[] } }>;
  planTable: { body: { drillDate: string; startTime: string } };
  scripts: { name: string; imported: { refused?: unknown; body?: { timeZone: string } } }[];
  excelDates: { times: [string, string][]; body: { drillDate: string; startTime: string; timeZone: string }; starts: [string, number][] };
  samples: { file: string }[];
};

const probe = async (zone: string): Promise<ProbeOutput> => {
  const { status, stdout, stderr } = await runBundleAsync(ZONE_PROBE_BUNDLE, [], { env: { ...process.env, TZ: zone }, timeout: 120_000 });
  if (status !== 0) throw new Error(`the probe in ${zone} exited with ${status}: ${stderr}`);
  return JSON.parse(stdout) as ProbeOutput;
};

describe('the computer’s time zone', () => {
  it('changes nothing in documents, schedules, exports, CSV and script imports and reports', async () => {
    const outputs = await Promise.all(ZONES.map(probe));
    // Each probe really ran in its zone (so identical outputs prove something).
    expect(outputs.map((output) => output.ranIn)).toEqual([
      { zone: 'Asia/Shanghai', offsetInJune: -480 },
      { zone: 'UTC', offsetInJune: 0 },
      { zone: 'America/New_York', offsetInJune: 240 },
      { zone: 'Pacific/Chatham', offsetInJune: -765 },
    ]);
    const [reference, ...others] = outputs.map(({ ranIn: _ranIn, ...rest }) => rest);
    // The reference is the drill seen in its own zone.
    expect(reference.samples.length).toBeGreaterThanOrEqual(5);
    expect(reference.runs.shanghai.log.startedAt).toBe('2024-06-18T01:00:00.000Z');
    expect(reference.runs.shanghai.printed).toMatchObject({ date: '2024-06-18', span: '09:00–10:37' });
    expect(reference.runs.shanghai.printed.timeline.slice(0, 2)).toEqual(['09:00 inject-delivered', '09:01 started']);
    // The same paper log of a drill held in New York: the same wall times, twelve hours later.
    expect(reference.runs.newYork.log.startedAt).toBe('2024-06-18T13:00:00.000Z');
    expect(reference.runs.newYork.printed).toMatchObject({ date: '2024-06-18', span: '09:00–10:37' });
    expect(reference.planTable.body).toMatchObject({ drillDate: '2024-06-18', startTime: '08:55' });
    // Every drill script imports, on the clocks of its zone.
    expect(reference.scripts.length).toBeGreaterThanOrEqual(12);
    for (const script of reference.scripts) expect(script.imported, script.name).toMatchObject({ body: { timeZone: 'Asia/Shanghai' } });
    // Excel's time and date cells are the wall times they show: 02:30 is kept though New York's clocks skip it that night.
    expect(reference.excelDates.times).toEqual([['2026-03-08 01:50', '01:50'], ['02:30', '02:30'], ['03:45', '03:45']]);
    expect(reference.excelDates.body).toMatchObject({ drillDate: '2026-03-08', startTime: '01:50', timeZone: 'Asia/Shanghai' });
    expect(reference.excelDates.starts.map(([, start]) => start)).toEqual([0, 0, 40, 115]);
    others.forEach((other, i) => expect(other, `TZ=${ZONES[i + 1]}`).toEqual(reference));
  });
});
