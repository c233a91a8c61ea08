import { describe, expect, it } from 'vitest';
import type { ScenarioBody } from '../../shared/model';
import { planTableOf, stepTitleOf } from '../../shared/planTable';
import { csvRowsOf, type TableProblem, type TableResult, type TableRow } from '../../shared/runCsv';
import { scheduleOf } from '../../shared/schedule';

const rowsOf = (csv: string): TableRow[] => {
  const read = csvRowsOf(csv);
  if (!read.ok) throw new Error('bad CSV in the test');
  return read.value;
};
function ok(result: TableResult<ScenarioBody>): ScenarioBody {
  if (!result.ok) throw new Error(`expected a scenario, got ${JSON.stringify(result.problems)}`);
  return result.value;
}
function problems(result: TableResult<ScenarioBody>): TableProblem[] {
  if (result.ok) throw new Error('expected the table to be refused');
  return result.problems;
}
/** Planned earliest start of each step, by title. */
function startsOf(body: ScenarioBody): Record<string, number> {
  const schedule = scheduleOf(body);
  if (!schedule.ok) throw new Error('cycle');
  return Object.fromEntries(body.steps.map((s) => [s.title, schedule.byStep.get(s.id)!.earliestStart]));
}

/** A drill script as a county bureau writes it: a title row, the usual columns, two rows at the same time, one row out of order. */
const floodScript = [
  '汛期水环境应急演练脚本,,,,,',
  '时间,情景内容,参演角色,处置动作,报告指令(对白),预期结果',
  '09:30,城区遭遇特大暴雨，自来水厂停电停产。,导调组、供水保障组,值班长向指挥部报告,"指挥长，我是供水保障组，水厂已停产。",指挥部 5 分钟内接报',
  '09:40,,现场指挥部,启动应急响应,,',
  '09:35,,应急监测组,赶赴取水口开展应急监测,,',
  '09:35,,供水保障组,启动备用发电机,,',
  '10:00,宣布演练结束,导调组,,,',
].join('\n');

