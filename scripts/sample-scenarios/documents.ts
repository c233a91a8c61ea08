/**
 * What a county drill office writes around the script, for the samples: the
 * documents' header fields (编制单位, 编制/审核/签发, 版本, 日期, 密级), the
 * arrangements of the 演练工作方案 and 演练通知 (编制依据, 安全保障, 物资通讯
 * 后勤保障, 筹备工作安排, 报到地点, 联系人, 观摩安排), and each role's roster
 * fields (标识, 集合地点/时间), the same group wearing the same mark in every
 * sample. Names and numbers are fictional.
 */
import type { DocFields, DrillArrangements } from '../../shared/model';
import { R } from './roles';

/** The standards and plans every sample is written on; a sample adds its own. */
const COMMON_BASIS = [
  '《中华人民共和国突发事件应对法》',
  '《中华人民共和国水污染防治法》',
  '《突发环境事件应急管理办法》（环境保护部令第34号）',
  '《突发环境事件应急预案管理暂行办法》',
  '《突发事件应急演练指南》（国务院应急管理办公室，2009年）',
  '《生产安全事故应急演练基本规范》（AQ/T 9007）',
  '《生产安全事故应急演练评估规范》（AQ/T 9009）',
  '《县突发环境事件应急预案》（2025年修订）',
];

export type SampleDocuments = {
  /** 编制单位 and its people. */
  unit: string;
  drafter: string;
  reviewer: string;
  approver: string;
  /** 编制日期 (YYYY-MM-DD), before the drill. */
  date: string;
  /** The sample's own plans and rules, after the common basis. */
  basis: string[];
  /** Hazards of this drill and how each is kept safe. */
  safety: string[];
  /** 物资、通讯、后勤 arrangements. */
  support: string[];
  /** 筹备工作安排: what is done by when. */
  preparation: string[];
  reportingPoint: string;
  contact: string;
  /** 观摩安排: where observers stand and how they are led. */
  viewing: string;
};

const numbered = (lines: string[]) => lines.map((line, i) => `${i + 1}. ${line}`).join('\n');

/** The scenario's `docFields` and `arrangements` from what a sample states. */
export function documentsOf(d: SampleDocuments): { docFields: DocFields; arrangements: DrillArrangements } {
  return {
    docFields: {
      unit: d.unit,
      drafter: d.drafter,
      reviewer: d.reviewer,
      approver: d.approver,
      version: '第1版',
      date: d.date,
      classification: '内部资料 注意保存',
      recipients: '县人民政府办公室',
      copyTo: '市生态环境局，县应急管理局',
      signOff: d.unit,
    },
    arrangements: {
      basis: numbered([...COMMON_BASIS, ...d.basis]),
      safety: numbered([
        '演练现场设安全员，演练开始前组织安全交底，检查消防器材、急救药品和通讯设备。',
        ...d.safety,
        '演练期间如发生真实突发事件或人员受伤，由导调组宣布“演练中止”，立即转入实际处置，演练人员服从现场指挥。',
      ]),
      support: numbered(d.support),
      preparation: numbered(d.preparation),
      reportingPoint: d.reportingPoint,
      contact: d.contact,
      viewing: d.viewing,
    },
  };
}

type RosterMark = { mark: string; assemblyPlace: string; assemblyTime: string };

/**
 * How each group is recognised on site and where it gathers, by role id.
 * `place` is the sample's main venue, filled in per sample.
 */
export function rosterMarksOf(place: { hall: string; field: string }): Partial<Record<string, RosterMark>> {
  return {
    [R.drillLead]: { mark: '红色胸牌「演练领导小组」', assemblyPlace: `${place.hall}会议室`, assemblyTime: '演练前60分钟' },
    [R.control]: { mark: '红色袖标「导调」', assemblyPlace: `${place.hall}导调席`, assemblyTime: '演练前90分钟' },
    [R.simulator]: { mark: '紫色袖标「模拟」', assemblyPlace: `${place.hall}导调席旁`, assemblyTime: '演练前60分钟' },
    [R.evaluator]: { mark: '黄色袖标「评估」', assemblyPlace: `${place.hall}会议室`, assemblyTime: '演练前45分钟' },
    [R.drillSupport]: { mark: '绿色马甲「保障」', assemblyPlace: `${place.field}入口`, assemblyTime: '演练前120分钟' },
    [R.observer]: { mark: '观摩证', assemblyPlace: '观摩区签到处', assemblyTime: '演练前30分钟' },
    [R.commander]: { mark: '红色马甲「总指挥」', assemblyPlace: place.hall, assemblyTime: '演练前30分钟' },
    [R.deputy]: { mark: '红色马甲「副总指挥」', assemblyPlace: place.hall, assemblyTime: '演练前30分钟' },
    [R.hq]: { mark: '红色马甲「现场指挥部」', assemblyPlace: place.field, assemblyTime: '演练前40分钟' },
    [R.monitor]: { mark: '橙色反光背心「应急监测」', assemblyPlace: '县生态环境监测站门口', assemblyTime: '演练前40分钟' },
    [R.water]: { mark: '蓝色马甲「供水保障」', assemblyPlace: place.field, assemblyTime: '演练前30分钟' },
    [R.sewage]: { mark: '蓝色马甲「污水处置」', assemblyPlace: place.field, assemblyTime: '演练前30分钟' },
    [R.medical]: { mark: '白色马甲「医疗卫生」', assemblyPlace: place.field, assemblyTime: '演练前30分钟' },
    [R.relocation]: { mark: '橙色马甲「群众安置」', assemblyPlace: place.field, assemblyTime: '演练前30分钟' },
    [R.logistics]: { mark: '绿色马甲「后勤保障」', assemblyPlace: place.field, assemblyTime: '演练前60分钟' },
    [R.media]: { mark: '灰色马甲「宣传报道」', assemblyPlace: place.hall, assemblyTime: '演练前30分钟' },
    [R.expert]: { mark: '蓝色胸牌「专家组」', assemblyPlace: `${place.hall}会议室`, assemblyTime: '演练前30分钟' },
    [R.source]: { mark: '黄色马甲「污染源排查」', assemblyPlace: place.field, assemblyTime: '演练前30分钟' },
    [R.works]: { mark: '蓝色马甲「工程抢险」', assemblyPlace: place.field, assemblyTime: '演练前40分钟' },
  };
}
