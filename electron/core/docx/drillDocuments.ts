/**
 * The drill office's documents (演练工作方案, 评估方案, 保障方案, 演练通知,
 * 签到表, 物资装备清单, 演练通讯录) and the observers' 观摩手册 as Word sections, from the blocks
 * `shared/drillDocuments.ts` builds — the same blocks the print view renders.
 */
import type { DocumentBlocks } from '../../../shared/drillDocuments';
import type { DocContext } from './documents';
import {
  factsOf,
  fieldsHeadOf,
  fieldsSignOf,
  heading1,
  heading2,
  para,
  REPORT_SCALE,
  SHEET_SCALE,
  SIZE,
  tableOf,
  textWidthOf,
  titleOf,
  type Block,
  type SectionSpec,
} from './layout';

/** One document of blocks as a section in the style of the other documents: fields head, title, blocks, sign-off line. */
export function blocksSection(doc: DocumentBlocks, ctx: DocContext): SectionSpec {
  const scale = doc.scale === 'report' ? REPORT_SCALE : SHEET_SCALE;
  const width = textWidthOf(doc.orientation);
  const children: Block[] = [...fieldsHeadOf(ctx.fields, ctx.t, ctx.language, scale), ...titleOf(doc.title, doc.drillTitle, doc.subtitle || undefined)];
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading1':
        children.push(heading1(block.text, scale));
        break;
      case 'heading2':
        children.push(heading2(block.text, scale));
        break;
      case 'para':
        children.push(para(block.text, scale, { size: block.small ? SIZE.wuhao : undefined, align: block.align === 'right' ? 'right' : undefined }));
        break;
      case 'mark':
        children.push(para(`【${block.text}】`, scale, { align: 'right', indent: false, font: 'heading' }));
        break;
      case 'facts':
        children.push(factsOf(block.rows, width, scale.table));
        break;
      case 'table':
        children.push(tableOf(block.headings, block.rows, block.widths, width, scale.table));
        break;
    }
  }
  children.push(...fieldsSignOf(ctx.fields, ctx.t, scale));
  return { orientation: doc.orientation, children, runningHead: doc.running };
}
