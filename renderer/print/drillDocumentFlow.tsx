/**
 * The drill office's documents (演练工作方案, 演练通知, 签到表, 物资装备清单,
 * 演练通讯录) and the observers' 观摩手册 as print flows, from the blocks
 * `shared/drillDocuments.ts` builds — the same blocks the Word writer renders.
 */
import type { DocumentBlocks } from '../../shared/drillDocuments';
import { contentWidthOf, type Flow, type FlowPart } from './Paged';
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
        parts.push({ kind: 'block', key, node: <Lines text={block.text} className={block.small ? 'doc-note' : 'doc-para'} /> });
        break;
      case 'mark':
        parts.push({ kind: 'block', key, node: <div className="doc-drill-only-mark" data-testid="doc-drill-only">{block.text}</div> });
        break;
      case 'facts':
        parts.push({ kind: 'block', key, node: <InfoTable rows={block.rows.map((row) => ({ ...row, value: row.value || '—', wide: true }))} /> });
        break;
      case 'table': {
        const total = block.widths.reduce((sum, w) => sum + w, 0);
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
          units: block.rows.map((row, r) => ({
            key: String(r),
            node: (
              <tr>
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
            ),
          })),
        });
        break;
      }
    }
  });
  return { key: doc.key, orientation: doc.orientation, footer: doc.footer, runningHead: doc.running, parts };
}
