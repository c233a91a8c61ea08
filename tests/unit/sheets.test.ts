import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from '../../shared/scenarioFile';
import { EMPTY_DOC_FIELDS, EMPTY_ROSTER_FIELDS } from '../../shared/model';
import { drillScriptOf, roleSheetOf, roleSheetsOf, rosterOf, sheetVariantOf, type CommandNode, type RoleSheet } from '../../shared/sheets';
import { INJECT_SECRETS, printDrill } from '../fixtures/printDrill';
import { docFootOf, sheetNoticeOf, triggerTextOf, watchLinesOf } from '../../shared/docText';
import { messageOf } from '../../shared/i18n';

const sheet = (roleId: string, body = printDrill()): RoleSheet => {
  const found = roleSheetOf(body, roleId);
  if (!found) throw new Error(`no sheet for ${roleId}`);
  return found;
};
const stepOf = (s: RoleSheet, stepId: string) => s.steps.find((step) => step.id === stepId)!;

describe('role sheets', () => {
  it("lists a role's steps in planned time order with clock times", () => {
    const monitor = sheet('mon');
    expect(monitor.steps.map((step) => step.id)).toEqual(['a4', 'a5']);
    // a5 follows an inject: the players' sheet says 接导调指令后 instead of a time that would tell when the inject comes.
    expect(monitor.steps.map((step) => [step.time?.start, step.time?.end, step.afterInject])).toEqual([
      ['09:22', '09:32', false],
      [undefined, undefined, true],
    ]);
    expect(stepOf(sheet('cmd'), 'a2').time?.start).toBeDefined();
    const controller = sheet('ctl');
    expect(controller.steps.map((step) => step.id)).toEqual(['i1', 'i2', 'm1']);
  });

  it('shows T+ offsets when the drill start is not set', () => {
    const monitor = sheet('mon', printDrill({ startTime: null }));
    expect(monitor.steps.map((step) => step.time?.start)).toEqual(['T+22', undefined]);
    expect(monitor.steps[0].time?.isClock).toBe(false);
  });

  it('names the predecessor steps that trigger a step, with the lag and the branch taken', () => {
    const controller = sheet('ctl');
    expect(stepOf(controller, 'i1').triggers).toEqual([{ kind: 'start' }]);
    expect(stepOf(controller, 'i2').triggers).toMatchObject([{ kind: 'step', step: { id: 'a1', title: '会商研判汛情' }, lagMin: 10, condition: null }]);
    const commander = sheet('cmd');
    expect(stepOf(commander, 'a2').triggers).toMatchObject([{ kind: 'step', step: { id: 'd1' }, condition: '超警戒' }]);
    // Both branches lead on to the sampling: one of them runs, so it starts after either (listed in time order, 加… before 启…).
    const sampling = stepOf(sheet('mon'), 'a4').triggers;
    expect(sampling).toHaveLength(1);
    expect(sampling[0].kind === 'either' && sampling[0].options.map((option) => option.map((step) => step.id))).toEqual([['a3'], ['a2']]);
  });

  it('names the inject that triggers a step on a full sheet', () => {
    const evaluator = sheet('eva');
    expect(evaluator.variant).toBe('full');
    expect(stepOf(evaluator, 'e1').triggers).toMatchObject([{ kind: 'step', step: { id: 'i1', kind: 'inject', title: '暴雨红色预警' } }]);
  });

  it("hands over to the roles of the successor steps, leaving out the role's own", () => {
    const controller = sheet('ctl');
    expect(stepOf(controller, 'i1').handOvers).toMatchObject([
      { step: { id: 'a1' }, roleNames: ['现场指挥部', '总指挥'] },
      { step: { id: 'e1' }, roleNames: ['评估组'] },
    ]);
    const commander = sheet('cmd');
    // 超警戒 leads to the commander's own step: not a hand-over; 未超警戒 goes to the field HQ.
    expect(stepOf(commander, 'd1').handOvers).toEqual([
      expect.objectContaining({ step: expect.objectContaining({ id: 'a3' }), roleNames: ['现场指挥部'], condition: '未超警戒' }),
    ]);
    expect(stepOf(commander, 'd1').branches.map((b) => [b.label, b.target?.title])).toEqual([
      ['超警戒', '启动Ⅱ级应急响应'],
      ['未超警戒', '加密水位巡测'],
    ]);
  });

  it('says whom a role reports to and who reports to it', () => {
    const hq = sheet('hq');
    expect(hq.reportsTo?.name).toBe('总指挥');
    expect(hq.reporters.map((role) => role.name)).toEqual(['应急监测组']);
    expect(sheet('cmd').reportsTo).toBeNull();
    expect(sheet('cmd').reporters.map((role) => role.name)).toEqual(['现场指挥部', '导调组', '评估组']);
  });

  it('gives players and observers the player-safe variant and everyone else the full one', () => {
    expect(sheetVariantOf('player')).toBe('player-safe');
    expect(sheetVariantOf('observer')).toBe('player-safe');
    expect(sheetVariantOf('controller')).toBe('full');
    expect(sheetVariantOf('simulator')).toBe('full');
    expect(sheetVariantOf('evaluator')).toBe('full');
  });

  it("hides the injects from a player's sheet and says only how the scene comes", () => {
    const hq = sheet('hq');
    expect(hq.variant).toBe('player-safe');
    expect(hq.steps.map((step) => step.id)).toEqual(['a1', 'a3']);
    expect(hq.withheldInjects).toBe(1);
    expect(stepOf(hq, 'a1').triggers).toEqual([{ kind: 'concealed-inject', deliveryMethod: '电话' }]);
    const monitor = sheet('mon');
    expect(stepOf(monitor, 'a5').triggers).toEqual([{ kind: 'concealed-inject', deliveryMethod: '现场模拟' }]);
    // a1 also leads to the inject i2: a player does not learn of it as a hand-over either.
    expect(stepOf(hq, 'a1').handOvers.map((h) => h.step.id)).toEqual(['d1']);
    for (const player of [hq, monitor, sheet('cmd')]) {
      const text = JSON.stringify(player);
      for (const secret of INJECT_SECRETS) expect(text).not.toContain(secret);
    }
  });

  it('shows the injects on controller and simulator sheets', () => {
    for (const roleId of ['ctl', 'sim']) {
      const full = sheet(roleId);
      expect(full.variant).toBe('full');
      expect(full.withheldInjects).toBe(0);
      const i1 = stepOf(full, 'i1');
      expect(i1).toMatchObject({ title: '暴雨红色预警', deliveryMethod: '电话' });
      expect(i1.description).toContain('过去3小时降雨量达120毫米');
    }
  });

  it('makes a sheet for every role in listed order, or for the roles asked for', () => {
    expect(roleSheetsOf(printDrill()).map((s) => s.role.name)).toEqual(['总指挥', '现场指挥部', '应急监测组', '导调组', '模拟人员', '评估组']);
    expect(roleSheetsOf(printDrill(), ['eva', 'missing', 'hq']).map((s) => s.role.id)).toEqual(['eva', 'hq']);
    expect(roleSheetOf(printDrill(), 'missing')).toBeNull();
  });

  it('keeps the listed order and gives no times when the graph has a cycle', () => {
    const body = printDrill();
    const cyclic = printDrill({ edges: [...body.edges, { id: 'back', source: 'a5', target: 'i2', kind: 'sequence', label: '', lagMin: 0 }] });
    const monitor = sheet('mon', cyclic);
    expect(monitor.steps.map((step) => step.id)).toEqual(['a4', 'a5']);
    expect(monitor.steps.every((step) => step.time === null)).toBe(true);
  });
});

