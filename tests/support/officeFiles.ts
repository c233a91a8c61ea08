/**
 * Writing real Word and zip files for tests and fixtures: the one zip writer
 * (stored or deflated parts, with the true or forged sizes, flags, methods
 * and extra fields, for the hostile corpus and forgedZips.ts) and a
 * .docx of paragraphs and tables with merged cells (gridSpan, vMerge),
 * as Word writes them; and text in GB18030, as Chinese Excel writes "CSV".
 */
import { crc32, deflateRawSync } from 'node:zlib';

export type ZipPart = {
  name: string;
  /** What the part holds (empty when absent). */
  data?: string | Buffer;
  /** Deflated unless false (then stored). */
  deflate?: boolean;
  /** The compressed bytes as they are, instead of deflating `data` (a forged stream). */
  deflated?: Buffer;
  /** The uncompressed size written in the headers (the true size when absent): a forgery may lie. */
  declaredSize?: number;
  /** Sets the "encrypted" flag (bit 0 of the general-purpose flags). */
  encryptedFlag?: boolean;
  /** The compression method written in the headers (8 deflate, 0 stored, by default). */
  method?: number;
  /** Extra fields, as written. */
  extra?: Buffer;
};

/** A zip file of the parts, in order, written as they say (sizes, flags and methods may lie). `zip64Locator` adds a zip64 end-of-directory locator. */
export function zipOf(parts: readonly ZipPart[], options: { zip64Locator?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const raw = typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : (part.data ?? Buffer.alloc(0));
    const stored = part.deflated ?? (part.deflate === false ? raw : deflateRawSync(raw));
    const method = part.method ?? (part.deflate === false ? 0 : 8);
    const name = Buffer.from(part.name, 'utf8');
    const crc = crc32(raw);
    const size = part.declaredSize ?? raw.length;
    const flags = 0x0800 | (part.encryptedFlag ? 1 : 0);
    const extra = part.extra ?? Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, name, extra, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + name.length + extra.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (options.zip64Locator) {
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}

export type DocxCell = string | { text: string; span?: number; vMerge?: 'restart' | 'continue' };
export type DocxBlock = { p: string } | { table: DocxCell[][] };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A paragraph's runs: line breaks inside a paragraph become <w:br/>. */
const runsOf = (text: string) =>
  text
    .split('\n')
    .map((line, i) => `${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escape(line)}</w:t>`)
    .join('');

function cellXml(cell: DocxCell): string {
  const c = typeof cell === 'string' ? { text: cell } : cell;
  const props = `${c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : ''}${c.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : c.vMerge === 'continue' ? '<w:vMerge/>' : ''}`;
  // Each line of a cell is its own paragraph, as Word writes a cell with Enter pressed.
  const paragraphs = (c.vMerge === 'continue' ? [''] : c.text.split('\n\n')).map((p) => `<w:p><w:r>${runsOf(p)}</w:r></w:p>`).join('');
  return `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>${props}</w:tcPr>${paragraphs}</w:tc>`;
}

/** The document.xml of a body. */
export function documentXmlOf(blocks: readonly DocxBlock[]): string {
  const body = blocks
    .map((block) =>
      'p' in block
        ? `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/></w:rPr>${runsOf(block.p)}</w:r></w:p>`
        : `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid/>${block.table.map((row) => `<w:tr>${row.map(cellXml).join('')}</w:tr>`).join('')}</w:tbl>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}<w:sectPr/></w:body></w:document>`;
}

/** A .docx file of paragraphs and tables. */
export function docxOf(blocks: readonly DocxBlock[], extraParts: readonly ZipPart[] = []): Buffer {
  return zipOf([
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    { name: 'word/document.xml', data: documentXmlOf(blocks) },
    ...extraParts,
  ]);
}

/** GB18030 bytes of a text (Node has no encoder for it, so build the table from the decoder). */
export function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(char);
      if (!pair) throw new Error(`no GB18030 two-byte code for ${char}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}
