/**
 * `drill schedule FILE [--json]`: the planned schedule of a scenario file as
 * a table (step, roles, planned start and finish, slack, critical) or as
 * JSON for machines. Times are T+ offsets, with clock times when the
 * scenario sets its start time: wall times of the scenario's zone, which the
 * header names.
 */
import { z } from 'zod';
import type { ScenarioBody } from '../../shared/model';
import { parseScenarioFile } from '../../shared/scenarioFile';
import { planOrderOf, scheduleOf, type OkSchedule } from '../../shared/schedule';
import { clockOf, tPlusOf } from '../../shared/time';
import { msg } from '../../shared/i18n';
import { CliError, optionsOf, rawArgsOf, type Command } from './args';
import { readTextFile } from './files';

const ScheduleOptions = z.strictObject({ json: z.literal(true).optional() });

/** One step of the plan as both outputs show it. */
export type ScheduleLine = {
  id: string;
  title: string;
  kind: string;
  roles: string[];
  startMin: number;
  finishMin: number;
  latestStartMin: number;
  slackMin: number;
  critical: boolean;
  startClock: string | null;
  finishClock: string | null;
};

/** The plan's lines in drill-script order. */
export function scheduleLinesOf(body: ScenarioBody, schedule: OkSchedule): ScheduleLine[] {
  const steps = new Map(body.steps.map((step) => [step.id, step]));
  const roles = new Map(body.roles.map((role) => [role.id, role.name]));
  return planOrderOf(body, schedule).map((id) => {
    const step = steps.get(id)!;
    const s = schedule.byStep.get(id)!;
    return {
      id,
      title: step.title,
      kind: step.kind,
      roles: step.roleIds.map((roleId) => roles.get(roleId) ?? roleId),
      startMin: s.earliestStart,
      finishMin: s.earliestFinish,
      latestStartMin: s.latestStart,
      slackMin: s.slack,
      critical: s.critical,
      startClock: body.startTime ? clockOf(body.startTime, s.earliestStart) : null,
      finishClock: body.startTime ? clockOf(body.startTime, s.earliestFinish) : null,
    };
  });
}

/** Columns a character takes in a terminal: 2 for CJK and other wide characters. */
function widthOf(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** `text` cut to `max` columns (with an ellipsis) and padded to exactly `max`. */
function fit(text: string, max: number): string {
  let out = '';
  let width = 0;
  for (const char of text) {
    const w = widthOf(char);
    if (width + w > max - (widthOf(text) > max ? 1 : 0)) {
      out += '…';
      width += 1;
      break;
    }
    out += char;
    width += w;
  }
  return out + ' '.repeat(Math.max(0, max - width));
}

const minutesOf = (minutes: number) => String(Math.round(minutes * 10) / 10);

/** The plan as an aligned text table with a closing line on length and critical path. */
export function scheduleTableOf(body: ScenarioBody, schedule: OkSchedule): string {
  const lines = scheduleLinesOf(body, schedule);
  const when = (t: number, clock: string | null) => (clock ? `${tPlusOf(t)} ${clock}` : tPlusOf(t));
  const rows = lines.map((line, index) => [
    String(index + 1),
    line.title,
    line.kind,
    line.roles.join(', '),
    when(line.startMin, line.startClock),
    when(line.finishMin, line.finishClock),
    minutesOf(line.slackMin),
    line.critical ? 'yes' : '',
  ]);
  const header = ['#', 'Step', 'Kind', 'Roles', 'Start', 'Finish', 'Slack', 'Critical'];
  const caps = [4, 36, 9, 30, 16, 16, 6, 8];
  const widths = header.map((title, c) => Math.min(caps[c], Math.max(widthOf(title), ...rows.map((row) => widthOf(row[c])))));
  const render = (cells: string[]) => cells.map((cell, c) => fit(cell, widths[c])).join('  ').trimEnd();
  const titles = new Map(body.steps.map((step) => [step.id, step.title]));
  const length = body.startTime
    ? `${tPlusOf(schedule.length)} (${body.startTime}–${clockOf(body.startTime, schedule.length)})`
    : tPlusOf(schedule.length);
  return [
    `${body.title}${body.drillDate ? `  ${body.drillDate}` : ''}${body.startTime ? ` ${body.startTime}` : ''}  (${body.timeZone})`,
    '',
    render(header),
    render(widths.map((w) => '-'.repeat(w))),
    ...rows.map(render),
    '',
    `Planned length: ${length}, ${lines.length} steps`,
    `Critical path: ${schedule.criticalPath.map((id) => titles.get(id) ?? id).join(' → ') || '—'}`,
  ].join('\n');
}

export const scheduleCommand: Command = {
  name: 'schedule',
  usage: 'schedule FILE [--json]',
  summary: 'print the planned schedule: start, finish, slack, critical path',
  run: async (argv) => {
    const raw = rawArgsOf(argv, ['json']);
    const options = optionsOf(raw, ScheduleOptions);
    if (raw.positionals.length !== 1) throw new CliError('name exactly one scenario file, e.g. npm run drill -- schedule scenarios/waterworks-outage.drill.json');
    const file = raw.positionals[0];
    const parsed = parseScenarioFile(readTextFile(file));
    if (!parsed.ok) throw new CliError(msg('errors.cli.about', { subject: file, problem: parsed.problems[0] }), 1, parsed.problems.slice(1));
    const body = parsed.value;
    const schedule = scheduleOf(body);
    if (!schedule.ok) {
      const titles = new Map(body.steps.map((step) => [step.id, step.title]));
      const steps = [...schedule.cycle, schedule.cycle[0]].map((id) => `“${titles.get(id) ?? id}” (${id})`).join(' → ');
      throw new CliError(msg('errors.cli.about', { subject: file, problem: msg('errors.cli.noSchedule', { steps }) }), 1);
    }
    if (options.json) {
      const output = {
        file,
        title: body.title,
        drillDate: body.drillDate,
        startTime: body.startTime,
        timeZone: body.timeZone,
        lengthMin: schedule.length,
        criticalPath: schedule.criticalPath,
        steps: scheduleLinesOf(body, schedule),
      };
      console.log(JSON.stringify(output, null, 2));
    } else console.log(scheduleTableOf(body, schedule));
    return 0;
  },
};
