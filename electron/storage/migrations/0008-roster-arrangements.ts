/**
 * 0008: the roster's role fields (标识, 集合地点/时间, 首次到位 as entered,
 * A/B 角) and the scenario's arrangements (编制依据, 安全保障, 物资通讯后勤保障,
 * 筹备时间表, 报到地点, 联系人, 观摩位置) for the drill plan, notice and
 * observer handbook. Every role, scenario and run plan stored before gets
 * them empty (`json_insert` adds a field only where it is missing).
 * Shipped: never edit.
 */
const ROLE_FIELDS = `'$.mark', '', '$.assemblyPlace', '', '$.assemblyTime', '', '$.inPlaceTime', '', '$.inPlaceLocation', '', '$.backup', ''`;
const ARRANGEMENTS = `json('{"basis":"","safety":"","support":"","preparation":"","reportingPoint":"","contact":"","viewing":""}')`;

export const sql = `
UPDATE roles SET data = json_insert(data, ${ROLE_FIELDS}) WHERE json_type(data, '$.backup') IS NULL;
UPDATE scenarios SET meta = json_insert(meta, '$.arrangements', ${ARRANGEMENTS}) WHERE json_type(meta, '$.arrangements') IS NULL;
UPDATE runs SET plan = json_insert(plan, '$.arrangements', ${ARRANGEMENTS}) WHERE json_type(plan, '$.arrangements') IS NULL;
UPDATE runs SET plan = json_set(plan, '$.roles', (SELECT json_group_array(json_insert(value, ${ROLE_FIELDS})) FROM json_each(runs.plan, '$.roles')))
  WHERE EXISTS (SELECT 1 FROM json_each(runs.plan, '$.roles') WHERE json_type(value, '$.backup') IS NULL);
`;
