/**
 * The page, type and table rules of DrillDesk's Word documents, in the style
 * of Chinese official documents (GB/T 9704-2012 党政机关公文格式):
 * A4 with margins 37 / 35 / 28 / 26 mm (top, bottom, left, right), the title
 * in 方正小标宋简体, body text in 仿宋_GB2312, first-level headings in 黑体
 * (一、), second-level in 楷体 (（一）), page numbers 「— 1 —」 centred in
 * the footer. Fonts are named by their East Asian names (`w:eastAsia`) and
 * listed in the font table with the font Windows and WPS have when the
 * official one is missing (`w:altName`: 黑体 for 方正小标宋简体, 仿宋 for
 * 仿宋_GB2312, 楷体 for 楷体_GB2312). Tables are real Word tables whose
 * header row repeats on every page (`w:tblHeader`) and whose rows may break
 * across pages.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  ImageRun,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { docFootOf, docHeadTextOf, docSignLineOf, type Translate } from '../../../shared/docText';
import type { DocFields } from '../../../shared/model';

/** 1 mm in twentieths of a point (twips). */
const MM = 1440 / 25.4;
const mm = (value: number) => Math.round(value * MM);
/** Font sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt. */
export const SIZE = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24, wuhao: 21, xiaowu: 18 } as const;

export const PAGE = { widthMm: 210, heightMm: 297, margin: { top: 37, bottom: 35, left: 28, right: 26 } } as const;

/** The one-page A5 task card: 148 × 210 mm (8391 × 11906 twips), narrow margins as the print view's card. */
export const A5_PAGE = { widthMm: 148, heightMm: 210, margin: { top: 14, bottom: 14, left: 12, right: 12 } } as const;

/** A section's page: A4 upright or across, or the A5 card upright. */
export type PageKind = 'portrait' | 'landscape' | 'a5';

/** The fonts, each with the one Windows and WPS fall back to, and a Latin face for digits and letters. */
export const FONTS = {
  title: { eastAsia: '方正小标宋简体', fallback: '黑体', latin: 'SimHei' },
  body: { eastAsia: '仿宋_GB2312', fallback: '仿宋', latin: 'FangSong' },
  heading: { eastAsia: '黑体', fallback: 'SimHei', latin: 'SimHei' },
  subheading: { eastAsia: '楷体_GB2312', fallback: '楷体', latin: 'KaiTi' },
} as const;
export type FontKind = keyof typeof FONTS;

const fontOf = (kind: FontKind) => ({ eastAsia: FONTS[kind].eastAsia, ascii: FONTS[kind].latin, hAnsi: FONTS[kind].latin, cs: FONTS[kind].latin });

