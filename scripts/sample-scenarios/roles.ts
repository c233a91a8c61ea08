/**
 * Role ids and colours shared by the sample scenarios, so the same group
 * looks the same in every sample. Each scenario writes its own
 * responsibilities and people.
 */
export const R = {
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
