/**
 * The planned timeline as lanes: one per role (a step with several roles in
 * each of their lanes, steps without a role in a lane of their own), bars
 * packed into as few rows as they need without overlapping, and the axis
 * ticks for a zoom level. Plain functions over the schedule, computed once
 * per scenario or zoom, never while rendering a bar.
 */
import type { ScenarioBody, StepKind } from '../../shared/model';
import type { OkSchedule } from '../../shared/schedule';

export type TimelineBar = {
  stepId: string;
  title: string;
  kind: StepKind;
  start: number;
  finish: number;
  latestFinish: number;
  slack: number;
  critical: boolean;
  /** Row within the lane, from 0. */
  row: number;
};

export type TimelineLane = { key: string; roleId: string | null; name: string; group: string; color: string; rows: number; bars: TimelineBar[] };

export const UNASSIGNED_LANE = 'unassigned';

/** How wide a bar is drawn, in minutes at the current zoom: its label fits inside from `insideMinutes` on, else it follows the bar. */
export type BarExtent = { insideMinutes: number; labelMinutes: number };

/**
 * Lanes in the order the roles are listed, each with its bars packed
 * greedily by start: a bar goes in the first row where everything drawn
 * for the previous bar (the bar, a label after a short bar, the slack
 * whisker) has ended. Roles without steps get no lane.
 */
export function lanesOf(body: ScenarioBody, schedule: OkSchedule, extent: BarExtent): TimelineLane[] {
  const byRole = new Map<string, TimelineBar[]>();
  const unassigned: TimelineBar[] = [];
  const roleIds = new Set(body.roles.map((role) => role.id));
  for (const step of body.steps) {
    const s = schedule.byStep.get(step.id);
    if (!s) continue;
    const bar = (): TimelineBar => ({
      stepId: step.id,
      title: step.title,
      kind: step.kind,
      start: s.earliestStart,
      finish: s.earliestFinish,
      latestFinish: s.latestFinish,
      slack: s.slack,
      critical: s.critical,
      row: 0,
    });
    const owners = [...new Set(step.roleIds.filter((id) => roleIds.has(id)))];
    if (owners.length === 0) unassigned.push(bar());
    for (const roleId of owners) {
      const list = byRole.get(roleId);
      if (list) list.push(bar());
      else byRole.set(roleId, [bar()]);
    }
  }
  const pack = (bars: TimelineBar[]) => {
    bars.sort((a, b) => a.start - b.start || a.finish - b.finish);
    const rowEnds: number[] = [];
    for (const bar of bars) {
      const duration = bar.finish - bar.start;
      const drawn = bar.kind !== 'milestone' && duration >= extent.insideMinutes ? duration : duration + extent.labelMinutes;
      const end = Math.max(bar.start + drawn, bar.critical ? 0 : bar.latestFinish);
      let row = rowEnds.findIndex((rowEnd) => rowEnd <= bar.start);
      if (row < 0) row = rowEnds.push(end) - 1;
      else rowEnds[row] = end;
      bar.row = row;
    }
    return Math.max(1, rowEnds.length);
  };
  const lanes: TimelineLane[] = [];
  for (const role of body.roles) {
    const bars = byRole.get(role.id);
    if (!bars) continue;
    lanes.push({ key: role.id, roleId: role.id, name: role.name, group: role.group, color: role.color, rows: pack(bars), bars });
  }
  if (unassigned.length > 0) lanes.push({ key: UNASSIGNED_LANE, roleId: null, name: '', group: '', color: '#94a3b8', rows: pack(unassigned), bars: unassigned });
  return lanes;
}

/** Minutes between axis ticks: the smallest of 1, 2, 5 … 1440 minutes that leaves `minPx` between ticks (2880 beyond). */
export function tickStepOf(pxPerMinute: number, minPx = 64): number {
  for (const step of [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440]) if (step * pxPerMinute >= minPx) return step;
  return 2880;
}

/** Tick positions in minutes from 0 to at least `length`. */
export function ticksOf(length: number, step: number): number[] {
  const ticks: number[] = [];
  for (let t = 0; t <= length + step / 2; t += step) ticks.push(t);
  return ticks;
}

/** A phase (阶段/科目) on the timeline: from its first step's start to its last step's finish, in a row of its own when phases overlap. */
export type PhaseBand = { phase: string; start: number; finish: number; row: number; index: number };

/**
 * The phases of a drill as bands, in order of their start; steps without a
 * phase belong to none. Overlapping phases go to separate rows.
 * Example: 第一阶段 on steps at T+0–20 and 第二阶段 at T+20–60 give two bands side by side in row 0.
 */
export function phaseBandsOf(body: ScenarioBody, schedule: OkSchedule): { bands: PhaseBand[]; rows: number } {
  const spans = new Map<string, { start: number; finish: number; first: number }>();
  body.steps.forEach((step, i) => {
    const s = schedule.byStep.get(step.id);
    if (!s || step.phase === '') return;
    const span = spans.get(step.phase);
    if (!span) spans.set(step.phase, { start: s.earliestStart, finish: s.earliestFinish, first: i });
    else {
      span.start = Math.min(span.start, s.earliestStart);
      span.finish = Math.max(span.finish, s.earliestFinish);
    }
  });
  const bands = [...spans.entries()]
    .map(([phase, span]) => ({ phase, start: span.start, finish: span.finish, row: 0, index: 0, first: span.first }))
    .sort((a, b) => a.start - b.start || a.first - b.first);
  const rowEnds: number[] = [];
  bands.forEach((band, index) => {
    band.index = index;
    let row = rowEnds.findIndex((end) => end <= band.start);
    if (row < 0) row = rowEnds.push(band.finish) - 1;
    else rowEnds[row] = band.finish;
    band.row = row;
  });
  return { bands: bands.map(({ first: _first, ...band }) => band), rows: rowEnds.length };
}
