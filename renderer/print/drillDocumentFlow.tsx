/**
 * The drill office's documents (演练工作方案, 评估方案, 保障方案, 演练通知,
 * 签到表, 物资装备清单, 演练通讯录) and the observers' 观摩手册 as print flows, from the blocks
 * `shared/drillDocuments.ts` builds — the same blocks the Word writer renders.
 */
import type { DocCell, DocumentBlocks } from '../../shared/drillDocuments';
import { contentWidthOf, type Flow, type FlowPart, type TableUnit } from './Paged';
import { InfoTable, Lines, SectionHeading, TitleBlock } from './docParts';

export function drillDocumentFlow(doc: DocumentBlocks): Flow {
  const width = contentWidthOf(doc.orientation);
  const parts: FlowPart[] = [{ kind: 'block', key: 'title', node: <TitleBlock drillTitle={doc.drillTitle ?? ''} title={doc.title} subtitle={doc.subtitle || undefined} /> }];
  doc.blocks.forEach((block, i) => {
    const key = `b${i}`;
    switch (block.kind) {
      case 'heading1':
        parts.push({ kind: 'block', key, keepWithNext: true, node: <SectionHeading text={block.text} /> });
        break;
      case 'heading2':
        parts.push({ kind: 'block', key, keepWithNext: true, node: <p className="doc-subheading">{block.text}</p> });
        break;
      case 'para':
        // A small paragraph is a note on what precedes it (「本通讯录仅限本次演练使用」): it never opens a page alone.
        parts.push({ kind: 'block', key, keepWithPrevious: block.small, node: <Lines text={block.text} className={block.small ? 'doc-note' : 'doc-para'} /> });
        break;
      case 'mark':
        parts.push({ kind: 'block', key, node: <div className="doc-drill-only-mark" data-testid="doc-drill-only">{block.text}</div> });
        break;
      case 'facts':
        parts.push({ kind: 'block', key, node: <InfoTable rows={block.rows.map((row) => ({ ...row, value: row.value || '—', wide: true }))} /> });
        break;
      case 'table': {
        const total = block.widths.reduce((sum, w) => sum + w, 0);
        const rowOf = (row: DocCell[], r: number) => (
          <tr key={r}>
            {row.map((cell, c) =>
              typeof cell === 'string' ? (
                <td key={c}>
                  <Lines text={cell} />
                </td>
              ) : (
                <td key={c} colSpan={cell.span}>
                  {cell.bold ? <b>{cell.text}</b> : cell.text}
                </td>
              ),
            )}
          </tr>
        );
        // A heading row (one cell across the table, as the evaluation plan's sections) goes with the row under it, never alone at a page's foot.
        const isHeadingRow = (row: DocCell[]) => row.length === 1 && typeof row[0] !== 'string' && row[0].span === block.headings.length;
        const units: TableUnit[] = [];
        for (let r = 0; r < block.rows.length; r++) {
          const together = isHeadingRow(block.rows[r]) && r + 1 < block.rows.length;
          units.push({ key: String(r), node: together ? [rowOf(block.rows[r], r), rowOf(block.rows[r + 1], r + 1)] : rowOf(block.rows[r], r) });
          if (together) r++;
        }
        parts.push({
          kind: 'table',
          key: block.key,
          className: 'doc-blocks-table',
          columns: block.widths.map((w) => (w / total) * width),
          head: (
            <tr>
              {block.headings.map((heading) => (
                <th key={heading}>{heading}</th>
              ))}
            </tr>
          ),
          units,
        });
        break;
      }
    }
  });
  return { key: doc.key, orientation: doc.orientation, footer: doc.footer, runningHead: doc.running, parts };
}
