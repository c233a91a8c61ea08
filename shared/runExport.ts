/**
 * A run's log written as the run-log CSV that `parseRunCsv` reads back
 * (the console's "导入导调记录"): one row per effective event (corrections
 * applied), with its instant, step, kind, role, text and rating, and the
 * evaluation columns (item, rating, evaluator) for scores and on-the-spot
 * comments. Importing the file into the same scenario gives a run that
 * replays, reports and evaluates the same way.
 */
import { effectiveEventsOf, type Run, type RunEvent, type RunEventKind } from './model';

/** The word each kind is written as; every one is a name the run-log import reads. (A void is never written: only effective events are.) */
const KIND_WORDS: Record<Exclude<RunEventKind, 'voided'>, string> = {
  'inject-delivered': '注入',
  started: '开始',
  completed: '完成',
  skipped: '跳过',
  'branch-taken': '分支',
  observation: '观察',
  paused: '暂停',
  resumed: '恢复',
  ended: '结束',
  'plan-shifted': '顺延',
  'evaluation-scored': '评估',
  'hot-wash': '点评',
};

const HEADER = ['时间', '步骤', '事件类型', '角色', '内容', '评分', '评估项', '评估结果', '评估人员'];

/**
 * A cell as CSV: quoted when it holds a delimiter, a quote or a line break.
 * A cell that starts like a spreadsheet formula (= + - @) gets a leading tab,
 * so Excel shows it as text; the import trims it off again.
 */
export function csvCellOf(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `\t${value}` : value;
  return /[",\n\r\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** What the text column says for an event: a branch by its condition (or edge id), a shift by its minutes. */
function textOf(run: Run, event: RunEvent): string {
  if (event.kind === 'branch-taken' && event.edgeId !== null) {
    const edge = run.plan.edges.find((candidate) => candidate.id === event.edgeId);
    const label = edge?.label.trim() ?? '';
    return label !== '' && run.plan.edges.filter((e) => e.source === edge!.source && e.label.trim() === label).length === 1 ? label : event.edgeId;
  }
  if (event.kind === 'plan-shifted') return `${event.shiftMin ?? 0}${event.text ? ` ${event.text}` : ''}`;
  return event.text;
}

/** The run's log as CSV text (UTF-8 with a byte-order mark, so Excel reads the Chinese). */
export function runCsvTextOf(run: Run, events: readonly RunEvent[]): string {
  const rows = effectiveEventsOf(events).map((event) =>
    [
      event.at,
      event.stepId ?? '',
      KIND_WORDS[event.kind as keyof typeof KIND_WORDS], // effective events hold no void
      event.roleId ?? '',
      textOf(run, event),
      event.rating === null ? '' : String(event.rating),
      event.itemId ?? '',
      event.value ?? '',
      event.person,
    ]
      .map(csvCellOf)
      .join(','),
  );
  return `\uFEFF${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}

/** A file name for a run's log, e.g. `汛期演练-正式演练-2026-06-18.csv`. */
export function runCsvFileNameOf(run: Run): string {
  return `${run.plan.title}-${run.name}-${run.startedAt.slice(0, 10)}.csv`.replace(/[\\/:*?"<>|\s]+/g, '_');
}
