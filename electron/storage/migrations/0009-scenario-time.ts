/**
 * 0009: a step's 情景时间 (scenario time), the time in the drill's story when
 * the drill compresses time (实际约2小时对应情景时间约3天). Every step stored
 * before, in a drill, a run plan or a fragment, gets it empty (`json_insert`
 * adds it only where it is missing). Shipped: never edit.
 */
const STEPS_WITH = (column: string, table: string) =>
  `UPDATE ${table} SET ${column} = json_set(${column}, '$.steps', (SELECT json_group_array(json_insert(value, '$.scenarioTime', '')) FROM json_each(${table}.${column}, '$.steps')))
  WHERE EXISTS (SELECT 1 FROM json_each(${table}.${column}, '$.steps') WHERE json_type(value, '$.scenarioTime') IS NULL);`;

export const sql = `
UPDATE steps SET data = json_insert(data, '$.scenarioTime', '') WHERE json_type(data, '$.scenarioTime') IS NULL;
${STEPS_WITH('plan', 'runs')}
${STEPS_WITH('body', 'fragments')}
`;
