/**
 * 0004: what the after-action report takes per run beyond the log. A run
 * keeps the number of people who took part as entered for its report (null:
 * counted from the roster); an improvement action keeps its 责任单位 as
 * entered (null: the owner role's unit).
 * Shipped: never edit.
 */
export const sql = `
ALTER TABLE runs ADD COLUMN participants INTEGER;
ALTER TABLE annotations ADD COLUMN unit TEXT;
`;