/** The font table: every font used, with its fallback as `w:altName` and the GB2312 character set, so Word and WPS substitute well. */
function fontTableXml(): string {
  const entries = new Map<string, string>();
  for (const font of Object.values(FONTS)) {
    entries.set(font.eastAsia, font.fallback);
    entries.set(font.latin, font.eastAsia);
    entries.set(font.fallback, font.latin);
  }
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const fonts = [...entries]
    .map(([name, alt]) => `<w:font w:name="${escape(name)}"><w:altName w:val="${escape(alt)}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

export type RunStyle = { font?: FontKind; size?: number; bold?: boolean };

/** Text runs of a string, its line breaks kept. */
export function runsOf(text: string, style: RunStyle = {}): TextRun[] {
  return text.split('\n').map(
    (line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, font: fontOf(style.font ?? 'body'), size: style.size, bold: style.bold }),
  );
}

export type Block = Paragraph | Table;

/** The running text size of a document: 三号 for reports, 小四 for sheets, 五号 for wide tables. */
export type Scale = { body: number; table: number };
export const REPORT_SCALE: Scale = { body: SIZE.sanhao, table: SIZE.xiaosi };
export const SHEET_SCALE: Scale = { body: SIZE.xiaosi, table: SIZE.wuhao };

/** A paragraph of body text, first line indented two characters as official documents are. */
export function para(text: string, scale: Scale, options: { indent?: boolean; align?: 'center' | 'right'; bold?: boolean; size?: number; font?: FontKind } = {}): Paragraph {
  const size = options.size ?? scale.body;
  return new Paragraph({
    children: runsOf(text, { size, bold: options.bold, font: options.font }),
    alignment: options.align === 'center' ? AlignmentType.CENTER : options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: size * 20 },
    spacing: { line: Math.round(size * 10 * 1.45), lineRule: LineRuleType.EXACT },
  });
}

/**
 * A photo on a paragraph of its own, centred, `widthMm`×`heightMm` (its line
 * height follows the image: a paragraph with exact spacing would clip it).
 */
export function photoParagraphOf(photo: { data: Buffer; mime: 'image/jpeg' | 'image/png'; widthMm: number; heightMm: number; name: string }): Paragraph {
  const px = (value: number) => Math.round((value / 25.4) * 96);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { before: 120 },
    children: [
      new ImageRun({
        type: photo.mime === 'image/png' ? 'png' : 'jpg',
        data: photo.data,
        transformation: { width: px(photo.widthMm), height: px(photo.heightMm) },
        altText: { name: photo.name, description: photo.name, title: photo.name },
      }),
    ],
  });
}

/** The document title: 方正小标宋简体 二号, centred; the drill's name above it in 三号 黑体. */
export function titleOf(title: string, drillTitle: string | null, subtitle?: string): Paragraph[] {
  const out: Paragraph[] = [];
  if (drillTitle) out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: runsOf(drillTitle, { font: 'heading', size: SIZE.sanhao }), spacing: { after: 120 } }));
  out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: runsOf(title, { font: 'title', size: SIZE.erhao }), spacing: { after: subtitle ? 120 : 360 } }));
  if (subtitle) out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: runsOf(subtitle, { font: 'subheading', size: SIZE.sanhao }), spacing: { after: 360 } }));
  return out;
}

/** A first-level heading (「一、…」): 黑体, keeps with what follows. */
export const heading1 = (text: string, scale: Scale) =>
  new Paragraph({ children: runsOf(text, { font: 'heading', size: scale.body }), keepNext: true, indent: { firstLine: scale.body * 20 }, spacing: { before: 160, after: 80 } });

/** A second-level heading (「（一）…」): 楷体, keeps with what follows. */
export const heading2 = (text: string, scale: Scale) =>
  new Paragraph({ children: runsOf(text, { font: 'subheading', size: scale.body }), keepNext: true, indent: { firstLine: scale.body * 20 }, spacing: { before: 80, after: 40 } });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** A cell's content: text (line breaks kept), or text with a bold lead (a label). */
export type CellText = string | { lead: string; text: string } | { span: number; text: string; bold?: boolean };

function cellOf(content: CellText, width: number, size: number, header: boolean): TableCell {
  const span = typeof content === 'object' && 'span' in content ? content.span : 1;
  // A heading row across the table (a script phase, a form's section) stays on the page of the row under it.
  const keepNext = typeof content === 'object' && 'span' in content && content.bold === true;
  const children =
    typeof content === 'string'
      ? runsOf(content, { size, bold: header, font: header ? 'heading' : 'body' })
      : 'lead' in content
        ? [...runsOf(content.lead, { size, bold: true }), ...runsOf(content.text, { size })]
        : runsOf(content.text, { size, bold: content.bold, font: content.bold ? 'heading' : 'body' });
  return new TableCell({
    columnSpan: span > 1 ? span : undefined,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [new Paragraph({ children, alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT, keepNext: keepNext || undefined })],
  });
}

/**
 * A table: the header row repeats on every page (`tableHeader`), body rows
 * may break across pages. `widths` are relative; the table fills the text width.
 */
export function tableOf(headings: string[], rows: CellText[][], widths: number[], textWidthMm: number, size: number): Table {
  const total = widths.reduce((sum, w) => sum + w, 0);
  const twips = widths.map((w) => Math.floor((w / total) * mm(textWidthMm)));
  const widthAt = (row: CellText[], i: number) => {
    let start = 0;
    for (let j = 0; j < i; j++) start += spanOf(row[j]);
    let width = 0;
    for (let k = start; k < start + spanOf(row[i]); k++) width += twips[k] ?? 0;
    return width;
  };
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twips.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: twips,
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headings.map((heading, i) => cellOf(heading, twips[i], size, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: false, children: row.map((cell, i) => cellOf(cell, widthAt(row, i), size, false)) })),
    ],
  });
}
const spanOf = (cell: CellText | undefined) => (cell !== undefined && typeof cell === 'object' && 'span' in cell ? cell.span : 1);

/** Label and value pairs as a two-column table without a repeating header (the drill facts). */
export function factsOf(rows: { label: string; value: string }[], textWidthMm: number, size: number): Table {
  const twips = [mm(textWidthMm * 0.22), mm(textWidthMm * 0.78)];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twips[0] + twips[1], type: WidthType.DXA },
    columnWidths: twips,
    borders: BORDERS,
    rows: rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ width: { size: twips[0], type: WidthType.DXA }, margins: { left: 80, right: 80 }, children: [new Paragraph({ children: runsOf(row.label, { size, font: 'heading' }) })] }),
            new TableCell({ width: { size: twips[1], type: WidthType.DXA }, margins: { left: 80, right: 80 }, children: [new Paragraph({ children: runsOf(row.value || '—', { size }) })] }),
          ],
        }),
    ),
  });
}

/** A small gap between blocks. */
export const gap = () => new Paragraph({ children: [], spacing: { after: 120 } });

/**
 * The head of a document from its fields: the classification mark at the top
 * left (黑体 三号), then 编制单位 · 版本 · 日期 on one line at the right.
 */
export function fieldsHeadOf(fields: DocFields | null, t: Translate, language: string, scale: Scale): Paragraph[] {
  if (!fields) return [];
  const out: Paragraph[] = [];
  if (fields.classification.trim()) out.push(new Paragraph({ children: runsOf(fields.classification, { font: 'heading', size: SIZE.sanhao }), spacing: { after: 120 } }));
  const head = docHeadTextOf(fields, t, language);
  if (head) out.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: runsOf(head, { size: Math.min(scale.body, SIZE.xiaosi) }), spacing: { after: 120 } }));
  return out;
}

/** The sign-off line at the end of a document: 「编制：…　审核：…　签发：…」. */
export function fieldsSignOf(fields: DocFields | null, t: Translate, scale: Scale): Paragraph[] {
  const line = fields ? docSignLineOf(fields, t) : '';
  return line ? [gap(), new Paragraph({ alignment: AlignmentType.RIGHT, children: runsOf(line, { size: scale.body }) })] : [];
}

export type SectionSpec = {
  orientation: PageKind;
  children: Block[];
  /** Printed small at the top of every page but the first: the document and drill. */
  runningHead?: string;
};

/** Text width in mm for an orientation, inside the GB/T 9704 margins. */
export const textWidthOf = (orientation: PageKind) =>
  orientation === 'a5' ? A5_PAGE.widthMm - A5_PAGE.margin.left - A5_PAGE.margin.right : (orientation === 'portrait' ? PAGE.widthMm : PAGE.heightMm) - PAGE.margin.left - PAGE.margin.right;

function sectionOf(spec: SectionSpec, foot: string): ISectionOptions {
  const landscape = spec.orientation === 'landscape';
  const paper = spec.orientation === 'a5' ? A5_PAGE : PAGE;
  const edge = spec.orientation === 'a5' ? { header: mm(6), footer: mm(6) } : { header: mm(15), footer: mm(20) };
  const small = (text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Paragraph({ alignment: align, children: runsOf(text, { size: SIZE.xiaowu }) });
  return {
    properties: {
      titlePage: spec.runningHead !== undefined,
      page: {
        // docx swaps width and height itself for a landscape page.
        size: { width: mm(paper.widthMm), height: mm(paper.heightMm), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: mm(paper.margin.top), bottom: mm(paper.margin.bottom), left: mm(paper.margin.left), right: mm(paper.margin.right), ...edge },
        pageNumbers: { start: 1 },
      },
    },
    headers: spec.runningHead ? { default: new Header({ children: [small(spec.runningHead, AlignmentType.LEFT)] }), first: new Header({ children: [] }) } : undefined,
    footers: (() => {
      const footer = new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: '— ', font: fontOf('body'), size: SIZE.sihao }), new TextRun({ children: [PageNumber.CURRENT], font: fontOf('body'), size: SIZE.sihao }), new TextRun({ text: ' —', font: fontOf('body'), size: SIZE.sihao })],
          }),
          ...(foot ? [small(foot, AlignmentType.CENTER)] : []),
        ],
      });
      return spec.runningHead ? { default: footer, first: footer } : { default: footer };
    })(),
    children: spec.children,
  };
}

/** The .docx file of sections; `fields` print in each page's foot line (编制单位 · 版本 · 日期). */
export async function docxBytesOf(args: { title: string; sections: SectionSpec[]; fields: DocFields | null; t: Translate; language: string }): Promise<Buffer> {
  const foot = args.fields ? docFootOf(args.fields, args.t, args.language) : '';
  const document = new Document({
    title: args.title,
    creator: 'DrillDesk',
    styles: { default: { document: { run: { font: fontOf('body'), size: SIZE.xiaosi } } } },
    sections: args.sections.map((spec) => sectionOf(spec, foot)),
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
