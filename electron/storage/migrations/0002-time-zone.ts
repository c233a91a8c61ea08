/**
 * 0002: every scenario and every run's plan snapshot carries its time zone
 * (`timeZone`, an IANA name). Drills stored before it were all held in
 * China, so they get `Asia/Shanghai`. Shipped: never edit.
 */
export const sql = `
UPDATE scenarios SET meta = json_set(meta, '$.timeZone', 'Asia/Shanghai') WHERE json_type(meta, '$.timeZone') IS NULL;
UPDATE runs SET plan = json_set(plan, '$.timeZone', 'Asia/Shanghai') WHERE json_type(plan, '$.timeZone') IS NULL;
`;
