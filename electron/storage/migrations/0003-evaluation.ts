/**
 * 0003: drill evaluation. A scenario keeps its evaluation plan (forms,
 * sections, items, assignments) as one JSON column; run events gain the
 * evaluation entry's item, rating and the person who recorded it.
 * Shipped: never edit.
 */
export const sql = `
ALTER TABLE scenarios ADD COLUMN evaluation TEXT NOT NULL DEFAULT '{"forms":[],"assignments":[]}';

ALTER TABLE run_events ADD COLUMN item_id TEXT;
ALTER TABLE run_events ADD COLUMN value TEXT;
ALTER TABLE run_events ADD COLUMN person TEXT NOT NULL DEFAULT '';
CREATE INDEX run_events_by_item ON run_events (run_id, item_id) WHERE item_id IS NOT NULL;
`;
