/**
 * Role ids and colours shared by the sample scenarios, so the same group
 * looks the same in every sample. Each scenario writes its own
 * responsibilities and people.
 *
 * Two organisations meet in a drill and the samples keep them apart: the
 * drill's own (演练领导小组, 导调组, 评估组, 保障组, 观摩) and the simulated
 * response command (应急指挥部 with its 现场指挥部 and 工作组).
 */
export const R = {
  drillLead: 'role-drill-lead',
  drillSupport: 'role-drill-support',
  commander: 'role-commander',
  deputy: 'role-deputy',
  hq: 'role-hq',
  control: 'role-control',
  monitor: 'role-monitor',
  water: 'role-water',
  sewage: 'role-sewage',
  medical: 'role-medical',
  relocation: 'role-relocation',
  logistics: 'role-logistics',
  media: 'role-media',
  expert: 'role-expert',
  source: 'role-source',
  works: 'role-works',
  evaluator: 'role-eval',
  simulator: 'role-sim',
  observer: 'role-observer',
} as const;

export const COLOR: Record<keyof typeof R, string> = {
  drillLead: '#334155',
  drillSupport: '#a16207',
  commander: '#991b1b',
  deputy: '#ea580c',
  hq: '#d97706',
  control: '#7c3aed',
  monitor: '#0284c7',
  water: '#0891b2',
  sewage: '#65a30d',
  medical: '#db2777',
  relocation: '#ca8a04',
  logistics: '#78716c',
  media: '#4f46e5',
  expert: '#0f766e',
  source: '#be123c',
  works: '#15803d',
  evaluator: '#475569',
  simulator: '#a855f7',
  observer: '#94a3b8',
};

/** The group names of the drill's own organisation, apart from the simulated command. */
export const DRILL_GROUP = {
  lead: '演练领导小组',
  control: '演练导调组',
  evaluation: '演练评估组',
  support: '演练保障组',
  observers: '观摩人员',
} as const;

/** The group name of the simulated county command. */
export const COMMAND_GROUP = '县突发环境事件应急指挥部';
