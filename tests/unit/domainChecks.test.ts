/** The domain checks of the 检查 panel: warnings about what a bureau would not sign. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { domainRules } from '../../shared/domainChecks';
import { ScenarioBodySchema, type ScenarioBody } from '../../shared/model';
import { parseScenarioFile } from '../../shared/scenarioFile';
import { findingsOf } from '../../shared/validation';

const person = { name: '李娜', unit: '县生态环境监测站' };

/** A small drill: an inject, then the given steps in a chain, every role staffed unless told. */
function drill(over: Record<string, unknown> = {}, steps: Record<string, unknown>[] = []): ScenarioBody {
  const all = [{ id: 'i1', kind: 'inject', title: '情景注入', roleIds: ['r1'], durationMin: 5 }, ...steps];
  return ScenarioBodySchema.parse({
    title: '演练',
    roles: [{ id: 'r1', name: '现场指挥部', people: [person] }],
    steps: all,
    edges: all.slice(1).map((step, i) => ({ id: `e${i}`, source: all[i].id as string, target: step.id as string })),
    ...over,
  });
}

const domainIds = new Set(domainRules.map((rule) => rule.id));
const domainFindings = (body: ScenarioBody) => findingsOf(body).filter((finding) => domainIds.has(finding.ruleId));
const ids = (body: ScenarioBody) => domainFindings(body).map((finding) => `${finding.ruleId}:${finding.stepId ?? finding.roleId ?? ''}`);

describe('report-recipient', () => {
  const report = (description: string) => ({ id: 'a1', kind: 'action', title: '信息报送', roleIds: ['r1'], durationMin: 5, description });

  it('warns when an information report names no recipient', () => {
    expect(ids(drill({}, [report('按规定报送事件信息。')]))).toEqual(['report-recipient:a1']);
  });

  it('warns when a report goes to the city bureau but not to the county government', () => {
    const found = domainFindings(drill({}, [report('现场指挥部电话初报市生态环境局和省生态环境厅。')]));
    expect(found.map((f) => f.message.zh)).toEqual(['信息报送步骤“信息报送”直接报送市级或省级部门，没有报县人民政府']);
    expect(found[0].message.en).toMatch(/without reporting to the county government/);
  });

  it('accepts a report to the county government and the city bureau', () => {
    expect(ids(drill({}, [report('县生态环境局电话初报县人民政府和市生态环境局。')]))).toEqual([]);
  });
});

describe('flood-criterion-level', () => {
  const steps = (question: string) => [
    { id: 'd1', kind: 'decision', title: '研判响应级别', question, roleIds: ['r1'], durationMin: 3 },
    { id: 'a1', kind: 'action', title: '启动Ⅱ级应急响应', description: '启动县突发环境事件Ⅱ级应急响应。', roleIds: ['r1'], durationMin: 3 },
    { id: 'a2', kind: 'action', title: '启动Ⅳ级应急响应', roleIds: ['r1'], durationMin: 3 },
  ];
  const branches = (labels: [string, string]) => [
    { id: 'e0', source: 'i1', target: 'd1' },
    { id: 'b1', source: 'd1', target: 'a1', kind: 'conditional', label: labels[0] },
    { id: 'b2', source: 'd1', target: 'a2', kind: 'conditional', label: labels[1] },
  ];

  it('warns when an environmental response level is decided on the river warning level', () => {
    const body = drill({ steps: [{ id: 'i1', kind: 'inject', title: '注入', roleIds: ['r1'], durationMin: 5 }, ...steps('资水河水位是否超过警戒水位？')], edges: branches(['水位超警戒', '未超警戒']) });
    const found = domainFindings(body);
    expect(found.map((f) => `${f.ruleId}:${f.stepId}`)).toEqual(['flood-criterion-level:d1']);
    expect(found[0].message.zh).toContain('（水位）');
  });

  it('accepts a decision on environmental criteria', () => {
    const body = drill({
      steps: [{ id: 'i1', kind: 'inject', title: '注入', roleIds: ['r1'], durationMin: 5 }, ...steps('是否威胁县城集中式饮用水水源地取水？')],
      edges: branches(['威胁取水', '未威胁取水']),
    });
    expect(ids(body)).toEqual([]);
  });
});

describe('long-uncompressed', () => {
  const long = [{ id: 'a1', kind: 'action', title: '处置', roleIds: ['r1'], durationMin: 160 }];

  it('warns about more than 150 planned minutes without compressed scenario time', () => {
    const found = domainFindings(drill({}, long));
    expect(found.map((f) => f.ruleId)).toEqual(['long-uncompressed']);
    expect(found[0].message.en).toContain('165 minutes');
  });

  it('accepts a long drill that compresses scenario time, said in its description or given as a step’s scenario time', () => {
    expect(ids(drill({ description: '演练方式：情景时间按压缩时序推进。' }, long))).toEqual([]);
    expect(ids(drill({}, [{ ...long[0], scenarioTime: '6月18日 06:00' }]))).toEqual([]);
    expect(ids(drill({}, [{ ...long[0], scenarioTime: '  ' }]))).toEqual(['long-uncompressed:']);
  });

  it('accepts 150 minutes', () => {
    expect(ids(drill({}, [{ ...long[0], durationMin: 145 }]))).toEqual([]);
  });
});

describe('role-has-people', () => {
  it('warns about a role with nobody on it', () => {
    const body = drill({ roles: [{ id: 'r1', name: '现场指挥部', people: [person] }, { id: 'r2', name: '专家组', people: [] }] }, [
      { id: 'a1', kind: 'action', title: '会商', roleIds: ['r2'], durationMin: 5 },
    ]);
    expect(domainFindings(body).map((f) => f.message.zh)).toEqual(['角色“专家组”没有安排人员']);
  });
});

describe('evaluator-has-form', () => {
  const roles = [
    { id: 'r1', name: '现场指挥部', people: [person] },
    { id: 'ev', name: '评估组', category: 'evaluator', people: [{ name: '彭丽' }] },
  ];
  const form = { id: 'f1', title: '评估表', sections: [{ id: 's1', title: '应急监测', items: [{ id: 'it1', content: '采样规范' }] }] };

  it('warns about an evaluator role with no form once the drill has an evaluation plan', () => {
    const body = drill({ roles, evaluation: { forms: [form], assignments: [] } });
    expect(domainFindings(body).map((f) => f.message.en)).toEqual(['Evaluator role "评估组" has no evaluation form assigned']);
  });

  it('accepts an evaluator with a form, and says nothing before any form exists', () => {
    const assigned = { id: 'as1', roleId: 'ev', formIds: ['f1'] };
    expect(ids(drill({ roles, evaluation: { forms: [form], assignments: [assigned] } }))).toEqual([]);
    expect(ids(drill({ roles }))).toEqual([]);
  });
});

describe('the five samples', () => {
  const dir = join(import.meta.dirname, '..', '..', 'scenarios');
  it.each(readdirSync(dir).filter((name) => name.endsWith('.drill.json')))('%s has zero errors and zero domain warnings', (file) => {
    const parsed = parseScenarioFile(readFileSync(join(dir, file), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const findings = findingsOf(parsed.value);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(domainFindings(parsed.value).map((f) => f.message.en)).toEqual([]);
  });
});
