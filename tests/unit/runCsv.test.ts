import { describe, expect, it } from 'vitest';
import { EdgeSchema, RoleSchema, ScenarioBodySchema, StepSchema, type ScenarioBody, type StepKind } from '../../shared/model';
import { messageTextOf, type Language } from '../../shared/i18n';
import { csvRowsOf, parseRunCsv, tableProblemMessageOf, type TableProblem, type TableResult } from '../../shared/runCsv';

/** A table problem as a user of `language` reads it. */
const tableProblemTextOf = (problem: TableProblem, language: Language) => messageTextOf(language, tableProblemMessageOf(problem));

const step = (id: string, title: string, kind: StepKind = 'action', durationMin = 10) => StepSchema.parse({ id, title, kind, durationMin });

/** A small waterworks drill: the outage inject, the plan started, the generator decision with two branches. */
const waterworks: ScenarioBody = ScenarioBodySchema.parse({
  title: '自来水厂停电应急演练',
  drillDate: '2026-05-20',
  startTime: '09:30',
  roles: [RoleSchema.parse({ id: 'control', name: '导调组' }), RoleSchema.parse({ id: 'water', name: '供水保障组' }), RoleSchema.parse({ id: 'eval', name: '评估组' })],
  steps: [
    step('w01', '水厂两路外部电源中断', 'inject', 3),
    step('w02', '启动水厂停电应急预案'),
    step('w03', '备用发电机能否带载运行', 'decision', 3),
    step('w04', '按优先顺序恢复核心负荷'),
    step('w05', '调用应急发电车接入'),
    step('w06', '现场点评'),
    step('w07', '现场点评'),
  ],
  edges: [
    EdgeSchema.parse({ id: 'e1', source: 'w01', target: 'w02' }),
    EdgeSchema.parse({ id: 'e2', source: 'w02', target: 'w03' }),
    EdgeSchema.parse({ id: 'e3', source: 'w03', target: 'w04', kind: 'conditional', label: '发电机带载正常' }),
    EdgeSchema.parse({ id: 'e4', source: 'w03', target: 'w05', kind: 'conditional', label: '发电机启动失败' }),
  ],
});

/** A wall time on the drill day in the drill's zone (Asia/Shanghai, UTC+8) as an ISO instant: the log's bare times are read there. */
const local = (hours: number, minutes: number, seconds = 0) => new Date(Date.UTC(2026, 4, 20, hours - 8, minutes, seconds)).toISOString();