describe('planTableOf', () => {
  it('turns a drill script into steps in time order, with the title row as the title', () => {
    const body = ok(planTableOf(rowsOf(floodScript), { title: 'flood.xlsx' }));
    expect(body.title).toBe('汛期水环境应急演练脚本');
    expect(body.startTime).toBe('09:30');
    expect(body.steps.map((s) => [s.kind, s.title])).toEqual([
      ['inject', '城区遭遇特大暴雨，自来水厂停电停产'],
      ['action', '值班长向指挥部报告'],
      ['action', '赶赴取水口开展应急监测'],
      ['action', '启动备用发电机'],
      ['action', '启动应急响应'],
      ['inject', '宣布演练结束'],
    ]);
  });

  it('keeps the full scene, dialogue and expected result on the steps of a row', () => {
    const [inject, action] = ok(planTableOf(rowsOf(floodScript), { title: 'x' })).steps;
    expect(inject.description).toBe('城区遭遇特大暴雨，自来水厂停电停产。');
    expect(action).toMatchObject({ dialogue: '指挥长，我是供水保障组，水厂已停产。', expectedResult: '指挥部 5 分钟内接报' });
  });

  it('chains rows by time so the planned schedule puts each row at its time, same-time rows side by side', () => {
    const body = ok(planTableOf(rowsOf(floodScript), { title: 'x' }));
    expect(startsOf(body)).toEqual({
      '城区遭遇特大暴雨，自来水厂停电停产': 0,
      值班长向指挥部报告: 0,
      赶赴取水口开展应急监测: 5,
      启动备用发电机: 5,
      启动应急响应: 10,
      宣布演练结束: 30,
    });
    const titleOf = (id: string) => body.steps.find((s) => s.id === id)!.title;
    expect(body.edges.map((e) => [titleOf(e.source), titleOf(e.target), e.lagMin])).toEqual([
      ['城区遭遇特大暴雨，自来水厂停电停产', '值班长向指挥部报告', 0],
      ['值班长向指挥部报告', '赶赴取水口开展应急监测', 5],
      ['值班长向指挥部报告', '启动备用发电机', 5],
      ['赶赴取水口开展应急监测', '启动应急响应', 5],
      ['启动备用发电机', '启动应急响应', 5],
      ['启动应急响应', '宣布演练结束', 20],
    ]);
  });

  it('creates each role once by name, the control team as controllers', () => {
    const body = ok(planTableOf(rowsOf(floodScript), { title: 'x' }));
    expect(body.roles.map((r) => [r.name, r.category])).toEqual([
      ['导调组', 'controller'],
      ['供水保障组', 'player'],
      ['应急监测组', 'player'],
      ['现场指挥部', 'player'],
    ]);
    const supply = body.roles.find((r) => r.name === '供水保障组')!.id;
    expect(body.steps.filter((s) => s.roleIds.includes(supply)).map((s) => s.title)).toEqual([
      '城区遭遇特大暴雨，自来水厂停电停产',
      '值班长向指挥部报告',
      '启动备用发电机',
    ]);
  });

  it('takes durations from time ranges or a duration column and shortens the lags by them', () => {
    const csv = ['Time,Actions,Duration', '09:30-09:45,Set up the command post,', '09:50,Brief the teams,5 分钟', '10:00,Start monitoring,'].join('\n');
    const body = ok(planTableOf(rowsOf(csv), { title: 'Drill' }));
    expect(body.title).toBe('Drill');
    expect(body.steps.map((s) => s.durationMin)).toEqual([15, 5, null]);
    expect(body.edges.map((e) => e.lagMin)).toEqual([5, 5]);
    expect(startsOf(body)).toEqual({ 'Set up the command post': 0, 'Brief the teams': 20, 'Start monitoring': 30 });
  });

  it('reads T+ offsets and plain minutes, leaving the start time unset', () => {
    const csv = ['时间,处置动作', 'T+0,接报', 'T+1:05,研判', '90,处置'].join('\n');
    const body = ok(planTableOf(rowsOf(csv), { title: 'x' }));
    expect(body.startTime).toBeNull();
    expect(startsOf(body)).toEqual({ 接报: 0, 研判: 65, 处置: 90 });
  });

  it('runs past midnight when the clock goes back by more than half a day', () => {
    const csv = ['时间,处置动作', '23:30,夜间接报', '00:15,连夜处置'].join('\n');
    expect(startsOf(ok(planTableOf(rowsOf(csv), { title: 'x' })))).toEqual({ 夜间接报: 0, 连夜处置: 45 });
  });

  it('uses the kind column when there is one', () => {
    const csv = ['时间,情景内容,类型', '09:30,是否启动二级响应？,决策点', '09:40,演练结束,里程碑'].join('\n');
    expect(ok(planTableOf(rowsOf(csv), { title: 'x' })).steps.map((s) => s.kind)).toEqual(['decision', 'milestone']);
  });

  it('refuses a table with bad rows as a whole, listing each row and its reason', () => {
    const csv = [
      '时间,情景内容,处置动作,用时,类型',
      '09:30,暴雨,,,', // good
      '九点半,停电,,,', // row 3
      '09:40,,,,', // row 4
      '09:45,,报告,很久,', // row 5
      '09:50,,报告,,演习', // row 6
      ',,报告,,', // row 7
    ].join('\n');
    const found = problems(planTableOf(rowsOf(csv), { title: 'x' }));
    expect(found.map((p) => [p.row, p.message.zh])).toEqual([
      [3, expect.stringContaining('无法识别时间“九点半”')],
      [4, '这一行既没有情景内容也没有处置动作。'],
      [5, expect.stringContaining('用时“很久”')],
      [6, expect.stringContaining('无法识别步骤类型“演习”')],
      [7, '缺少时间。'],
    ]);
  });

  it('refuses a sheet without a recognisable header, or with nothing under it', () => {
    expect(problems(planTableOf(rowsOf('甲,乙\n1,2'), { title: 'x' }))[0].message.en).toContain('no header found');
    expect(problems(planTableOf(rowsOf('时间,处置动作'), { title: 'x' }))[0]).toMatchObject({ row: 1 });
  });

  it('points at the row whose text the scenario cannot hold', () => {
    const found = problems(planTableOf(rowsOf('时间,处置动作\n09:30,好\n09:31,坏\u0007'), { title: 'x' }));
    expect(found.map((p) => p.row)).toEqual([3]);
  });
});

describe('stepTitleOf', () => {
  it('keeps the first sentence of a long cell', () => {
    expect(stepTitleOf('暴雨导致水厂停电。值班员立即报告。')).toBe('暴雨导致水厂停电');
    expect(stepTitleOf('第一行\n第二行')).toBe('第一行');
    expect(stepTitleOf('长'.repeat(80))).toBe(`${'长'.repeat(59)}…`);
  });
});