describe('roster', () => {
  it('lists every role with its people, its superior and where it is first needed', () => {
    const roster = rosterOf(printDrill());
    expect(roster.roles.map((role) => role.name)).toEqual(['总指挥', '现场指挥部', '应急监测组', '导调组', '模拟人员', '评估组']);
    const monitor = roster.roles.find((role) => role.id === 'mon')!;
    expect(monitor.people.map((person) => [person.name, person.phone])).toEqual([
      ['王晓东', '138-0000-0003'],
      ['李娜', '138-0000-0004'],
    ]);
    expect(monitor.reportsTo?.name).toBe('现场指挥部');
    expect(monitor.firstStep).toMatchObject({ title: '断面采样', location: '资水河城区断面', time: { start: '09:22' } });
    expect(monitor.variant).toBe('player-safe');
  });

  it('keeps the drill organisation apart from the simulated response command, even when the control team reports to the in-play commander', () => {
    // In the fixture 导调组 and 评估组 report to 总指挥 (a player), the old mistake; an observer reports to 导调组.
    const body = printDrill();
    const observed = printDrill({
      roles: [...body.roles, { ...EMPTY_ROSTER_FIELDS, id: 'obs', name: '观摩人员', group: '观摩人员', category: 'observer', color: '#94a3b8', responsibilities: '', reportsTo: 'ctl', people: [{ name: '市局来宾', unit: '', phone: '', callSign: '' }] }],
    });
    const roster = rosterOf(observed);
    const outline = (nodes: CommandNode[], depth = 0): string[] =>
      nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.role.name}`, ...outline(node.children, depth + 1)]);
    expect(outline(roster.responseCommand)).toEqual(['总指挥', '  现场指挥部', '    应急监测组']);
    expect(outline(roster.drillCommand)).toEqual(['导调组', '  模拟人员', '评估组', '观摩人员']);
    expect(roster.roles.find((role) => role.id === 'ctl')!.side).toBe('drill');
  });

  it('puts observers under the top of the drill organisation, and only there', () => {
    const body = printDrill();
    const led = printDrill({
      roles: [
        { ...EMPTY_ROSTER_FIELDS, id: 'lead', name: '演练领导小组', group: '演练领导小组', category: 'controller', color: '#334155', responsibilities: '', reportsTo: null, people: [] },
        ...body.roles.map((role) => (role.category === 'player' ? role : { ...role, reportsTo: role.id === 'sim' ? 'ctl' : 'lead' })),
        { ...EMPTY_ROSTER_FIELDS, id: 'obs', name: '观摩人员', group: '观摩人员', category: 'observer', color: '#94a3b8', responsibilities: '', reportsTo: 'lead', people: [] },
      ],
    });
    const names = (nodes: CommandNode[]): string[] => nodes.flatMap((node) => [node.role.name, ...names(node.children).map((name) => `${node.role.name}>${name}`)]);
    expect(names(rosterOf(led).drillCommand)).toEqual(['演练领导小组', '演练领导小组>导调组', '演练领导小组>导调组>模拟人员', '演练领导小组>评估组', '演练领导小组>观摩人员']);
  });

  it('shows every role of a reporting loop once', () => {
    const body = printDrill();
    const looped = printDrill({ roles: body.roles.map((role) => (role.id === 'cmd' ? { ...role, reportsTo: 'mon' } : role)) });
    const names: string[] = [];
    const walk = (nodes: CommandNode[]) => nodes.forEach((node) => (names.push(node.role.name), walk(node.children)));
    const roster = rosterOf(looped);
    walk(roster.responseCommand);
    walk(roster.drillCommand);
    expect(names.sort()).toEqual(['总指挥', '现场指挥部', '应急监测组', '导调组', '模拟人员', '评估组'].sort());
  });

  it('takes 首次到位 as entered, else the first task, and the drill start for controllers and evaluators', () => {
    const body = printDrill();
    const roster = rosterOf(printDrill({ roles: body.roles.map((role) => (role.id === 'hq' ? { ...role, inPlaceTime: '08:30', inPlaceLocation: '县应急指挥中心' } : role)) }));
    const of = (id: string) => roster.roles.find((role) => role.id === id)!.inPlace;
    expect(of('mon')).toEqual({ time: '09:22', location: '资水河城区断面', source: 'first-task' });
    expect(of('hq')).toEqual({ time: '08:30', location: '县应急指挥中心', source: 'entered' });
    expect(of('ctl')).toMatchObject({ time: '09:00', source: 'start' });
    expect(of('eva')).toMatchObject({ time: '09:00', source: 'start' });
  });

  it('counts the people, by organisation and category, and carries mark, assembly and the A/B holders', () => {
    const body = printDrill();
    const roster = rosterOf(
      printDrill({ roles: body.roles.map((role) => (role.id === 'mon' ? { ...role, mark: '蓝色袖标', assemblyPlace: '监测站门口', assemblyTime: '08:00', backup: '赵磊' } : role)) }),
    );
    expect(roster.headcount).toEqual({ total: 7, bySide: { drill: 3, response: 4 }, byCategory: { player: 4, controller: 1, simulator: 1, evaluator: 1, observer: 0 } });
    expect(roster.roles.find((role) => role.id === 'mon')).toMatchObject({ mark: '蓝色袖标', assembly: { place: '监测站门口', time: '08:00' }, holder: '王晓东', backup: '赵磊' });
    expect(roster.roles.find((role) => role.id === 'hq')).toMatchObject({ holder: '', backup: '' });
  });
});

describe('drill script', () => {
  it('numbers every step in planned time order', () => {
    const script = drillScriptOf(printDrill());
    expect(script.rows.map((row) => `${row.index} ${row.time?.start} ${row.id}`)).toEqual([
      '1 09:00 i1',
      '2 09:05 a1',
      '3 09:05 e1',
      '4 09:15 d1',
      '5 09:17 a3',
      '6 09:17 a2',
      '7 09:22 a4',
      '8 09:25 i2',
      '9 09:30 a5',
      '10 09:45 m1',
    ]);
    expect(script.lengthMin).toBe(45);
    expect(script.rows[0]).toMatchObject({ kind: 'inject', deliveryMethod: '电话', roleNames: ['导调组', '模拟人员', '现场指挥部'] });
  });

  it("points each decision's alternatives at the rows they continue at", () => {
    const rows = drillScriptOf(printDrill()).rows;
    expect(rows[3].branches).toEqual([
      { label: '超警戒', targetIndex: 6, targetTitle: '启动Ⅱ级应急响应' },
      { label: '未超警戒', targetIndex: 5, targetTitle: '加密水位巡测' },
    ]);
    expect(rows[4].conditions).toEqual([{ label: '未超警戒', decisionIndex: 4, decisionTitle: '水位是否超警戒' }]);
    expect(rows[6].conditions).toEqual([]);
  });
});

describe('the composite sample drill', () => {
  const file = path.resolve(__dirname, '../../scenarios/flood-season-composite.drill.json');
  const parsed = fs.existsSync(file) ? parseScenarioFile(fs.readFileSync(file, 'utf8')) : null;
  const body = parsed?.ok ? parsed.value : null;

  it.runIf(body !== null)('gives every role its steps in time order and keeps the injects off player sheets', () => {
    const sheets = roleSheetsOf(body!);
    expect(sheets).toHaveLength(body!.roles.length);
    const injects = body!.steps.filter((step) => step.kind === 'inject');
    const rank = new Map(drillScriptOf(body!).rows.map((row) => [row.id, row.index]));
    for (const s of sheets) {
      const ranks = s.steps.map((step) => rank.get(step.id)!);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      if (s.variant === 'player-safe') {
        const text = JSON.stringify(s.steps);
        for (const inject of injects) expect(text).not.toContain(inject.description.slice(0, 30));
      }
    }
    expect(drillScriptOf(body!).rows).toHaveLength(body!.steps.length);
  });

  it.runIf(body !== null)('says a step where alternative branches meet starts after either, and a step after a merge and another step after both', () => {
    const report = roleSheetOf(body!, 'role-monitor')!.steps.find((step) => step.id === 's36')!;
    // 编制快报 follows the upgrade (s54) and, on 水质是否达到Ⅲ类's two branches, 维持监测 (s34) or 加密监测 (s35).
    expect(report.triggers.map((t) => (t.kind === 'either' ? t.options.map((o) => o.map((s) => s.id)) : t.kind === 'step' ? t.step.id : t.kind))).toEqual([
      's54',
      [['s35'], ['s34']],
    ]);
    const t = (key: string, params?: Record<string, string | number>) => messageOf('zh', key, params);
    expect(triggerTextOf(report.triggers[1], t)).toBe('“加密监测并沿河溯源排查”或“维持监测频次并按时报送”完成后');
    expect(triggerTextOf(report.triggers[1], (key, params) => messageOf('en', key, params))).toBe('After "加密监测并沿河溯源排查" or "维持监测频次并按时报送"');
    // The end of the drill: after 维持监测 (未满足终止条件) or the final report that follows 终止 (满足): a branch reaches through later steps.
    const end = roleSheetOf(body!, 'role-control')!.steps.find((step) => step.id === 's50')!;
    expect(end.triggers).toMatchObject([{ kind: 'either', options: [[{ id: 's49' }], [{ id: 's56' }]] }]);
  });

  it.runIf(body !== null)("lists the evaluators' forms, items and sites on their sheet, and nothing of the kind on other sheets", () => {
    const evaluators = roleSheetOf(body!, 'role-eval')!;
    expect(evaluators.evaluation.map((duty) => [duty.who, duty.lead, duty.forms.map((f) => f.items.length)])).toEqual([
      ['袁志华', true, [17]],
      ['彭丽', false, [9]],
    ]);
    const [, second] = evaluators.evaluation;
    expect(second.forms[0].items.map((i) => i.number)).toEqual(['4.1', '4.2', '4.3', '5.1', '5.2', '5.3', '6.1', '6.2', '6.3']);
    expect(second.forms[0].items[3]).toMatchObject({ content: '水厂停运后启动应急供水', site: '县第一自来水厂', critical: true });
    expect(roleSheetOf(body!, 'role-water')!.evaluation).toEqual([]);
    // Each item names the steps to watch with their planned times, in time order; the notice says what the card holds.
    const supply = second.forms[0].items[3];
    expect(supply.watch.length).toBeGreaterThan(0);
    const starts = supply.watch.map((step) => step.time!.startMin);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const t = (key: string, params?: Record<string, string | number>) => messageOf('zh', key, params);
    expect(watchLinesOf(supply.watch, t).split('\n')[0]).toBe(`${supply.watch[0].time!.start} ${supply.watch[0].title}`);
    expect(sheetNoticeOf(evaluators, t)).toBe(messageOf('zh', 'print.sheet.evaluatorNotice'));
    expect(sheetNoticeOf(roleSheetOf(body!, 'role-control')!, t)).toBe(messageOf('zh', 'print.sheet.full'));
  });
});

describe('the foot of a document', () => {
  const zh = (key: string, params?: Record<string, string | number>) => messageOf('zh', key, params);
  const en = (key: string, params?: Record<string, string | number>) => messageOf('en', key, params);
  const foot = (version: string, t = zh) => docFootOf({ ...EMPTY_DOC_FIELDS, unit: '县生态环境局', version, date: '2026-06-05' }, t, t === zh ? 'zh' : 'en');

  it('names a bare version number as 第 N 版 and any other version as entered, never twice', () => {
    expect(foot('2')).toBe('县生态环境局 · 第 2 版 · 2026年6月5日');
    expect(foot(' 1.1 ')).toBe('县生态环境局 · 第 1.1 版 · 2026年6月5日');
    for (const version of ['第1版', '第一版', '试行稿', '2026年修订版', 'V2']) expect(foot(version)).toBe(`县生态环境局 · ${version} · 2026年6月5日`);
    expect(foot('3', en)).toMatch(/^县生态环境局 · Version 3 · /);
    expect(docFootOf({ ...EMPTY_DOC_FIELDS }, zh, 'zh')).toBe('');
  });
});
