/**
 * Photos attached to a run's records, kept as BLOBs beside the run. Each
 * belongs to one event (by seq) or one annotation (by id) of its run; the
 * caller writes them in the transaction that writes their record.
 */
import type { Attachment } from '../../shared/model';
import type { ImageMime } from '../../shared/images';
import type { Db } from './db';
import { statementsOf } from './statements';

type AttachmentRow = {
  id: string;
  run_id: string;
  event_seq: number | null;
  annotation_id: string | null;
  ord: number;
  mime: ImageMime;
  width: number;
  height: number;
  size: number;
  caption: string;
  data: Buffer;
  created_at: string;
};

const sql = statementsOf({
  insert: `INSERT INTO attachments (id, run_id, event_seq, annotation_id, ord, mime, width, height, size, caption, data, created_at)
           VALUES (@id, @runId, @eventSeq, @annotationId, @ord, @mime, @width, @height, @size, @caption, @data, @createdAt)`,
  ofRun: 'SELECT * FROM attachments WHERE run_id = ? ORDER BY created_at, ord',
  bytesOfRun: 'SELECT COALESCE(SUM(size), 0) AS bytes FROM attachments WHERE run_id = ?',
  countOfEvent: 'SELECT COUNT(*) AS n FROM attachments WHERE event_seq = ?',
  sameOfEvent: 'SELECT * FROM attachments WHERE event_seq = ? AND size = ? AND data = ? LIMIT 1',
});

const attachmentOf = (row: AttachmentRow): Attachment => ({
  id: row.id,
  runId: row.run_id,
  eventSeq: row.event_seq,
  annotationId: row.annotation_id,
  ord: row.ord,
  mime: row.mime,
  width: row.width,
  height: row.height,
  size: row.size,
  caption: row.caption,
  createdAt: row.created_at,
  dataBase64: row.data.toString('base64'),
});

export type NewAttachment = Omit<Attachment, 'dataBase64'> & { data: Buffer };

export function insertAttachment(db: Db, attachment: NewAttachment): void {
  sql(db).insert.run(attachment);
}

/** A run's photos in the order they were added. */
export function attachmentsOf(db: Db, runId: string): Attachment[] {
  return (sql(db).ofRun.all(runId) as AttachmentRow[]).map(attachmentOf);
}

/** How many bytes of photos a run holds. */
export function attachmentBytesOf(db: Db, runId: string): number {
  return (sql(db).bytesOfRun.get(runId) as { bytes: number }).bytes;
}

/** How many photos an event holds. */
export function attachmentCountOfEvent(db: Db, eventSeq: number): number {
  return (sql(db).countOfEvent.get(eventSeq) as { n: number }).n;
}

/** The photo of an event with exactly these bytes, if it has one (a resend of a photo is not added twice). */
export function sameAttachmentOfEvent(db: Db, eventSeq: number, data: Buffer): Attachment | null {
  const row = sql(db).sameOfEvent.get(eventSeq, data.length, data) as AttachmentRow | undefined;
  return row ? attachmentOf(row) : null;
}
