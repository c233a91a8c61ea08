/**
 * The default evaluation forms (评估表) a planner starts from: one for a
 * flood-season water-environment drill and one for a sudden environmental
 * incident (a pollution event on a river). Their sections follow the phases
 * AQ/T 9009-2015 and GB/T 46792-2025 evaluate (warning and reporting,
 * response, command, monitoring, response actions, public information,
 * recovery, and the drill's own organisation); every item is written for
 * DrillDesk, in its own words.
 *
 * Each item has a `key` so the sample drills can link it to their steps and
 * objectives (scripts/sample-scenarios); a form made from a template in the
 * app starts unlinked, with fresh ids.
 */
import { EvalFormSchema, type EvalForm, type EvalScheme } from './model';

export type TemplateItem = { key: string; content: string; criterion: string; guidance?: string; critical?: boolean; site?: string };
export type TemplateSection = { title: string; items: TemplateItem[] };
export type FormTemplate = { id: string; title: string; description: string; scheme: EvalScheme; passPercent: number; sections: TemplateSection[] };

const organisation: TemplateSection = {
  title: '演练组织与保障',
  items: [
    { key: 'org-docs', content: '演练方案、脚本、安全保障方案和评估方案在演练前编制完成并经审定', criterion: '文件齐全，审定手续完备，参演单位事先知晓各自任务' },
    { key: 'org-control', content: '导调组按脚本注入情景并掌控节奏', criterion: '情景按时注入，偏离计划时及时调整并记录原因' },
    { key: 'org-safety', content: '现场安全措施落实到位', criterion: '涉水、登高等作业人员防护齐全，设有安全员，全程无安全事故', critical: true },
    { key: 'org-review', content: '演练结束后组织现场点评和总结', criterion: '点评指出具体问题，明确整改责任和时限' },
  ],
};

