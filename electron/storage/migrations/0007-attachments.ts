/**
 * 0007: photos attached to a run's records. Each row belongs to a run and
 * to exactly one record of it: a run event (an observation or an evaluation
 * entry, by `event_seq`) or a debrief annotation (by `annotation_id`); it is
 * written in the transaction that writes its record and goes with the run.
 * The image's bytes are kept as a BLOB with their checked type and size.
 * Shipped: never edit.
 */
export const sql = `
CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  event_seq INTEGER REFERENCES run_events(seq) ON DELETE CASCADE,
  annotation_id TEXT REFERENCES annotations(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  size INTEGER NOT NULL,
  caption TEXT NOT NULL DEFAULT '',
  data BLOB NOT NULL,
  created_at TEXT NOT NULL,
  CHECK ((event_seq IS NULL) <> (annotation_id IS NULL))
);
CREATE INDEX attachments_by_run ON attachments (run_id, created_at, ord);
CREATE INDEX attachments_by_event ON attachments (event_seq) WHERE event_seq IS NOT NULL;
CREATE INDEX attachments_by_annotation ON attachments (annotation_id) WHERE annotation_id IS NOT NULL;
`;
