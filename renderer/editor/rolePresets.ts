/**
 * The roles a county flood-season environmental drill usually has (from the
 * national drill guidance: leading group, control team, working groups,
 * evaluation group), offered as one-click additions in the roles panel.
 */
import type { ParticipantCategory } from '../../shared/model';

export type RolePreset = { zh: string; en: string; groupZh: string; groupEn: string; category: ParticipantCategory; color: string };

export const ROLE_PRESETS: readonly RolePreset[] = [
  { zh: '总指挥', en: 'Commander', groupZh: '演练领导小组', groupEn: 'Leading group', category: 'player', color: '#991b1b' },
  { zh: '副总指挥', en: 'Deputy commander', groupZh: '演练领导小组', groupEn: 'Leading group', category: 'player', color: '#ea580c' },
  { zh: '现场指挥部', en: 'On-site command', groupZh: '演练领导小组', groupEn: 'Leading group', category: 'player', color: '#d97706' },
  { zh: '导调组', en: 'Control team', groupZh: '策划导调组', groupEn: 'Planning and control', category: 'controller', color: '#7c3aed' },
  { zh: '应急监测组', en: 'Emergency monitoring group', groupZh: '工作组', groupEn: 'Working groups', category: 'player', color: '#0284c7' },
  { zh: '供水保障组', en: 'Water supply group', groupZh: '工作组', groupEn: 'Working groups', category: 'player', color: '#0891b2' },
  { zh: '污水处置组', en: 'Sewage handling group', groupZh: '工作组', groupEn: 'Working groups', category: 'player', color: '#65a30d' },
  { zh: '医疗卫生组', en: 'Medical group', groupZh: '工作组', groupEn: 'Working groups', category: 'player', color: '#db2777' },
  { zh: '后勤保障组', en: 'Logistics group', groupZh: '工作组', groupEn: 'Working groups', category: 'player', color: '#78716c' },
  { zh: '宣传报道组', en: 'Public information group', groupZh: '工作组', groupEn: 'Working groups', category: 'player', color: '#4f46e5' },
  { zh: '专家组', en: 'Expert group', groupZh: '工作组', groupEn: 'Working groups', category: 'player', color: '#0f766e' },
  { zh: '评估组', en: 'Evaluation group', groupZh: '评估组', groupEn: 'Evaluation', category: 'evaluator', color: '#475569' },
];

/** Colours for roles added by hand, taken in turn. */
export const ROLE_COLORS = ['#0284c7', '#ea580c', '#65a30d', '#7c3aed', '#db2777', '#0891b2', '#ca8a04', '#4f46e5', '#be123c', '#0f766e', '#78716c', '#991b1b'];