export const FORM_TEMPLATES: readonly FormTemplate[] = [
  {
    id: 'flood-season',
    title: '汛期水环境应急演练评估表',
    description: '对照演练目标逐项观察记录：达到打“达到”，有欠缺打“基本达到”并在说明中写明，未做到打“未达到”，本场未涉及打“不适用”。',
    scheme: 'checklist',
    passPercent: 80,
    sections: [
      {
        title: '预警与信息报告',
        items: [
          { key: 'warn-relay', content: '收到气象预警后及时转达指挥部和各工作组', criterion: '10分钟内通知到位，通知对象无遗漏，有通知记录' },
          { key: 'warn-assess', content: '会商研判汛情和环境风险', criterion: '研判依据实时水位、雨情和风险源清单，形成明确意见' },
          { key: 'warn-report', content: '按规定向上级生态环境部门报送信息', criterion: '初报时限符合要求，时间、地点、影响和已采取措施等要素齐全', critical: true },
        ],
      },
      {
        title: '应急响应启动',
        items: [
          { key: 'resp-level', content: '依据研判结论确定响应级别并下达启动指令', criterion: '级别与预案条件相符，指令由有权限的指挥人员下达' },
          { key: 'resp-muster', content: '各工作组接令后按时报到、明确任务', criterion: '报到及时，负责人和联络方式清楚' },
        ],
      },
      {
        title: '指挥与协调',
        items: [
          { key: 'cmd-deploy', content: '现场指挥部部署任务', criterion: '分工覆盖供水、污水、监测、安置和宣传，任务要求具体' },
          { key: 'cmd-comms', content: '指挥部与各工作组信息畅通', criterion: '处置进展按时汇总上报，指令传达无遗漏' },
          { key: 'cmd-decide', content: '关键决策按预设条件研判', criterion: '决策依据清楚，理由记录在案' },
        ],
      },
      {
        title: '应急监测',
        items: [
          { key: 'mon-plan', content: '制定应急监测方案', criterion: '点位覆盖取水口、安置点饮用水和考核断面，频次明确', site: '监测断面' },
          { key: 'mon-sample', content: '现场采样和分析规范', criterion: '采样、保存、分析符合技术规范，人员防护到位', site: '监测断面' },
          { key: 'mon-report', content: '监测结果及时报送并据此加密或溯源', criterion: '快报按时报送；超标时加密监测并排查来源', critical: true, site: '监测断面' },
        ],
      },
      {
        title: '应急处置（供水保障）',
        items: [
          { key: 'water-supply', content: '水厂停运后启动应急供水', criterion: '安置点和重点用户供水不中断，送水车调度有序', critical: true, site: '自来水厂' },
          { key: 'water-test', content: '安置点饮用水快检和异常处置', criterion: '快检及时；发现异常立即停用问题水源、改供安全用水', site: '安置点' },
          { key: 'water-disinfect', content: '储水设施消毒和余氯检测', criterion: '消毒方法正确，余氯定时检测并记录', site: '安置点' },
        ],
      },
      {
        title: '应急处置（污水处置）',
        items: [
          { key: 'sew-intercept', content: '污水处理厂停运后截流和封堵溢流口', criterion: '关闸截流及时，未发生污水直排河道', critical: true, site: '污水处理厂' },
          { key: 'sew-storage', content: '核算调蓄容量并选定处置方式', criterion: '测算依据清楚，调蓄或移动处理方案可行', site: '污水处理厂' },
          { key: 'sew-sites', content: '安置点污水和粪便收集转运', criterion: '收集点设置合理，转运及时，无外溢', site: '安置点' },
        ],
      },
      {
        title: '信息发布',
        items: [
          { key: 'info-release', content: '发布权威信息和饮水安全提示', criterion: '发布及时、口径一致，群众能看懂怎么做' },
          { key: 'info-rumour', content: '监测和回应网络谣言', criterion: '发现后及时核实澄清，回应有据' },
        ],
      },
      {
        title: '后期处置',
        items: [
          { key: 'rec-water', content: '恢复供水前检测出厂水和管网末梢水', criterion: '检测项目齐全，合格后再恢复供水', site: '自来水厂' },
          { key: 'rec-sewage', content: '污水处理厂恢复运行并回抽处理调蓄污水', criterion: '恢复后出水达标，调蓄污水处理完毕', site: '污水处理厂' },
          { key: 'rec-end', content: '判断应急响应终止条件', criterion: '对照终止条件逐项确认后再宣布终止' },
        ],
      },
      organisation,
    ],
  },
  {
    id: 'environmental-incident',
    title: '突发环境事件应急演练评估表',
    description: '对照演练目标逐项观察记录：达到打“达到”，有欠缺打“基本达到”并在说明中写明，未做到打“未达到”，本场未涉及打“不适用”。',
    scheme: 'checklist',
    passPercent: 80,
    sections: [
      {
        title: '接报与信息报告',
        items: [
          { key: 'inc-verify', content: '接到自动监测预警或群众举报后派员核实', criterion: '接报登记完整，核实人员及时到场并反馈初步情况' },
          { key: 'inc-report', content: '按规定时限和程序报告事件信息', criterion: '报告时限、内容要素和报送对象符合信息报告办法', critical: true },
          { key: 'inc-notify', content: '向下游地区和用水单位通报', criterion: '通报及时，对象齐全，内容说明影响和应对建议' },
        ],
      },
      {
        title: '应急响应启动',
        items: [
          { key: 'inc-level', content: '研判事件级别并启动响应', criterion: '研判依据充分，级别与预案相符' },
          { key: 'inc-muster', content: '应急队伍和物资到位', criterion: '人员、监测设备和处置物资按要求到达现场' },
        ],
      },
      {
        title: '指挥与协调',
        items: [
          { key: 'inc-hq', content: '设立现场指挥部并明确分工', criterion: '指挥关系清楚，各组任务具体' },
          { key: 'inc-link', content: '多部门联动处置', criterion: '生态环境、水务、农业农村和属地政府配合顺畅' },
        ],
      },
      {
        title: '应急监测',
        items: [
          { key: 'inc-mon-plan', content: '制定应急监测方案', criterion: '特征污染物、点位和频次明确，覆盖上下游', site: '监测断面' },
          { key: 'inc-mon-dense', content: '加密监测并及时报送数据', criterion: '按方案频次采样，数据当班报送', site: '监测断面' },
          { key: 'inc-plume', content: '研判污染团迁移趋势', criterion: '结合流量流速估算到达下游敏感点的时间' },
        ],
      },
      {
        title: '污染源排查与控制',
        items: [
          { key: 'inc-trace', content: '沿河溯源排查污染来源', criterion: '分段采样、无人机巡查等方法运用得当，排查范围合理' },
          { key: 'inc-cutoff', content: '锁定并切断污染源', criterion: '责令停排、封堵排口等措施落实，现场取证完整', critical: true },
          { key: 'inc-dam', content: '构筑拦截坝削减污染', criterion: '选址合理，拦截和吸附材料使用得当，效果经监测验证' },
        ],
      },
      {
        title: '下游保护与信息发布',
        items: [
          { key: 'inc-intake', content: '保障下游取水安全', criterion: '取水口超标风险研判准确，必要时暂停取水并启用备用水源', critical: true },
          { key: 'inc-public', content: '发布事件信息', criterion: '发布及时、准确，回应群众关切' },
        ],
      },
      {
        title: '后期处置',
        items: [
          { key: 'inc-end', content: '判断响应终止条件', criterion: '断面水质连续达标后再宣布终止' },
          { key: 'inc-follow', content: '后续跟踪监测和调查处理', criterion: '明确跟踪监测安排和违法行为查处责任' },
        ],
      },
      organisation,
    ],
  },
];

/**
 * A form from a template with fresh ids (`newId(prefix)`), unlinked. The
 * returned `keys` map each template key to its item's id, so a caller can
 * link the items (the sample drills do).
 */
export function formFromTemplate(template: FormTemplate, newId: (prefix: string) => string): { form: EvalForm; keys: Map<string, string> } {
  const keys = new Map<string, string>();
  const form = EvalFormSchema.parse({
    id: newId('form'),
    title: template.title,
    description: template.description,
    scheme: template.scheme,
    passPercent: template.passPercent,
    sections: template.sections.map((section) => ({
      id: newId('sec'),
      title: section.title,
      items: section.items.map((item) => {
        const id = newId('item');
        keys.set(item.key, id);
        return { id, content: item.content, criterion: item.criterion, guidance: item.guidance ?? '', site: item.site ?? '', critical: item.critical ?? false };
      }),
    })),
  });
  return { form, keys };
}
