/**
 * What is measured: the name, unit and goal of every record, in one place,
 * so a benchmark and the placeholder written when it cannot run agree.
 */
import type { BenchSizes } from './data';

export type Measurement = { name: string; unit: string; goal: string };

const n = (count: number) => count.toLocaleString('en');

export const measurements = {
  autosave: (steps: number, edges: number): Measurement => ({
    name: `Autosave one moved step (${n(steps)} steps, ${n(edges)} edges) vs JSON file rewrite`,
    unit: 'ms',
    goal: 'ours ≥50× cheaper and <2 ms median',
  }),
  open: (steps: number): Measurement => ({
    name: `Open a ${n(steps)}-step scenario (getScenario) vs reading the JSON file`,
    unit: 'ms',
    goal: '<50 ms median',
  }),
  schedule: (steps: number, edges: number, isGoalSize: boolean): Measurement => ({
    name: `Planned schedule (scheduleOf), ${n(steps)} steps / ${n(edges)} edges`,
    unit: 'ms',
    goal: isGoalSize ? '<20 ms; per-step time within 2× of the other sizes' : 'per-step time within 2× of the other sizes',
  }),
  scheduleSpread: (sizes: readonly number[]): Measurement => ({
    name: `Planned schedule: per-step time, slowest size ÷ fastest size (${sizes.map(n).join(' / ')} steps)`,
    unit: '×',
    goal: '≤2 (linear growth)',
  }),
  replaySeek: (events: number, steps: number): Measurement => ({
    name: `Replay seek, ${n(events)} events over ${n(steps)} steps (stateAtTime) vs refold from start (runStateAt)`,
    unit: 'ms',
    goal: 'median <1 ms and ≥100× faster than the refold',
  }),
  memory: (steps: number, events: number): Measurement => ({
    name: `Back-end resident memory with a ${n(steps)}-step scenario and a ${n(events)}-event run loaded`,
    unit: 'MB',
    goal: '<300 MB',
  }),
  editorOpen: (steps: number): Measurement => ({
    name: `Editor: ${n(steps)}-step scenario's nodes on screen vs bare React Flow`,
    unit: 'ms',
    goal: 'none (reported)',
  }),
  editorFrames: (steps: number, edges: number): Measurement => ({
    name: `Editor: pan/zoom frame time, ${n(steps)} steps / ${n(edges)} edges vs bare React Flow`,
    unit: 'ms',
    goal: 'median ≤16.7 ms and ≤1.25× the bare page (ratio ≥0.8)',
  }),
  importRefusal: (key: 'sameTime' | 'bigXlsx' | 'manyRows', bytes: number): Measurement => ({
    name: {
      sameTime: `Import refused: CSV of 18,000 same-time rows (${(bytes / 1024).toFixed(0)} KB)`,
      bigXlsx: `Import refused: .xlsx of 1.4 million rows (${(bytes / 1024 / 1024).toFixed(1)} MB, 184 MB unpacked)`,
      manyRows: `Import refused: CSV of 200,000 rows (${(bytes / 1024 / 1024).toFixed(1)} MB)`,
    }[key],
    unit: 'ms',
    goal: 'refused, <2 s, <300 MB above rest',
  }),
  validation: (steps: number): Measurement => ({
    name: `Validation rules (findingsOf), ${n(steps)}-step drill`,
    unit: 'ms',
    goal: '<500 ms median',
  }),
  oversized: (): Measurement => ({
    name: 'A scenario file over 20 MB refused before parsing (importScenario)',
    unit: 'ms',
    goal: '<2000 ms median',
  }),
  zipBombTime: (): Measurement => ({
    name: 'Zip bomb (.xlsx of 1 MB inflating to 1 GB) refused by importPlanTable',
    unit: 'ms',
    goal: '<1000 ms median',
  }),
  zipBombMemory: (): Measurement => ({
    name: 'Zip bomb refused: resident memory above the process at rest',
    unit: 'MB',
    goal: '<200 MB in every run',
  }),
  workerHop: (): Measurement => ({
    name: 'Empty call (getPrefs): round trip through the worker vs the direct call',
    unit: 'ms',
    goal: 'the hop costs <1 ms median',
  }),
  busyLatency: (rows: number): Measurement => ({
    name: `Another call (listScenarios) answered during a ${n(rows)}-row run-log import, vs with the back end idle`,
    unit: 'ms',
    goal: 'median <200 ms',
  }),
  seatsFanout: (seats: number, recorders: number, perSecond: number, seconds: number): Measurement => ({
    name: `Seats: fan-out from commit to each seat's receipt, ${seats} seats on server-sent events, ${recorders} recording ${perSecond} events/s each for ${seconds} s`,
    unit: 'ms',
    goal: 'p95 ≤250 ms, no event lost or duplicated',
  }),
  scrub: (events: number): Measurement => ({
    name: `Replay: scrubbing frame time, ${n(events)}-event run`,
    unit: 'ms',
    goal: 'median ≤16.7 ms',
  }),
};

/** The schedule sizes' goal size: the issue sets its time goal at 10,000 steps (the middle size in smoke mode). */
export const scheduleGoalSizeOf = (sizes: readonly number[]) => (sizes.includes(10_000) ? 10_000 : sizes[Math.floor(sizes.length / 2)]);

/** Rows of the run log imported while another call's latency is measured. */
export const busyImportRowsOf = (sizes: BenchSizes) => (sizes.runEvents < 1000 ? 2000 : 19_000);

/** The seats benchmark's load: seats, recording seats, events a second each, seconds (the figures; tiny in smoke mode). */
export const seatLoadOf = (sizes: BenchSizes): [number, number, number, number] => (sizes.runEvents < 1000 ? [4, 2, 5, 2] : [30, 5, 10, 60]);

/** Every measurement of a full run, in table order, for the given sizes. */
export function allMeasurementsOf(sizes: BenchSizes) {
  return {
    storage: [
      measurements.autosave(sizes.big.steps, sizes.big.edges),
      measurements.open(sizes.big.steps),
      measurements.workerHop(),
      measurements.busyLatency(busyImportRowsOf(sizes)),
    ],
    schedule: [
      ...sizes.schedule.map((steps) => measurements.schedule(steps, steps * 2, steps === scheduleGoalSizeOf(sizes.schedule))),
      measurements.scheduleSpread(sizes.schedule),
    ],
    replaySeek: [measurements.replaySeek(sizes.runEvents, sizes.editor.steps)],
    memory: [measurements.memory(sizes.big.steps, sizes.runEvents)],
    importRefusal: [measurements.importRefusal('sameTime', 214_000), measurements.importRefusal('bigXlsx', 11_600_000), measurements.importRefusal('manyRows', 1_600_000)],
    limits: [measurements.validation(sizes.editor.steps), measurements.oversized(), measurements.zipBombTime(), measurements.zipBombMemory()],
    seats: [measurements.seatsFanout(...seatLoadOf(sizes))],
    browser: [measurements.editorOpen(sizes.editor.steps), measurements.editorFrames(sizes.editor.steps, sizes.editor.edges), measurements.scrub(sizes.runEvents)],
  };
}
