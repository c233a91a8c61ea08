/**
 * Seeded generated data for the benchmarks: drill scenarios of any size and
 * long run logs. The same seed gives the same graph on every machine, so two
 * runs of `npm run bench` measure the same work.
 */
import { EMPTY_ARRANGEMENTS, EMPTY_DOC_FIELDS, EMPTY_ROSTER_FIELDS, type Edge, type NewRunEvent, type Role, type ScenarioBody, type Step } from '../shared/model';

/** A small, fast, seeded PRNG (mulberry32): `rng()` gives floats in [0, 1). */
export function rngOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

const GROUPS = ['应急监测组', '供水保障组', '污水处置组', '医疗卫生组', '后勤保障组', '宣传报道组', '专家组', '导调组'];
const PLACES = ['资水河城东断面', '县自来水厂', '城东污水处理厂', '安置点一号', '县应急指挥中心', '沿河化工园区'];
const VERBS = ['核查', '采样监测', '启用备用电源', '调运应急水车', '报告指挥部', '设置围堰', '投加药剂', '发布公告'];
const OBJECTS = ['取水口水质', '提升泵房', '管网压力', '安置点饮用水', '溢流污水', '沿河风险源', '应急物资', '监测数据'];
const SENTENCE =
  '根据现场情况，按照预案要求组织人员赶赴现场开展处置，及时向指挥部报告进展和存在的问题，做好记录并与相关部门保持联络。';

/** Chinese-looking text of about `chars` characters, from a fixed phrase pool. */
function textOf(rng: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) text += `${pick(rng, PLACES)}${pick(rng, VERBS)}${pick(rng, OBJECTS)}，${SENTENCE.slice(0, 10 + Math.floor(rng() * 40))}。`;
  return text.slice(0, chars);
}

export type ScenarioSpec = {
  steps: number;
  edges: number;
  seed: number;
  /** `full`: realistic text in every field (as a drill script has); `bare`: titles only (for pure graph algorithms). */
  text?: 'full' | 'bare';
  /** How far back (in step order) an edge may reach; drills link mostly nearby steps. */
  window?: number;
};

/**
 * The kind of step i. Proportions follow the sample drills: about one step
 * in ten an inject, one in ten a decision, a few milestones, the rest actions.
 */
const kindOf = (i: number): Step['kind'] => (i % 10 === 0 ? 'inject' : i % 10 === 5 ? 'decision' : i % 53 === 0 ? 'milestone' : 'action');

/** Conditions on the branches out of a decision. */
const CONDITIONS = ['水位超警戒', '水位未超警戒', '出水超标', '出水达标', '需要增援'];

/** Node spacing of the generated layout, for the editor's 220 × 96 step nodes. */
const COLUMN_WIDTH = 300;
const ROW_HEIGHT = 130;

/**
 * A drill scenario with `steps` steps and `edges` edges forming a DAG: step i
 * depends on one or more earlier steps within `window`, so every step has a
 * predecessor (except the first) and the graph is one connected drill. Edges
 * out of a decision are conditional branches with a condition as label;
 * about one edge in ten has a lag. (In the sample drills about a quarter of
 * the edges carry a label, a condition or a lag; so do these.) Steps are laid
 * out in columns by dependency depth, so the editor opens it without an
 * automatic layout.
 */
