import { describe, expect, it } from 'vitest';
import { ScenarioBodySchema, type ScenarioBody } from '../../shared/model';
import { findingsByStepOf, findingsOf, rules } from '../../shared/validation';
import { validationDrillOf } from '../../bench/limits';

type Input = {
  roles: Record<string, unknown>[];
  steps: Record<string, unknown>[];
  edges: Record<string, unknown>[];
  objectives: Record<string, unknown>[];
};

/** A small flood drill that every rule accepts. */
function floodDrill(): Input {
  return {
    objectives: [{ id: 'o1', text: '检验应急监测能力' }],
    roles: [
      { id: 'commander', name: '总指挥', people: [{ name: '王五' }] },
      { id: 'monitoring', name: '应急监测组', people: [{ name: '张三', phone: '138 0000 0001' }] },
      { id: 'water', name: '供水保障组', people: [{ name: '李四' }] },
      { id: 'evaluators', name: '评估组', category: 'evaluator', people: [{ name: '赵六' }] },
      { id: 'guests', name: '观摩人员', category: 'observer', people: [{ name: '钱七' }] },
    ],
    steps: [
      { id: 'flood', kind: 'inject', title: '暴雨致水厂停产', durationMin: 5, roleIds: ['commander'] },
      { id: 'decide', kind: 'decision', title: '是否启动应急供水', durationMin: 5, roleIds: ['commander'] },
      { id: 'sample', kind: 'action', title: '采样监测', durationMin: 30, roleIds: ['monitoring'], objectiveIds: ['o1'] },
      { id: 'truck', kind: 'action', title: '调派送水车', durationMin: 20, roleIds: ['water'] },
      { id: 'done', kind: 'milestone', title: '供水恢复' },
    ],
    edges: [
      { id: 'e1', source: 'flood', target: 'decide' },
      { id: 'e2', source: 'decide', target: 'sample', kind: 'conditional', label: '水质异常' },
      { id: 'e3', source: 'decide', target: 'truck', kind: 'conditional', label: '水厂停产' },
      { id: 'e4', source: 'sample', target: 'done' },
      { id: 'e5', source: 'truck', target: 'done' },
    ],
  };
}

const bodyOf = (input: Input): ScenarioBody => ScenarioBodySchema.parse({ title: '汛期水环境应急演练', ...input });

const findingsOfRule = (input: Input, ruleId: string) => findingsOf(bodyOf(input)).filter((f) => f.ruleId === ruleId);

const stepOf = (input: Input, id: string) => input.steps.find((step) => step.id === id)!;

describe('findingsOf', () => {
  it('finds nothing wrong with a well-formed drill', () => {
    expect(findingsOf(bodyOf(floodDrill()))).toEqual([]);
  });

  it('finds nothing in an empty scenario', () => {
    expect(findingsOf(bodyOf({ roles: [], steps: [], edges: [], objectives: [] }))).toEqual([]);
  });

  it('gives every finding the severity of its rule and a message in both languages', () => {
    const drill = floodDrill();
    drill.steps.push({ id: 'lost', kind: 'action', title: '孤立步骤' });
    const severities = new Map(rules.map((r) => [r.id, r.severity]));
    const findings = findingsOf(bodyOf(drill));
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.severity).toBe(severities.get(finding.ruleId));
      expect(finding.message.zh).toContain('孤立步骤');
      expect(finding.message.en).toContain('孤立步骤');
    }
  });

  it('has unique rule ids, each with a description in both languages', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) expect(r.description.zh && r.description.en).toBeTruthy();
  });

  // How long this takes is measured by `npm run bench` (bench/limits.ts), not asserted here.
  it('checks 2,000 steps and 3,000 edges, finding only the one double-booked person', () => {
    const body = validationDrillOf(2000);
    expect(body.edges.length).toBeGreaterThan(2990);
    const findings = findingsOf(body);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.ruleId === 'person-double-booked')).toBe(true);
  });
});

describe('findingsByStepOf', () => {
  it('groups findings by the step they name', () => {
    const drill = floodDrill();
    stepOf(drill, 'truck').roleIds = [];
    stepOf(drill, 'truck').durationMin = null;
    const byStep = findingsByStepOf(findingsOf(bodyOf(drill)));
    expect([...byStep.keys()]).toEqual(['truck']);
    expect(byStep.get('truck')!.map((f) => f.ruleId)).toEqual(['step-has-role', 'has-duration']);
  });
});

