/**
 * Facts a county bureau checks before it signs a drill script, read from the
 * five sample files as shipped: their length, how the environmental response
 * level is decided and raised, who commands and who reports to whom, and the
 * order of the recovery steps.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role, ScenarioBody, Step } from '../../shared/model';
import { parseScenarioFile } from '../../shared/scenarioFile';
import { scheduleOf } from '../../shared/schedule';

const scenariosDir = join(import.meta.dirname, '..', '..', 'scenarios');
const sampleFiles = readdirSync(scenariosDir)
  .filter((name) => name.endsWith('.drill.json'))
  .sort();

function bodyOf(file: string): ScenarioBody {
  const result = parseScenarioFile(readFileSync(join(scenariosDir, file), 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${result.problems.join('; ')}`);
  return result.value;
}

const textOf = (step: Step) => `${step.title}\n${step.description}\n${step.dialogue}\n${step.kind === 'decision' ? step.question : ''}`;

/** Whether `to` can be reached from `from` along edges. */
function reaches(body: ScenarioBody, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++)
    for (const edge of body.edges)
      if (edge.source === queue[head] && !seen.has(edge.target)) {
        if (edge.target === to) return true;
        seen.add(edge.target);
        queue.push(edge.target);
      }
  return false;
}

const stepTitled = (body: ScenarioBody, pattern: RegExp) => body.steps.filter((step) => pattern.test(step.title));

describe.each(sampleFiles)('sample %s', (file) => {
  const body = bodyOf(file);

  it('plans between 90 and 120 minutes, the usual length of an observed drill', () => {
    const schedule = scheduleOf(body);
    expect(schedule.ok).toBe(true);
    if (!schedule.ok) return;
    expect(schedule.length).toBeGreaterThanOrEqual(90);
    expect(schedule.length).toBeLessThanOrEqual(120);
  });

  it('never decides a response level on the river flood warning level', () => {
    const floodKeyed = body.steps.filter(
      (step) => step.kind === 'decision' && /警戒水位|水位.{0,4}超警戒|超警戒/.test(`${step.title}${step.question}`) && /响应/.test(textOf(step)),
    );
    expect(floodKeyed.map((step) => step.title)).toEqual([]);
  });

  it('leads transfer and resettlement from the emergency-management bureau, not the civil-affairs bureau', () => {
    const civilAffairs = body.roles.filter((role) => role.people.some((person) => person.unit.includes('民政局')));
    expect(civilAffairs.map((role) => role.name)).toEqual([]);
  });

  it('keeps the drill organisation apart from the simulated command', () => {
    const byId = new Map(body.roles.map((role) => [role.id, role]));
    const drillOrg = (role: Role) => /^演练/.test(role.group) || ['controller', 'evaluator', 'simulator', 'observer'].includes(role.category);
    for (const role of body.roles) {
      const parent = role.reportsTo ? byId.get(role.reportsTo) : undefined;
      if (!parent) continue;
      expect(`${role.name} → ${parent.name}: ${drillOrg(role) === drillOrg(parent)}`).toBe(`${role.name} → ${parent.name}: true`);
    }
    expect(body.roles.filter((role) => role.group === '演练领导小组' && role.category === 'player').map((r) => r.name)).toEqual([]);
  });

  it('uses 评估 for the evaluator category and group, never 评价', () => {
    expect(body.roles.filter((role) => /评价/.test(`${role.name}${role.group}`)).map((role) => role.name)).toEqual([]);
  });

  it('reports information to the county government whenever it reports to the city or province', () => {
    for (const step of body.steps.filter((s) => /初报|续报|终报/.test(textOf(s)) && /[市省]生态环境/.test(textOf(s))))
      expect(`${step.title}: ${/县人民政府/.test(textOf(step))}`).toBe(`${step.title}: true`);
  });
});

describe('the composite flood-season sample', () => {
  const body = bodyOf('flood-season-composite.drill.json');
  const step = (id: string) => body.steps.find((candidate) => candidate.id === id)!;

  it('has the county government leader in charge as commander, not a city official', () => {
    const commander = body.roles.find((role) => role.name === '总指挥')!;
    expect(commander.people.map((person) => person.unit)).toEqual([expect.stringMatching(/^县人民政府 副县长/)]);
    expect(body.roles.flatMap((role) => role.people).filter((person) => /副市长/.test(person.unit))).toEqual([]);
  });

  it('grades the response by environmental criteria and raises it when both plants stop', () => {
    const decision = stepTitled(body, /事件级别/).find((s) => s.kind === 'decision')!;
    expect(decision.kind === 'decision' && decision.question).toMatch(/饮用水水源地/);
    const levelIV = stepTitled(body, /Ⅳ级/)[0];
    const escalation = stepTitled(body, /升级应急响应/);
    expect(escalation).toHaveLength(1);
    expect(reaches(body, levelIV.id, escalation[0].id)).toBe(true);
    expect(reaches(body, stepTitled(body, /自来水厂停电停产/)[0].id, escalation[0].id)).toBe(true);
    expect(reaches(body, stepTitled(body, /污水处理厂停运/)[0].id, escalation[0].id)).toBe(true);
  });

  it('reports 初报, 续报 and 终报 from the county bureau to the county government and the city bureau', () => {
    for (const kind of ['初报', '续报', '终报']) {
      const reports = body.steps.filter((s) => s.description.includes(`信息报送（${kind}）`) || s.title.includes(kind));
      expect(reports.length, kind).toBeGreaterThan(0);
      for (const report of reports) expect(textOf(report), kind).toMatch(/县人民政府[^。]*市生态环境局|市生态环境局[^。]*县人民政府/);
    }
    expect(body.steps.some((s) => /终报/.test(s.title))).toBe(true);
  });

  it('sends the first report within the four-hour limit of the reporting rules', () => {
    const schedule = scheduleOf(body);
    if (!schedule.ok) throw new Error('cycle');
    const first = stepTitled(body, /初报/)[0];
    expect(schedule.byStep.get(first.id)!.earliestFinish).toBeLessThanOrEqual(240);
  });

  it('restarts the water works only after the intake raw water is confirmed', () => {
    const restart = stepTitled(body, /恢复制水/)[0];
    const rawWater = stepTitled(body, /取水口原水/)[0];
    expect(reaches(body, rawWater.id, restart.id)).toBe(true);
  });

  it('moves everyone it says it moved: the trapped and moved counts agree', () => {
    expect(step('s11').description).toMatch(/3200名群众受困/);
    expect(textOf(step('s12'))).toMatch(/3200人已全部转移/);
    expect(textOf(step('s12'))).not.toMatch(/3180/);
  });
});

describe('the sewage-plant sample', () => {
  const body = bodyOf('sewage-plant-outage.drill.json');
  it('adds carbon source only in recovery', () => {
    const withCarbon = body.steps.filter((s) => /投加[^。；]*碳源|碳源投加/.test(`${s.description}${s.resources}`) && !/留待恢复/.test(s.description));
    expect(withCarbon.map((s) => s.title)).toEqual([expect.stringMatching(/恢复/)]);
  });
});