export function scenarioOf(spec: ScenarioSpec): ScenarioBody {
  const rng = rngOf(spec.seed);
  const full = (spec.text ?? 'full') === 'full';
  const window = spec.window ?? 24;
  const n = spec.steps;
  const roles: Role[] = GROUPS.map((group, i) => ({
    ...EMPTY_ROSTER_FIELDS,
    id: `r${i}`,
    name: group,
    group,
    category: i === GROUPS.length - 1 ? 'controller' : 'player',
    color: `#${(0x1f77b4 + i * 0x151515).toString(16).slice(-6)}`,
    responsibilities: full ? textOf(rng, 60) : '',
    reportsTo: null,
    people: full ? [{ name: `联络员${i + 1}`, unit: group, phone: `138-0000-${String(1000 + i)}`, callSign: `${group}${i}` }] : [],
  }));

  // Edges: first one predecessor per step (keeps the drill connected), then
  // extra dependencies until `edges` is reached, never repeating a pair.
  const edges: Edge[] = [];
  const seen = new Set<number>();
  const addEdge = (source: number, target: number) => {
    const key = source * n + target;
    if (source === target || seen.has(key)) return false;
    seen.add(key);
    const branch = kindOf(source) === 'decision';
    edges.push({
      id: `e${edges.length}`,
      source: `s${source}`,
      target: `s${target}`,
      kind: branch ? 'conditional' : 'sequence',
      label: branch ? pick(rng, CONDITIONS) : '',
      lagMin: rng() < 0.1 ? 1 + Math.floor(rng() * 10) : 0,
    });
    return true;
  };
  for (let i = 1; i < n && edges.length < spec.edges; i++) addEdge(Math.max(0, i - 1 - Math.floor(rng() * Math.min(i, window))), i);
  let attempts = 0;
  while (edges.length < spec.edges && attempts++ < spec.edges * 20) {
    const target = 1 + Math.floor(rng() * (n - 1));
    addEdge(Math.max(0, target - 1 - Math.floor(rng() * Math.min(target, window))), target);
  }

  // Depth of each step (edges always point forward in step order).
  const depth = new Int32Array(n);
  const byTarget = edges.map((edge) => [Number(edge.source.slice(1)), Number(edge.target.slice(1))] as const).sort((a, b) => a[1] - b[1]);
  for (const [source, target] of byTarget) if (depth[source] + 1 > depth[target]) depth[target] = depth[source] + 1;
  const rowsUsed = new Map<number, number>();

  const steps: Step[] = [];
  for (let i = 0; i < n; i++) {
    const row = rowsUsed.get(depth[i]) ?? 0;
    rowsUsed.set(depth[i], row + 1);
    const kind = kindOf(i);
    const roleIds = [roles[i % roles.length].id];
    if (i % 4 === 0) roleIds.push(roles[(i + 3) % roles.length].id);
    const common = {
      id: `s${i}`,
      title: `${String(i + 1).padStart(4, '0')} ${pick(rng, VERBS)}${pick(rng, OBJECTS)}`,
      description: full ? textOf(rng, 40 + Math.floor(rng() * 80)) : '',
      roleIds,
      dialogue: full && rng() < 0.6 ? `指挥长，我是${GROUPS[i % GROUPS.length]}。${textOf(rng, 30 + Math.floor(rng() * 90))}` : '',
      location: full ? pick(rng, PLACES) : '',
      durationMin: kind === 'milestone' ? 0 : 1 + Math.floor(rng() * 20),
      resources: full && rng() < 0.5 ? textOf(rng, 20) : '',
      expectedResult: full ? textOf(rng, 20 + Math.floor(rng() * 30)) : '',
      objectiveIds: [],
      notes: '',
      phase: '',
      scenarioTime: '',
      controllerOnly: [],
      position: { x: depth[i] * COLUMN_WIDTH, y: row * ROW_HEIGHT },
    };
    if (kind === 'inject') steps.push({ ...common, kind, deliveryMethod: '电话' });
    else if (kind === 'decision') steps.push({ ...common, kind, question: full ? '是否启动应急供水？' : '' });
    else steps.push({ ...common, kind });
  }

  return {
    docFields: EMPTY_DOC_FIELDS,
    arrangements: EMPTY_ARRANGEMENTS,
    title: `基准演练 ${n} 步`,
    titleEn: `Benchmark drill, ${n} steps`,
    summaryEn: '',
    description: full ? textOf(rng, 200) : '',
    drillDate: '2022-06-15',
    startTime: '09:00',
    timeZone: 'Asia/Shanghai',
    location: '县城区',
    organiser: '县生态环境局',
    objectives: [],
    roles,
    steps,
    edges,
    evaluation: { forms: [], assignments: [] },
  };
}

export type RunLogSpec = {
  /** The scenario the run follows (its steps are the ones events name). */
  plan: ScenarioBody;
  events: number;
  seed: number;
  /** When the run began. */
  startedAt: string;
  /** How long the run lasted, in minutes; events are spread evenly over it. */
  durationMin?: number;
};

/**
 * A long run log: steps are delivered, started and completed (a few skipped)
 * roughly in plan order, decisions take a branch when they have an outgoing
 * edge, the control team pauses and shifts the plan now and then, and
 * observations (with ratings) fill the rest. Times are strictly increasing.
 */
export function runEventsOf(spec: RunLogSpec): (NewRunEvent & { at: string })[] {
  const rng = rngOf(spec.seed);
  const steps = spec.plan.steps;
  const outEdge = new Map<string, string>();
  for (const edge of spec.plan.edges) if (!outEdge.has(edge.source)) outEdge.set(edge.source, edge.id);
  const t0 = new Date(spec.startedAt).getTime();
  const spanMs = (spec.durationMin ?? 8 * 60) * 60_000;
  const lifecycle: Omit<NewRunEvent, 'at'>[] = [];
  for (const step of steps) {
    if (step.kind === 'inject') lifecycle.push({ kind: 'inject-delivered', stepId: step.id });
    if (rng() < 0.03) {
      lifecycle.push({ kind: 'skipped', stepId: step.id, text: '条件不具备，跳过' });
      continue;
    }
    lifecycle.push({ kind: 'started', stepId: step.id, roleId: step.roleIds[0] ?? null });
    const branch = outEdge.get(step.id);
    if (step.kind === 'decision' && branch) lifecycle.push({ kind: 'branch-taken', stepId: step.id, edgeId: branch });
    lifecycle.push({ kind: 'completed', stepId: step.id, roleId: step.roleIds[0] ?? null });
  }
  const total = Math.max(spec.events, lifecycle.length);
  const observationEvery = (total - lifecycle.length) / Math.max(1, lifecycle.length);
  const events: (NewRunEvent & { at: string })[] = [];
  let owed = 0;
  let paused = false;
  const at = () => new Date(t0 + Math.floor(((events.length + 1) / (total + 1)) * spanMs)).toISOString();
  for (const event of lifecycle) {
    events.push({ ...event, at: at() });
    owed += observationEvery;
    while (owed >= 1 && events.length < total) {
      owed--;
      const step = steps[Math.floor(rng() * steps.length)];
      const roll = rng();
      if (roll < 0.002) {
        events.push({ kind: paused ? 'resumed' : 'paused', at: at() });
        paused = !paused;
      } else if (roll < 0.003) events.push({ kind: 'plan-shifted', shiftMin: 5, text: '现场道路积水，整体顺延', at: at() });
      else
        events.push({
          kind: 'observation',
          stepId: step.id,
          roleId: step.roleIds[0] ?? null,
          text: `评估员记录：${step.title}处置到位`,
          rating: 1 + Math.floor(rng() * 5),
          at: at(),
        });
    }
  }
  while (events.length < total) events.push({ kind: 'observation', text: '补充记录', at: at() });
  if (paused) events[events.length - 1] = { kind: 'resumed', at: events[events.length - 1].at };
  return events;
}