describe('rule dangling-reference', () => {
  it('reports an edge to a missing step as an error in both languages', () => {
    const drill = floodDrill();
    drill.edges.push({ id: 'e9', source: 'done', target: 'ghost' });
    expect(findingsOfRule(drill, 'dangling-reference')).toEqual([
      {
        ruleId: 'dangling-reference',
        severity: 'error',
        message: { zh: '连线“e9”的终点步骤“ghost”不存在', en: 'edge "e9" ends at missing step "ghost"' },
        edgeId: 'e9',
      },
    ]);
  });

  it('names the step that refers to a missing role or objective', () => {
    const drill = floodDrill();
    stepOf(drill, 'truck').roleIds = ['nobody'];
    stepOf(drill, 'truck').objectiveIds = ['o9'];
    const findings = findingsOfRule(drill, 'dangling-reference');
    expect(findings.map((f) => [f.stepId, f.message.zh])).toEqual([
      ['truck', '步骤“调派送水车”引用的角色“nobody”不存在'],
      ['truck', '步骤“调派送水车”引用的演练目标“o9”不存在'],
    ]);
  });

  it('reports duplicate ids and a role reporting to a missing role', () => {
    const drill = floodDrill();
    drill.steps.push({ id: 'done', kind: 'milestone', title: '重复' });
    drill.roles[1].reportsTo = 'chief';
    const findings = findingsOfRule(drill, 'dangling-reference');
    expect(findings.map((f) => f.message.zh)).toEqual(['步骤编号“done”重复', '角色“应急监测组”的上级“chief”不存在']);
    expect(findings[1].roleId).toBe('monitoring');
  });
});

describe('rule no-cycle', () => {
  it('names the steps of a cycle by title', () => {
    const drill = floodDrill();
    drill.edges.push({ id: 'back', source: 'done', target: 'flood' });
    const findings = findingsOfRule(drill, 'no-cycle');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', stepId: 'flood' });
    expect(findings[0].message.en).toMatch(/^Steps form a cycle: "暴雨致水厂停产" → "是否启动应急供水" → .* → "供水恢复" → "暴雨致水厂停产"$/);
  });

  it('reports each separate cycle', () => {
    const drill = floodDrill();
    drill.edges.push({ id: 'x1', source: 'done', target: 'sample' }, { id: 'x2', source: 'decide', target: 'flood' });
    expect(findingsOfRule(drill, 'no-cycle').map((f) => f.stepId)).toEqual(['flood', 'sample']);
  });

  it('leaves self-edges to no-self-edge', () => {
    const drill = floodDrill();
    drill.edges.push({ id: 'self', source: 'truck', target: 'truck' });
    expect(findingsOfRule(drill, 'no-cycle')).toEqual([]);
  });
});

describe('rule no-self-edge', () => {
  it('reports an edge from a step to itself', () => {
    const drill = floodDrill();
    drill.edges.push({ id: 'self', source: 'truck', target: 'truck' });
    expect(findingsOfRule(drill, 'no-self-edge')).toEqual([
      {
        ruleId: 'no-self-edge',
        severity: 'error',
        message: { zh: '连线从步骤“调派送水车”指回它自己', en: 'An edge leads from step "调派送水车" back to itself' },
        stepId: 'truck',
        edgeId: 'self',
      },
    ]);
  });
});

describe('rule step-has-role', () => {
  it('reports an action nobody is responsible for', () => {
    const drill = floodDrill();
    stepOf(drill, 'sample').roleIds = [];
    expect(findingsOfRule(drill, 'step-has-role').map((f) => [f.stepId, f.message.zh])).toEqual([
      ['sample', '步骤“采样监测”没有负责角色'],
    ]);
  });

  it('lets milestones go without a role', () => {
    expect(stepOf(floodDrill(), 'done').roleIds).toBeUndefined();
    expect(findingsOfRule(floodDrill(), 'step-has-role')).toEqual([]);
  });
});

describe('rule reachable-from-inject', () => {
  it('reports a step no inject leads to', () => {
    const drill = floodDrill();
    drill.edges = drill.edges.filter((e) => e.id !== 'e3');
    expect(findingsOfRule(drill, 'reachable-from-inject').map((f) => f.stepId)).toEqual(['truck']);
  });

  it('reports once when the scenario has no inject at all', () => {
    const drill = floodDrill();
    stepOf(drill, 'flood').kind = 'action';
    const findings = findingsOfRule(drill, 'reachable-from-inject');
    expect(findings).toHaveLength(1);
    expect(findings[0].stepId).toBeUndefined();
    expect(findings[0].message.en).toBe('The scenario has no inject step');
  });
});

describe('rule decision-branches', () => {
  it('reports a decision with a single branch', () => {
    const drill = floodDrill();
    drill.edges = drill.edges.filter((e) => e.id !== 'e3');
    const findings = findingsOfRule(drill, 'decision-branches');
    expect(findings.map((f) => [f.stepId, f.message.en])).toEqual([
      ['decide', 'Decision "是否启动应急供水" has 1 branch; it needs at least two'],
    ]);
  });

  it('reports a plain sequence edge out of a decision', () => {
    const drill = floodDrill();
    drill.edges[2] = { id: 'e3', source: 'decide', target: 'truck' };
    expect(findingsOfRule(drill, 'decision-branches').map((f) => f.edgeId)).toEqual(['e3']);
  });
});

