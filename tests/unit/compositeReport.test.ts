/**
 * A realistic run of the composite flood-season sample (three steps losing
 * time, one branch taken, an early end, two photos, evaluator scores; see
 * tests/fixtures/replay/compositeRun.ts), recorded through the real API on a
 * real SQLite file: every figure of its summary report is checked against
 * what is worked out here from the log and the plan alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrunTextOf, problemTextOf, type RunClock } from '../../shared/docText';
import { messageOf } from '../../shared/i18n';
import { effectiveEventsOf, type Annotation, type Attachment, type RunEvent } from '../../shared/model';
import { reportOf, type AfterActionReport } from '../../shared/report';
import { scheduleOf } from '../../shared/schedule';
import { clockAt } from '../../shared/time';
import { DELAYS, END_MIN, recordCompositeRun, type CompositeRun } from '../fixtures/replay/compositeRun';
import { removeTempDirs, tempDir, valueOf } from '../support/storage';

let composite: CompositeRun;
let report: AfterActionReport;
let annotations: Annotation[];
let attachments: Attachment[];
beforeAll(async () => {
  composite = await recordCompositeRun(tempDir('drilldesk-composite-'));
  annotations = await valueOf(composite.backend, 'listAnnotations', { runId: composite.runId });
  attachments = await valueOf(composite.backend, 'listAttachments', { runId: composite.runId });
  report = reportOf(composite.run, composite.events, annotations, undefined, attachments);
}, 60_000);
afterAll(() => {
  composite?.close();
  removeTempDirs();
});

/** What the log says, worked out without the analysis: each step's recorded start and finish in minutes from T0. */
function fromLog() {
  const { run, plan } = composite;
  const startMs = Date.parse(run.startedAt);
  const log = effectiveEventsOf(composite.events);
  const minute = (event: RunEvent) => (Date.parse(event.at) - startMs) / 60_000;
  const started = new Map<string, number>();
  const finished = new Map<string, number>();
  for (const event of log) {
    if (event.stepId === null) continue;
    if ((event.kind === 'started' || event.kind === 'inject-delivered') && !started.has(event.stepId)) started.set(event.stepId, minute(event));
    if (event.kind === 'completed' || event.kind === 'branch-taken' || event.kind === 'inject-delivered') finished.set(event.stepId, minute(event));
    // A step completed in one click (a milestone) started when it completed.
    if (event.kind === 'completed' && !started.has(event.stepId)) started.set(event.stepId, minute(event));
  }
  const ended = log.find((event) => event.kind === 'ended')!;
  // Branches: a conditional edge out of a decided step other than the one taken is not taken; so is every step reached only through such edges.
  const takenEdges = new Set(log.filter((e) => e.kind === 'branch-taken').map((e) => e.edgeId));
  const decided = new Set(log.filter((e) => e.kind === 'branch-taken').map((e) => e.stepId));
  const deadEdges = new Set(plan.edges.filter((e) => e.kind === 'conditional' && decided.has(e.source) && !takenEdges.has(e.id)).map((e) => e.id));
  const notTaken = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of plan.steps) {
      const into = plan.edges.filter((e) => e.target === step.id);
      if (notTaken.has(step.id) || into.length === 0) continue;
      if (into.every((e) => deadEdges.has(e.id) || notTaken.has(e.source))) {
        notTaken.add(step.id);
        grew = true;
      }
    }
  }
  const schedule = scheduleOf(plan);
  if (!schedule.ok) throw new Error('composite plan has a cycle');
  return { startMs, log, started, finished, endedMin: minute(ended), notTaken, takenEdges, schedule };
}

const t = (key: string, params?: Record<string, string | number>) => messageOf('zh', key, params);

