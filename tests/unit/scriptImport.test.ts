/**
 * Reading drill scripts as bureaus write them: time notations, header
 * variants, speakers inside cells, phase headings, and how rows become a
 * graph (time order, same-time rows, join milestones, rows without times).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioBody } from '../../shared/model';
import { csvRowsOf, type TableRow } from '../../shared/runCsv';
import { scheduleOf } from '../../shared/schedule';
import { MAX_IMPORT_ROWS, scriptImportOf, stepTitleOf } from '../../shared/scriptImport/build';
import { fieldOfHeading, headerOf, SCRIPT_VOCABULARY, CONTENT_FIELDS } from '../../shared/scriptImport/header';
import { issueTextOf } from '../../shared/scriptImport/issues';
import { speakerLinesOf } from '../../shared/scriptImport/speakers';
import { chineseNumberOf, isMaskedName } from '../../shared/scriptImport/text';
import { scriptTimeOf, scriptTimeTextOf } from '../../shared/scriptImport/times';

const rowsOf = (csv: string): TableRow[] => {
  const read = csvRowsOf(csv);
  if (!read.ok) throw new Error('bad CSV in the test');
  return read.value;
};
const importOf = (csv: string, mapping?: Parameters<typeof scriptImportOf>[1]['mapping']) =>
  scriptImportOf({ name: 't', rows: rowsOf(csv), above: [] }, { fallbackTitle: 'file', language: 'zh', mapping });
function bodyOf(csv: string): ScenarioBody {
  const result = importOf(csv);
  if (!result.body) throw new Error(`refused: ${result.issues.map((i) => issueTextOf(i, 'en')).join('; ')}`);
  return result.body;
}
function startsOf(body: ScenarioBody): Record<string, number> {
  const schedule = scheduleOf(body);
  if (!schedule.ok) throw new Error('cycle');
  return Object.fromEntries(body.steps.map((s) => [s.title, schedule.byStep.get(s.id)!.earliestStart]));
}
const shown = (text: string) => {
  const time = scriptTimeOf(text);
  return time ? scriptTimeTextOf(time) : null;
};

describe('time notations', () => {
  it.each([
    ['9:00', '09:00'],
    ['09:00', '09:00'],
    ['9：00', '09:00'],
    ['９：３０', '09:30'],
    ['9时30', '09:30'],
    ['9时30分', '09:30'],
    ['8点30分', '08:30'],
    ['9点', '09:00'],
    ['十点半', '10:30'],
    ['九时三十分', '09:30'],
    ['上午9:30', '09:30'],
    ['下午5点', '17:00'],
    ['晚上8点', '20:00'],
    ['0900', '09:00'],
    ['2026-06-18 09:30', '09:30'],
  ])('reads the clock time %s as %s', (text, expected) => expect(shown(text)).toBe(expected));

  it.each([
    ['14:00-14:15', '14:00–14:15', 15],
    ['9:30—9:45', '09:30–09:45', 15],
    ['9:30~9:45', '09:30–09:45', 15],
    ['9:30至9:45', '09:30–09:45', 15],
    ['上午9:30-10:30', '09:30–10:30', 60],
    ['9：15～9：45', '09:15–09:45', 30],
    ['23:50-00:10', '23:50–00:10', 20],
  ])('reads the range %s as %s lasting %i minutes', (text, expected, minutes) => {
    expect(shown(text)).toBe(expected);
    expect(scriptTimeOf(text)!.durationMin).toBe(minutes);
  });

  it.each([
    ['T+15', 15],
    ['T+15min', 15],
    ['T＋15分钟', 15],
    ['T+1:05', 65],
    ['+00:15', 15],
    ['T0', 0],
    ['H+30', 30],
  ])('reads the offset %s as %i minutes from the start', (text, minutes) => {
    expect(scriptTimeOf(text)!.start).toEqual({ kind: 'offset', minutes });
  });

  it('reads a plain duration as a length without a start', () => {
    expect(scriptTimeOf('15分钟')).toEqual({ start: null, end: null, durationMin: 15 });
    expect(scriptTimeOf('约1.5小时')!.durationMin).toBe(90);
  });

  it('reads nothing from text that is not a time', () => {
    for (const text of ['待定', '视情况', '25:99', '9:75', 'T+', '']) expect(scriptTimeOf(text)).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect([chineseNumberOf('九'), chineseNumberOf('十五'), chineseNumberOf('三十'), chineseNumberOf('一百零五'), chineseNumberOf('二〇')]).toEqual([9, 15, 30, 105, 20]);
  });
});

describe('header variants', () => {
  it.each([
    ['时间', 'time'],
    ['演习时间', 'time'],
    ['时间节点', 'time'],
    ['情景时间', 'scenarioTime'],
    ['模拟时间', 'scenarioTime'],
    ['时间（分钟）', 'time'],
    ['演练科目', 'phase'],
    ['幕', 'phase'],
    ['情景设置', 'scene'],
    ['事件描述', 'scene'],
    ['演习动作', 'action'],
    ['演练内容', 'action'],
    ['参演单位', 'role'],
    ['讲话人', 'role'],
    ['解说词', 'dialogue'],
    ['内容（音响）', 'dialogue'],
    ['报告指令 (对白)', 'dialogue'],
    ['预期效果', 'expected'],
    ['场地', 'location'],
    ['装备', 'resources'],
    ['说明', 'notes'],
    ['编号', 'number'],
    ['Designated Scenario Time', 'scenarioTime'],
    ['Expected Participant Response', 'action'],
    ['Inject Mode', 'delivery'],
  ])('knows %s as %s', (heading, field) => expect(fieldOfHeading(heading, SCRIPT_VOCABULARY)).toBe(field));

  it('finds the header below a title and reads a two-row header as one', () => {
    const header = headerOf(rowsOf('演练脚本,,,\n时间,演练内容,演练内容,备注\n,情景,处置动作,\n09:00,暴雨,接报,'), SCRIPT_VOCABULARY, CONTENT_FIELDS);
    expect(header?.rowIndexes).toEqual([1, 2]);
    expect(header?.columns.map((c) => c.field)).toEqual(['time', 'scene', 'action', 'notes']);
  });

  it('keeps a column it does not know in the notes under its heading', () => {
    const body = bodyOf('时间,处置动作,联络频道\n09:00,接报,3频道');
    expect(body.steps[0].notes).toBe('联络频道：3频道');
  });

  it('reads a 情景时间 column as the steps’ time when the table has no other, and as their scenario time beside a clock', () => {
    const alone = importOf('情景时间,事件,行动\nT0,暴雨预警发布,指挥部接报\nT+15min,,各组集结');
    expect(alone.columns.map((c) => c.field)).toEqual(['time', 'scene', 'action']);
    expect(alone.body!.steps.map((step) => step.scenarioTime)).toEqual(alone.body!.steps.map(() => ''));
    const both = importOf('时间,情景时间,情景内容,处置动作\n09:00,6月17日 22:00,暴雨红色预警,\n09:20,6月18日  06:30,,水厂停产 启动应急供水\n09:40,,,安置点送水');
    expect(both.columns.map((c) => c.field)).toEqual(['time', 'scenarioTime', 'scene', 'action']);
    expect(both.body!.steps.map((step) => [step.title.slice(0, 6), step.scenarioTime])).toEqual([
      ['暴雨红色预警', '6月17日 22:00'],
      ['水厂停产 启', '6月18日 06:30'],
      ['安置点送水', ''],
    ]);
  });

  it('reads 内容 beside a 讲话人 column as the words spoken', () => {
    const result = importOf('序号,时间,讲话人,内容\n1,9:00,总指挥,启动应急响应');
    expect(result.columns.map((c) => c.field)).toEqual(['number', 'time', 'role', 'dialogue']);
    expect(result.body!.steps[0]).toMatchObject({ title: '启动应急响应', dialogue: '启动应急响应' });
  });
});

describe('speakers inside cells', () => {
  it('reads post, person and words, dropping masked names', () => {
    expect(speakerLinesOf('总指挥（张三）：启动应急响应。')).toEqual([{ speaker: '总指挥', person: '张三', words: '启动应急响应。' }]);
    expect(speakerLinesOf('总指挥（××）：启动。')[0].person).toBe('');
    expect(speakerLinesOf('【解说员】上午九时，发现泄漏。')[0]).toMatchObject({ speaker: '解说员', words: '上午九时，发现泄漏。' });
    expect(speakerLinesOf('(男)播音员：各位领导')[0].speaker).toBe('播音员');
    expect(speakerLinesOf('1）巡检人员***通知值长：“3号罐区泄漏”')[0]).toMatchObject({ speaker: '巡检人员', words: '通知值长：“3号罐区泄漏”' });
  });

  it('splits a cell with several speakers into one line each', () => {
    expect(speakerLinesOf('总指挥：出发！\n监测组：收到。\n立即出发。').map((l) => [l.speaker, l.words])).toEqual([
      ['总指挥', '出发！'],
      ['监测组', '收到。\n立即出发。'],
    ]);
  });

  it('does not take a colon in an action or after a clock time for a speaker', () => {
    expect(speakerLinesOf('启动应急响应：通知各组', true)).toEqual([]);
    expect(speakerLinesOf('9:30 到达现场')).toEqual([]);
  });

  it('recognises masks', () => {
    for (const mask of ['××', '***', 'XXXX', 'AA', '某某', '○○']) expect(isMaskedName(mask)).toBe(true);
    expect(isMaskedName('张三')).toBe(false);
  });

  it('makes a step and a role per speaker line, narrators in the control team', () => {
    const body = bodyOf('时间,处置动作,解说词\n9:00,接报,"【解说员】九时整，暴雨来袭。"\n9:10,集结,"总指挥（××）：各组集结！\n监测组：收到。"');
    expect(body.steps.map((s) => [s.title, body.roles.find((r) => r.id === s.roleIds[0])?.name ?? ''])).toEqual([
      ['接报', ''],
      ['九时整，暴雨来袭', '解说员'],
      ['集结', ''],
      ['各组集结', '总指挥'],
      ['收到', '监测组'],
    ]);
    expect(body.roles.map((r) => [r.name, r.category])).toEqual([
      ['解说员', 'controller'],
      ['总指挥', 'player'],
      ['监测组', 'player'],
    ]);
    expect(body.roles.every((r) => r.people.length === 0)).toBe(true);
  });

  it('turns a dialogue-only script into steps in table order, keeping named people', () => {
    const body = bodyOf('序号,角色,台词\n1,主持人,演练开始\n2,总指挥（李明）,启动二级响应\n3,监测组组长（XXXX）,收到');
    expect(body.steps.map((s) => s.dialogue)).toEqual(['演练开始', '启动二级响应', '收到']);
    expect(body.edges.map((e) => [e.source, e.target])).toEqual([
      ['s001', 's002'],
      ['s002', 's003'],
    ]);
    expect(body.roles.find((r) => r.name === '总指挥')!.people.map((p) => p.name)).toEqual(['李明']);
    expect(body.roles.find((r) => r.name === '监测组组长')!.people).toEqual([]);
    expect(body.roles.find((r) => r.name === '主持人')!.category).toBe('controller');
  });
});

describe('phases and rows', () => {
  it('starts a phase at a heading row and never makes it a step', () => {
    const body = bodyOf('时间,处置动作\n第一阶段 预警与响应,\n9:00,接报\n【第二幕】应急处置,\n9:30,采样\n一、后期处置,\n10:00,宣布演练结束');
    expect(body.steps.map((s) => [s.title, s.phase, s.kind])).toEqual([
      ['接报', '第一阶段 预警与响应', 'action'],
      ['采样', '【第二幕】应急处置', 'action'],
      ['宣布演练结束', '一、后期处置', 'milestone'],
    ]);
  });

  it('fills phases from a phase column', () => {
    const body = bodyOf('演练科目,时间,演练动作\n科目一,9:00,接报\n科目一,9:10,研判\n科目二,9:30,处置');
    expect(body.steps.map((s) => s.phase)).toEqual(['科目一', '科目一', '科目二']);
  });

  it('keeps rows without any time in table order with unknown durations, and counts them', () => {
    const result = importOf('情景内容,处置动作\n暴雨,接报\n,研判\n,处置');
    expect(result.body!.steps.map((s) => s.title)).toEqual(['暴雨', '接报', '研判', '处置']);
    expect(result.body!.startTime).toBeNull();
    expect(result.counts.withoutDuration).toBe(3);
    expect(result.issues.filter((i) => i.severity === 'problem')).toEqual([]);
  });

  it('puts rows in time order only when every row has a time', () => {
    expect(bodyOf('时间,处置动作\n9:30,乙\n9:00,甲').steps.map((s) => s.title)).toEqual(['甲', '乙']);
    const mixed = importOf('时间,处置动作\n9:30,乙\n,丙\n9:00,甲');
    expect(mixed.body!.steps.map((s) => s.title)).toEqual(['乙', '丙', '甲']);
    expect(mixed.issues.map((i) => i.key)).toContain('notSorted');
  });

  it('keeps an unreadable time as a warning and the text in the notes', () => {
    const result = importOf('时间,处置动作\n9:00,接报\n视情况,启动备用池\n9:30,结束');
    expect(result.body!.steps[1].notes).toBe('时间（原文）：视情况');
    expect(result.issues.find((i) => i.key === 'unreadableTime')).toMatchObject({ row: 3, column: '时间', text: '视情况', severity: 'warning' });
    expect(result.confident).toBe(false);
  });

  it('lets a row last until the next time, and a range or duration column say otherwise', () => {
    const body = bodyOf('时间,处置动作,用时\n9:00,接报,\n9:10-9:15,研判,\n9:30,处置,10分钟\n10:00,宣布演练结束,');
    expect(body.steps.map((s) => s.durationMin)).toEqual([10, 5, 10, 0]);
    expect(startsOf(body)).toEqual({ 接报: 0, 研判: 10, 处置: 30, 宣布演练结束: 60 });
  });

  it('reads the title block: title, 演练时间 and 演练地点', () => {
    const body = bodyOf('XX县突发环境事件应急演练脚本,\n演练时间：2023年6月18日上午9:00,\n演练地点：县污水处理厂,\n情景内容,处置动作\n暴雨,接报');
    expect(body).toMatchObject({ title: 'XX县突发环境事件应急演练', drillDate: '2023-06-18', startTime: '09:00', location: '县污水处理厂' });
  });

  it('runs past midnight and keeps afternoon readings of 2点半 after 下午2点', () => {
    expect(startsOf(bodyOf('时间,处置动作\n23:30,夜间接报\n00:15,连夜处置'))).toEqual({ 夜间接报: 0, 连夜处置: 45 });
    expect(startsOf(bodyOf('时间,处置动作\n下午2点,起火\n2点半,监测'))).toEqual({ 起火: 0, 监测: 30 });
  });
});

describe('bounded work', () => {
  it('joins two groups of same-time rows through one milestone, not every row to every row', () => {
    const rows = ['时间,处置动作', ...Array.from({ length: 300 }, (_, i) => `09:00,甲${i}`), ...Array.from({ length: 300 }, (_, i) => `09:01,乙${i}`)];
    const body = bodyOf(rows.join('\n'));
    expect(body.steps).toHaveLength(601);
    expect(body.edges).toHaveLength(600);
    const join = body.steps.find((s) => s.kind === 'milestone')!;
    expect(join.title).toBe('同时开始（09:01）');
    expect(startsOf(body)['乙299']).toBe(1);
  });

  it('links a single row to all rows of the next time directly', () => {
    const body = bodyOf('时间,处置动作\n9:00,接报\n9:10,甲\n9:10,乙\n9:20,丙');
    expect(body.steps.some((s) => s.kind === 'milestone')).toBe(false);
    expect(body.edges).toHaveLength(4);
  });

  it('refuses a table with more rows than the limit, before building anything', () => {
    const rows = ['时间,处置动作', ...Array.from({ length: MAX_IMPORT_ROWS + 20 }, () => '09:00,甲')];
    const result = importOf(rows.join('\n'));
    expect(result.body).toBeNull();
    expect(result.issues.map((i) => i.key)).toEqual(['tooManyRows']);
  });

  it('refuses a cell with control characters, naming row and column', () => {
    const result = importOf('时间,处置动作\n09:30,好\n09:31,坏\u0007');
    expect(result.body).toBeNull();
    expect(issueTextOf(result.issues[0], 'zh', 'plan.csv')).toBe('文件“plan.csv”，第 3 行，“处置动作”列：含有控制字符或损坏的 Unicode：“坏�”');
  });
});

describe('mapping', () => {
  it('asks for a mapping when no header is recognised, and imports once one is given', () => {
    const csv = 'Seq,Clock,Storyline\n1,09:00,Rain\n2,09:20,Flood';
    const unmapped = importOf(csv);
    expect(unmapped.body).toBeNull();
    expect(unmapped.issues.map((i) => i.key)).toEqual(['noHeader']);
    const mapped = importOf(csv, ['number', 'time', 'scene']);
    expect(mapped.body!.steps.map((s) => [s.kind, s.title])).toEqual([
      ['inject', 'Rain'],
      ['inject', 'Flood'],
    ]);
    expect(mapped.body!.startTime).toBe('09:00');
  });

  it('gives the same signature to the same headings', () => {
    expect(importOf('时间 ,处置动作\n9:00,a').signature).toBe(importOf('时间,处置动作\n10:00,b').signature);
  });
});

describe('stepTitleOf', () => {
  it('keeps the first sentence of a long cell without quotes', () => {
    expect(stepTitleOf('暴雨导致水厂停电。值班员立即报告。')).toBe('暴雨导致水厂停电');
    expect(stepTitleOf('“收到，立即出发。”')).toBe('收到，立即出发');
    expect(stepTitleOf('长'.repeat(80))).toBe(`${'长'.repeat(59)}…`);
  });
});
