/**
 * A run exported whole: its log as the run-log CSV (what `importRunCsv`
 * reads back), its photos as the image files they were, and `photos.csv`
 * telling for each photo its number in the report's 附件, its file, the
 * record it belongs to, the record's time and its caption. One zip, written
 * with fflate (the zip writer the `docx` library already uses).
 *
 *   汛期演练-正式演练-2026-06-18.zip
 *     汛期演练-正式演练-2026-06-18.csv
 *     photos.csv
 *     photos/01.jpg, photos/02.png, …
 */
import { zipSync } from 'fflate';
import type { Annotation, Attachment, Run, RunEvent } from '../../shared/model';
import { attachmentRowsOf, runContextOf } from '../../shared/report';
import { csvCellOf, runCsvFileNameOf, runCsvTextOf } from '../../shared/runExport';
import { dateTimeAt } from '../../shared/time';

const PHOTO_HEADER = ['附件', '文件', '时间', '记录类型', '步骤', '说明', '记录内容'];
const SOURCE_WORDS = { observation: '观察', evaluation: '评估', annotation: '批注' } as const;

/** The zip of a run: its CSV log, its photos and their index. Photos are stored as they are (JPEG and PNG do not deflate). */
export function runArchiveOf(run: Run, events: readonly RunEvent[], annotations: readonly Annotation[], attachments: readonly Attachment[]): { fileName: string; bytes: Buffer } {
  const csvName = runCsvFileNameOf(run);
  const encoder = new TextEncoder();
  const context = runContextOf(run, events);
  const rows = attachmentRowsOf(events, annotations, attachments, context);
  const width = String(rows.length).length < 2 ? 2 : String(rows.length).length;
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { [csvName]: encoder.encode(runCsvTextOf(run, events)) };
  const index = rows.map((row) => {
    const file = `photos/${String(row.n).padStart(width, '0')}.${row.attachment.mime === 'image/png' ? 'png' : 'jpg'}`;
    files[file] = [Buffer.from(row.attachment.dataBase64, 'base64'), { level: 0 }];
    return [String(row.n), file, dateTimeAt(row.atMs, run.plan.timeZone), SOURCE_WORDS[row.source], row.step?.id ?? '', row.attachment.caption, row.recordText]
      .map(csvCellOf)
      .join(',');
  });
  files['photos.csv'] = encoder.encode(`\uFEFF${[PHOTO_HEADER.join(','), ...index].join('\r\n')}\r\n`);
  return { fileName: csvName.replace(/\.csv$/, '.zip'), bytes: Buffer.from(zipSync(files, { level: 6 })) };
}