describe('the composite sample’s report, figure by figure against the log', () => {
  it('counts the steps as the log has them: done, under way at the end, never started, not taken', () => {
    const { started, finished, notTaken } = fromLog();
    const steps = composite.plan.steps;
    const done = steps.filter((s) => finished.has(s.id));
    const unfinished = steps.filter((s) => started.has(s.id) && !finished.has(s.id));
    const notStarted = steps.filter((s) => !started.has(s.id) && !notTaken.has(s.id));
    expect(report.overview.stepCounts).toMatchObject({
      total: steps.length,
      done: done.length,
      unfinished: unfinished.length,
      notStarted: notStarted.length,
      notTaken: notTaken.size,
      skipped: 0,
    });
    // The figures as a reader sees them: 56 = 23 done + 3 under way + 29 never started + 1 not taken.
    expect([steps.length, done.length, unfinished.length, notStarted.length, notTaken.size]).toEqual([56, 23, 3, 29, 1]);
    const listed = report.problems.find((p) => p.kind === 'not-started');
    // Listed under 发现的问题 (in script order; compared here as sets).
    const sorted = (ids: string[]) => [...ids].sort();
    expect(listed && listed.kind === 'not-started' ? [sorted(listed.steps.map((s) => s.id)), sorted(listed.unfinished.map((s) => s.id))] : null).toEqual([
      sorted(notStarted.map((s) => s.id)),
      sorted(unfinished.map((s) => s.id)),
    ]);
  });

  it('takes one branch, the Ⅲ-level response, and counts the Ⅳ-level step as not taken', () => {
    const { takenEdges, notTaken } = fromLog();
    expect([...takenEdges]).toEqual(['e05']);
    expect([...notTaken]).toEqual(['s07']);
    expect(report.analysis.byStep.get('s07')!.outcome).toBe('not-taken');
  });

  it('gives planned and actual minutes from the plan and the log, and reads the early end as incomplete, ahead of the plan', () => {
    const { schedule, finished, started, endedMin } = fromLog();
    const planned = schedule.length;
    expect(report.overview.plannedMinutes).toBe(planned);
    expect(planned).toBe(118);
    // The run ended at END_MIN with steps still under way: its actual length runs to the end, never past it.
    expect(endedMin).toBe(END_MIN);
    const lastRecorded = Math.max(...finished.values(), ...started.values());
    expect(lastRecorded).toBeLessThan(END_MIN);
    expect(report.overview.actualMinutes).toBe(END_MIN);
    expect(report.overview.overrun).toBe(END_MIN - planned);
    expect(report.overview.timing).toMatchObject({ kind: 'incomplete', planned, actual: END_MIN, minutes: planned - END_MIN });
    const text = overrunTextOf(t, report);
    expect(text).not.toContain('按计划');
    expect(text).toContain(String(planned - END_MIN));
  });

  it('names exactly the three steps that lost time themselves, with their own minutes, and counts knock-on delays apart', () => {
    const { schedule, started, finished } = fromLog();
    const plan = composite.plan;
    const duration = (id: string) => plan.steps.find((s) => s.id === id)!.durationMin ?? 0;
    // A step's own loss: started after it was ready (its predecessors' recorded finishes plus lags; an inject's scene
    // plays its planned minutes after delivery), or took longer than planned.
    const kindOf = (id: string) => plan.steps.find((s) => s.id === id)!.kind;
    const doneAt = (id: string) => finished.get(id)! + (kindOf(id) === 'inject' ? duration(id) : 0);
    const ownLoss = (id: string) => {
      const into = plan.edges.filter((e) => e.target === id && finished.has(e.source));
      const ready = Math.max(0, ...into.map((e) => doneAt(e.source) + e.lagMin));
      return { startedLate: started.get(id)! - ready, overran: finished.get(id)! - started.get(id)! - duration(id) };
    };
    expect(ownLoss('s04')).toEqual({ startedLate: 0, overran: DELAYS.get('s04')!.overrun });
    expect(ownLoss('s09')).toEqual({ startedLate: DELAYS.get('s09')!.startLate, overran: 0 });
    expect(ownLoss('s15')).toEqual({ startedLate: 0, overran: DELAYS.get('s15')!.overrun });

    const lateItems = report.problems.filter((p) => p.kind === 'late-step');
    // Most minutes lost first: 自来水厂抢险 5, 会商研判 4, 部署任务 3.
    expect(lateItems.map((p) => (p.kind === 'late-step' ? p.comparison.step.id : ''))).toEqual(['s15', 's04', 's09']);
    for (const item of lateItems) {
      if (item.kind !== 'late-step') continue;
      const id = item.comparison.step.id;
      expect({ startedLate: item.cause.startedLate, overran: item.cause.overran }).toEqual(ownLoss(id));
      // The finish delay the prose gives: recorded finish against the planned one, whole minutes.
      expect(item.wholeDelay).toBe(Math.round(finished.get(id)! - schedule.byStep.get(id)!.earliestFinish));
    }
    expect(report.overview.lostTimeSteps.map((s) => s.id)).toEqual(['s04', 's09', 's15']);
    expect(report.overview.stepCounts.late).toBe(3);
    // Knock-on: the other steps carried out (done, or under way at the end) that finished more than a minute after their
    // planned finish — an inject when its scene ended, never past the end; one under way at the end, at the end — only
    // because the steps before them were late.
    const { notTaken } = fromLog();
    const finishOf = (id: string) =>
      finished.has(id) ? Math.min(Math.max(doneAt(id), finished.get(id)!), kindOf(id) === 'inject' ? END_MIN : Infinity) : END_MIN;
    const knockOn = plan.steps.filter((s) => {
      if (notTaken.has(s.id) || !started.has(s.id) || ['s04', 's09', 's15'].includes(s.id)) return false;
      return finishOf(s.id) - schedule.byStep.get(s.id)!.earliestFinish > 1;
    });
    expect(report.knockOnLateCount).toBe(knockOn.length);
  });

  it('prints whole minutes and the step names the log shows, no step listed twice', () => {
    const { startMs } = fromLog();
    const zone = composite.plan.timeZone;
    const at: RunClock & { atMin: (minutes: number) => string } = {
      atMin: (minutes) => clockAt(startMs + minutes * 60_000, zone),
      clock: (ms) => clockAt(ms, zone),
      span: (from, to) => (from === null ? '—' : `${clockAt(startMs + from * 60_000, zone)}–${clockAt(startMs + (to ?? from) * 60_000, zone)}`),
      stepTitle: (id) => composite.plan.steps.find((s) => s.id === id)?.title ?? id,
    };
    const lines = report.problems.map((p) => problemTextOf(t, p, at));
    for (const line of lines) expect(line).not.toMatch(/\d+\.\d+\s*分钟/);
    const s15 = lines.find((line) => line.includes('自来水厂抢险与应急电源接入'))!;
    expect(s15).toMatch(/自身用时比计划多 ?5 ?分钟/);
    const stepsNamed = report.problems.flatMap((p) => (p.kind === 'late-step' ? [p.comparison.step.id] : p.kind === 'finding' ? p.findings.flatMap((f) => (f.step ? [f.step.id] : [])) : []));
    expect(new Set(stepsNamed).size).toBe(stepsNamed.length);
    // The went-wrong note on 自来水厂抢险 goes with that late step, not on a line of its own.
    const s15Item = report.problems.find((p) => p.kind === 'late-step' && p.comparison.step.id === 's15');
    expect(s15Item && s15Item.kind === 'late-step' ? s15Item.findings.map((f) => f.annotation.text) : []).toEqual(['应急电源接入线缆长度不足，抢险延误']);
  });

  it('lists the two photos under 附件 at their records’ times, with their captions', () => {
    const { startMs } = fromLog();
    const observation = composite.events.find((e) => e.kind === 'observation')!;
    const note = annotations.find((a) => a.kind === 'went-wrong')!;
    expect(report.attachments.map((row) => [row.n, row.attachment.caption, row.source, row.step?.id, row.atMin])).toEqual([
      [1, '水厂应急电源接入点', 'annotation', 's15', (Date.parse(note.at) - startMs) / 60_000],
      [2, '1号安置点应急送水', 'observation', 's16', (Date.parse(observation.at) - startMs) / 60_000],
    ]);
    expect(attachments.map((a) => [a.mime, a.width, a.height])).toEqual([
      ['image/jpeg', 320, 240],
      ['image/png', 200, 150],
    ]);
  });

  it('carries the evaluators’ scores, each as recorded, into the objectives and lessons', () => {
    const scores = effectiveEventsOf(composite.events).filter((e) => e.kind === 'evaluation-scored');
    expect(scores.map((e) => [e.itemId, e.value, e.person])).toEqual([
      ['item-flood-season-01', 'met', '袁志华'],
      ['item-flood-season-04', 'partly', '袁志华'],
      ['item-flood-season-06', 'not-met', '彭丽'],
    ]);
    expect(report.learned.achieved.map((r) => r.item.id)).toEqual(['item-flood-season-01']);
    expect(report.learned.shortfalls.map((r) => r.item.id).sort()).toEqual(['item-flood-season-04', 'item-flood-season-06']);
  });
});