describe('rule conditional-from-decision', () => {
  it('reports a conditional edge out of an action', () => {
    const drill = floodDrill();
    drill.edges[3] = { id: 'e4', source: 'sample', target: 'done', kind: 'conditional', label: '合格' };
    const findings = findingsOfRule(drill, 'conditional-from-decision');
    expect(findings.map((f) => [f.edgeId, f.message.en])).toEqual([
      ['e4', 'The conditional edge from "采样监测" to "供水恢复" does not leave a decision: "采样监测" is not one'],
    ]);
  });

  it('reports a conditional edge without a condition', () => {
    const drill = floodDrill();
    drill.edges[1].label = '  ';
    expect(findingsOfRule(drill, 'conditional-from-decision').map((f) => [f.edgeId, f.message.zh])).toEqual([
      ['e2', '从“是否启动应急供水”到“采样监测”的条件连线没有写明条件'],
    ]);
  });
});

describe('rule has-duration', () => {
  it('reports an action without a planned duration', () => {
    const drill = floodDrill();
    stepOf(drill, 'truck').durationMin = null;
    expect(findingsOfRule(drill, 'has-duration').map((f) => f.stepId)).toEqual(['truck']);
  });

  it('lets milestones go without a duration', () => {
    expect(stepOf(floodDrill(), 'done').durationMin).toBeUndefined();
    expect(findingsOfRule(floodDrill(), 'has-duration')).toEqual([]);
  });
});

describe('rule objective-served', () => {
  it('reports an objective no step serves', () => {
    const drill = floodDrill();
    drill.objectives.push({ id: 'o2', text: '检验舆情应对能力' });
    expect(findingsOfRule(drill, 'objective-served').map((f) => [f.objectiveId, f.message.zh])).toEqual([
      ['o2', '演练目标“检验舆情应对能力”没有对应的步骤'],
    ]);
  });
});

describe('rule role-has-step', () => {
  it('reports a player role with nothing to do, as info', () => {
    const drill = floodDrill();
    drill.roles.push({ id: 'medical', name: '医疗卫生组' });
    expect(findingsOfRule(drill, 'role-has-step').map((f) => [f.roleId, f.severity])).toEqual([['medical', 'info']]);
  });

  it('lets evaluators and observers have no step', () => {
    expect(findingsOfRule(floodDrill(), 'role-has-step')).toEqual([]);
  });
});

describe('rule person-double-booked', () => {
  /** 张三 also in the water-supply group, whose truck dispatch (T+10–T+30) overlaps sampling (T+10–T+40). */
  function zhangInTwoRoles(phone = ''): Input {
    const drill = floodDrill();
    drill.roles[2].people = [{ name: ' 张三 ', phone }];
    return drill;
  }

  it('reports one person in two roles whose steps overlap', () => {
    const findings = findingsOfRule(zhangInTwoRoles(), 'person-double-booked');
    expect(findings).toHaveLength(1);
    expect(findings[0].message.zh).toBe(
      '“张三”同时在角色“应急监测组”和“供水保障组”中，步骤“采样监测”（T+10–T+40）与“调派送水车”（T+10–T+30）时间重叠',
    );
    expect(findings[0]).toMatchObject({ stepId: 'truck', roleId: 'water', severity: 'warning' });
  });

  it('reports each overlapping step once, naming the first step it clashes with', () => {
    const drill = zhangInTwoRoles();
    drill.steps.push({ id: 'bottles', kind: 'action', title: '发放瓶装水', durationMin: 10, roleIds: ['water'] });
    drill.edges.push(
      { id: 'e6', source: 'decide', target: 'bottles', kind: 'conditional', label: '管网停水' },
      { id: 'e7', source: 'bottles', target: 'done' },
    );
    const findings = findingsOfRule(drill, 'person-double-booked');
    expect(findings.map((f) => f.stepId)).toEqual(['truck', 'bottles']);
    expect(findings[1].message.en).toContain('"采样监测" (T+10–T+40) and "发放瓶装水" (T+10–T+20) overlap');
  });

  it('treats the same name with the same phone, however written, as one person', () => {
    expect(findingsOfRule(zhangInTwoRoles('13800000001'), 'person-double-booked')).toHaveLength(1);
  });

  it('treats the same name with different phones as two people', () => {
    expect(findingsOfRule(zhangInTwoRoles('13900000002'), 'person-double-booked')).toEqual([]);
  });

  it('stays silent when the steps follow one another', () => {
    const drill = zhangInTwoRoles();
    drill.edges.push({ id: 'e6', source: 'sample', target: 'truck' });
    expect(findingsOfRule(drill, 'person-double-booked')).toEqual([]);
  });

  it('is skipped when the graph has a cycle', () => {
    const drill = zhangInTwoRoles();
    drill.edges.push({ id: 'back', source: 'done', target: 'flood' });
    expect(findingsOfRule(drill, 'person-double-booked')).toEqual([]);
  });
});
