/**
 * 0005: document head and foot fields (编制单位, 编制/审核/签发, 版本, 日期,
 * 密级, and for a report 主送/抄送/落款). A scenario keeps them in its
 * metadata (`docFields`), as does every run's plan snapshot; a run keeps its
 * own override for its summary report in `runs.doc_fields`. Everything
 * stored before gets empty fields.
 *
 * Numbered 0005 because the photos branch (issue 15) takes 0004; on a
 * branch without 0004 it is applied as version 4 (versions are contiguous).
 * Shipped: never edit.
 */
export const sql = `
UPDATE scenarios SET meta = json_set(meta, '$.docFields', json('{"unit":"","drafter":"","reviewer":"","approver":"","version":"","date":null,"classification":"","recipients":"","copyTo":"","signOff":""}')) WHERE json_type(meta, '$.docFields') IS NULL;
UPDATE runs SET plan = json_set(plan, '$.docFields', json('{"unit":"","drafter":"","reviewer":"","approver":"","version":"","date":null,"classification":"","recipients":"","copyTo":"","signOff":""}')) WHERE json_type(plan, '$.docFields') IS NULL;
ALTER TABLE runs ADD COLUMN doc_fields TEXT NOT NULL DEFAULT '{"unit":"","drafter":"","reviewer":"","approver":"","version":"","date":null,"classification":"","recipients":"","copyTo":"","signOff":""}';
`;
