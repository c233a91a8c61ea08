/**
 * Domain checks: what a county ecology-and-environment bureau would not sign
 * in a drill script, listed in the editor's 检查 panel as warnings beside the
 * drafting rules of `validation.ts`. They never block saving.
 *
 * The model has no field for a report's recipient or for how the response
 * level is graded, so these checks read the words a drill office writes
 * (信息报送, 初报, 县人民政府, 警戒水位 …). Their sources:
 * - 《突发环境事件信息报告办法》(环境保护部令第17号, 2011): the county bureau
 *   reports to its own government and to the bureau one level up (一般/较大
 *   within 4 hours, 重大/特别重大 within 2 hours, also to the province);
 *   初报, 续报 and 处理结果报告 (终报).
 * - 《国家突发环境事件应急预案》(2014) annex: incidents are graded by people
 *   poisoned or moved because of pollution, drinking-water intake stopped,
 *   losses and cross-boundary effects, not by river water levels; flood
 *   control stays with the flood-control headquarters.
 * - Drill practice (2009 应急演练指南, AQ/T 9007-2019): observed drills
 *   usually last 90-120 minutes, longer scenarios compress scenario time.
 */
import { inEveryLanguage, type MessageParams } from './i18n';
import type { ScenarioBody, Step } from './model';
import type { Finding, Message, Rule, RuleContext, Severity } from './validation';

/** Planned minutes above which a drill without compressed scenario time gets a warning. */
export const LONG_DRILL_MINUTES = 150;

const REPORT_TITLE = /信息报送|信息报告|报送信息|初报|续报|终报|处理结果报告/;
const REPORT_DESCRIPTION = /信息报送|初报|续报|终报|处理结果报告/;
const REPORT_VERB_TO_RECIPIENT =
  /(?:向|报|报告|报送|抄送|抄报|通报|呈报|上报)[^。；\n]{0,30}?(?:人民政府|政府|生态环境局|生态环境厅|生态环境部|环境保护(?:主管)?部门|应急管理局|应急管理厅|指挥部|总值班室|值班室)/;
const CITY_OR_PROVINCE = /[市省](?:人民政府|政府|生态环境局|生态环境厅|应急管理局|应急管理厅)|省级|市级/;
const COUNTY_GOVERNMENT = /[县区]人民政府|[县区]政府|本级人民政府/;
const FLOOD_CRITERION = /警戒水位|保证水位|超警戒|水位|洪峰|降雨量|雨量|汛情/;
const RESPONSE_LEVEL = /响应|级别|[ⅠⅡⅢⅣ]级|[一二三四]级/;
const ENVIRONMENTAL = /突发环境事件|环境事件|环境应急|环境污染/;
/** How a scenario says its scenario time runs faster than the clock, until a per-step scenario time exists in the model. */
const COMPRESSED_TIME = /压缩时序|时间压缩|情景时间/;

const textOf = (step: Step) => `${step.title}\n${step.description}\n${step.dialogue}\n${step.expectedResult}`;

function message(key: string, params: MessageParams): Message {
  return inEveryLanguage(`editor.domainChecks.${key}`, params);
}

function domainRule(id: string, ruleKey: string, check: (ctx: RuleContext, finding: (key: string, params: MessageParams, about?: Omit<Finding, 'ruleId' | 'severity' | 'message'>) => Finding) => Finding[]): Rule {
  const severity: Severity = 'warning';
  return {
    id,
    severity,
    description: message(`rule.${ruleKey}`, {}),
    check: (ctx) => check(ctx, (key, params, about = {}) => ({ ruleId: id, severity, message: message(key, params), ...about })),
  };
}

/** Whether a step reports information up the line (信息报送, 初报, 续报, 终报). */
export function isReportStep(step: Step): boolean {
  return REPORT_TITLE.test(step.title) || REPORT_DESCRIPTION.test(step.description);
}

const reportRecipient = domainRule('report-recipient', 'reportRecipient', (ctx, finding) => {
  const findings: Finding[] = [];
  for (const step of ctx.stepById.values()) {
    if (!isReportStep(step)) continue;
    const text = textOf(step);
    if (!REPORT_VERB_TO_RECIPIENT.test(text)) findings.push(finding('reportNoRecipient', { title: step.title }, { stepId: step.id }));
    else if (CITY_OR_PROVINCE.test(text) && !COUNTY_GOVERNMENT.test(text))
      findings.push(finding('reportSkipsCounty', { title: step.title }, { stepId: step.id }));
  }
  return findings;
});

const floodCriterion = domainRule('flood-criterion-level', 'floodCriterion', (ctx, finding) => {
  const findings: Finding[] = [];
  for (const step of ctx.stepById.values()) {
    if (step.kind !== 'decision') continue;
    const branches = ctx.outgoing.get(step.id) ?? [];
    // What the decision is keyed on: its title, question and branch labels (its description may explain what it is not keyed on).
    const keyedOn = [step.title, step.question, ...branches.map((edge) => edge.label)].join('\n');
    const criterion = FLOOD_CRITERION.exec(keyedOn);
    if (!criterion) continue;
    const targets = branches.map((edge) => ctx.stepById.get(edge.target)).filter((target): target is Step => target !== undefined);
    const decides = [keyedOn, step.description, ...targets.map((target) => `${target.title}\n${target.description}`)].join('\n');
    if (RESPONSE_LEVEL.test(decides) && ENVIRONMENTAL.test(decides))
      findings.push(finding('floodCriterion', { title: step.title, criterion: criterion[0] }, { stepId: step.id }));
  }
  return findings;
});

/** Whether the scenario declares compressed scenario time: in its description (情景时间按压缩时序推进), or by giving a step a scenario time. */
export function hasCompressedTime(body: Pick<ScenarioBody, 'description' | 'steps'>): boolean {
  return COMPRESSED_TIME.test(body.description) || body.steps.some((step) => step.scenarioTime.trim() !== '');
}

const longUncompressed = domainRule('long-uncompressed', 'longUncompressed', (ctx, finding) => {
  const schedule = ctx.schedule();
  if (!schedule.ok || schedule.length <= LONG_DRILL_MINUTES || hasCompressedTime(ctx.body)) return [];
  return [finding('longUncompressed', { minutes: schedule.length })];
});

const roleHasPeople = domainRule('role-has-people', 'roleHasPeople', (ctx, finding) =>
  [...ctx.roleById.values()].filter((role) => role.people.length === 0).map((role) => finding('roleNoPeople', { name: role.name }, { roleId: role.id })),
);

const evaluatorHasForm = domainRule('evaluator-has-form', 'evaluatorHasForm', (ctx, finding) => {
  const { forms, assignments } = ctx.body.evaluation;
  // Only once the scenario has an evaluation plan: before, no role can be given a form.
  if (forms.length === 0) return [];
  const formIds = new Set(forms.map((form) => form.id));
  const withForm = new Set(assignments.filter((a) => a.formIds.some((id) => formIds.has(id))).map((a) => a.roleId));
  return [...ctx.roleById.values()]
    .filter((role) => role.category === 'evaluator' && !withForm.has(role.id))
    .map((role) => finding('evaluatorNoForm', { name: role.name }, { roleId: role.id }));
});

/** The domain checks, in the order their findings are listed after the drafting rules. */
export const domainRules: readonly Rule[] = [reportRecipient, floodCriterion, longUncompressed, roleHasPeople, evaluatorHasForm];