function ok<T>(result: TableResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.problems)}`);
  return result.value;
}
function problems<T>(result: TableResult<T>): TableProblem[] {
  if (result.ok) throw new Error('expected the input to be refused');
  return result.problems;
}

describe('csvRowsOf', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    const rows = ok(csvRowsOf('a,"b,c","say ""hi"""\r\n1,"two\nlines",3\n'));
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b,c', 'say "hi"'] },
      { row: 2, cells: ['1', 'two\nlines', '3'] },
    ]);
  });

  it('drops the byte-order mark and blank rows but keeps the row numbers', () => {
    const rows = ok(csvRowsOf('\uFEFF时间,步骤\n\n,\n09:31,w01'));
    expect(rows).toEqual([
      { row: 1, cells: ['时间', '步骤'] },
      { row: 4, cells: ['09:31', 'w01'] },
    ]);
  });

  it('takes tabs or semicolons as the delimiter when the first line uses them', () => {
    expect(ok(csvRowsOf('a\tb\n1\t2,5'))).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2,5'] },
    ]);
    expect(ok(csvRowsOf('a;b'))[0].cells).toEqual(['a', 'b']);
  });

  it('reports a quote that is never closed with the row it opens in', () => {
    expect(problems(csvRowsOf('a,b\n1,"open\n2,3'))).toEqual([{ row: 2, message: { key: 'errors.runLog.unclosedQuote', params: {} } }]);
  });

  it('refuses text that was not UTF-8', () => {
    expect(problems(csvRowsOf('ʱ\uFFFD\uFFFD,w01'))[0]).toMatchObject({ message: { key: 'errors.runLog.notUtf8' } });
  });
});

describe('parseRunCsv', () => {
  const goodLog = [
    '时间,步骤,事件类型,角色,内容,评分',
    '09:31,w01,注入,导调组,电话通知中控室,',
    '09:33,启动水厂停电应急预案,开始,供水保障组,,',
    '09:40,w02,完成,,,',
    '09:41,w03,分支,,发电机启动失败,',
    '09:42,,观察,评估组,中控室值班员复述确认到位,4',
    '09:45,,顺延,导调组,发电车到场晚 10 分钟,',
    '09:36,,暂停,导调组,现场广播故障,',
    '09:37,,恢复,,,',
  ].join('\n');

  it('reads a good log into events in time order, finding steps and roles by id or name', () => {
    const log = ok(parseRunCsv(waterworks, goodLog));
    expect(log.startedAt).toBe(local(9, 31));
    expect(log.events.map((e) => [e.at, e.kind, e.stepId, e.roleId])).toEqual([
      [local(9, 31), 'inject-delivered', 'w01', 'control'],
      [local(9, 33), 'started', 'w02', 'water'],
      [local(9, 36), 'paused', null, 'control'],
      [local(9, 37), 'resumed', null, null],
      [local(9, 40), 'completed', 'w02', null],
      [local(9, 41), 'branch-taken', 'w03', null],
      [local(9, 42), 'observation', null, 'eval'],
      [local(9, 45), 'plan-shifted', null, 'control'],
    ]);
    expect(log.events[5]).toMatchObject({ edgeId: 'e4', text: '发电机启动失败' });
    expect(log.events[6]).toMatchObject({ rating: 4, text: '中控室值班员复述确认到位' });
    expect(log.events[7]).toMatchObject({ shiftMin: 10 });
  });

  it('accepts English headers in another order and English event kinds', () => {
    const csv = ['Step,Time,Event kind,Text', 'w01,2026-05-20 09:31:20,inject-delivered,by phone', `w02,${local(9, 35)},started,`].join('\n');
    const log = ok(parseRunCsv(waterworks, csv));
    expect(log.events.map((e) => [e.at, e.kind, e.text])).toEqual([
      [local(9, 31, 20), 'inject-delivered', 'by phone'],
      [local(9, 35), 'started', ''],
    ]);
  });

  it('reads a log without a header in the order time, step, kind, role, text', () => {
    const log = ok(parseRunCsv(waterworks, '09:31,w01,inject,control,\n09:32,w02,start,water,'));
    expect(log.events.map((e) => [e.kind, e.stepId, e.roleId])).toEqual([
      ['inject-delivered', 'w01', 'control'],
      ['started', 'w02', 'water'],
    ]);
  });

  it('counts T+ times from the planned start and starts the run there', () => {
    const log = ok(parseRunCsv(waterworks, 'time,step,kind\nT+2,w01,注入\nT+1:05,w02,完成'));
    expect(log.startedAt).toBe(local(9, 30));
    expect(log.events.map((e) => e.at)).toEqual([local(9, 32), local(10, 35)]);
  });

  it('puts bare times on the date given instead of the drill date', () => {
    const log = ok(parseRunCsv({ ...waterworks, drillDate: null }, 'time,step,kind\n09:31,w01,注入', { date: '2026-06-01' }));
    expect(log.events[0].at).toBe('2026-06-01T01:31:00.000Z');
  });

  it("reads bare times, dates with times and the planned start in the drill's zone, not the computer's", () => {
    const csv = 'time,step,kind\nT+0,w01,注入\n09:40,w02,开始\n2026-05-20 10:05:30,w02,完成';
    expect(ok(parseRunCsv(waterworks, csv))).toMatchObject({
      startedAt: '2026-05-20T01:30:00.000Z',
      events: [{ at: '2026-05-20T01:30:00.000Z' }, { at: '2026-05-20T01:40:00.000Z' }, { at: '2026-05-20T02:05:30.000Z' }],
    });
    // The same log of a drill held in New York (summer time, UTC-4).
    expect(ok(parseRunCsv({ ...waterworks, timeZone: 'America/New_York' }, csv))).toMatchObject({
      startedAt: '2026-05-20T13:30:00.000Z',
      events: [{ at: '2026-05-20T13:30:00.000Z' }, { at: '2026-05-20T13:40:00.000Z' }, { at: '2026-05-20T14:05:30.000Z' }],
    });
    // An instant that names its own zone means what it says.
    expect(ok(parseRunCsv(waterworks, 'time,step,kind\n2026-05-20T09:31:00+08:00,w01,注入')).events[0].at).toBe('2026-05-20T01:31:00.000Z');
  });

  it("names the run start in the drill's zone when a row comes before it", () => {
    const found = problems(parseRunCsv({ ...waterworks, timeZone: 'Asia/Tokyo' }, 'time,step,kind\n09:29,w01,注入\nT+1,w02,开始'));
    expect(found.map((p) => tableProblemTextOf(p, 'en'))).toEqual(['row 2: the time is before the run start (09:30)']);
  });

  it('refuses a log with bad rows as a whole, listing each row and its reason', () => {
    const csv = [
      '时间,步骤,事件类型,角色,内容,评分',
      '09:31,w01,注入,导调组,,', // good
      '9点31,w02,开始,,,', // row 3: time
      '09:33,启动预案,开始,,,', // row 4: no such step
      '09:34,w02,出发,,,', // row 5: kind
      '09:35,,完成,,,', // row 6: no step
      '09:36,w02,开始,宣传组,,', // row 7: no such role
      '09:37,现场点评,完成,,,', // row 8: ambiguous title
      '09:38,w03,分支,,随便,', // row 9: no such branch
      '09:39,,观察,,很好,6', // row 10: rating
      '09:40,,顺延,,稍后,', // row 11: minutes
      '2026-02-30 09:41,w02,完成,,,', // row 12: no such date
    ].join('\n');
    const found = problems(parseRunCsv(waterworks, csv));
    expect(found.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(found.map((p) => tableProblemTextOf(p, 'zh'))).toEqual([
      expect.stringContaining('第 3 行：无法识别时间“9点31”'),
      '第 4 行：演练中没有步骤“启动预案”。',
      expect.stringContaining('第 5 行：无法识别事件类型“出发”'),
      '第 6 行：这类事件必须写明步骤。',
      '第 7 行：演练中没有角色“宣传组”。',
      '第 8 行：有多个步骤名为“现场点评”，请改用步骤编号。',
      expect.stringContaining('可选：“发电机带载正常” / “发电机启动失败”'),
      '第 10 行：评分“6”须为 1 到 5 的整数。',
      expect.stringContaining('顺延10分钟'),
      expect.stringContaining('不是有效的日期时间'),
    ]);
    expect(tableProblemTextOf(found[1], 'en')).toBe('row 4: the drill has no step "启动预案"');
  });

  it('refuses bare clock times when neither the log nor the drill gives a date', () => {
    const found = problems(parseRunCsv({ ...waterworks, drillDate: null }, 'time,step,kind\n09:31,w01,注入'));
    expect(found.map((p) => p.row)).toEqual([2]);
    expect(tableProblemTextOf(found[0], 'en')).toContain('has no date');
  });

  it('refuses events before the run start it was given', () => {
    const found = problems(parseRunCsv(waterworks, 'time,step,kind\n09:29,w01,注入\n09:31,w02,开始', { startedAt: local(9, 30) }));
    expect(found.map((p) => p.row)).toEqual([2]);
  });

  it('refuses a header without a time or kind column, and a file without events', () => {
    expect(problems(parseRunCsv(waterworks, '步骤,角色,内容\nw01,导调组,x'))[0]).toMatchObject({ row: 1 });
    expect(tableProblemTextOf(problems(parseRunCsv(waterworks, '时间,步骤,事件类型\n'))[0], 'en')).toBe('the file has no events');
    expect(tableProblemTextOf(problems(parseRunCsv(waterworks, ''))[0], 'en')).toBe('the file has no events');
  });

  it('refuses control characters in the text like every other event', () => {
    const found = problems(parseRunCsv(waterworks, 'time,step,kind,role,text\n09:31,w01,注入,,bad\u0007bell'));
    expect(found[0].row).toBe(2);
  });
});
