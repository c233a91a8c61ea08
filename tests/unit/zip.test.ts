/**
 * Zip packages read without trusting them (electron/core/zip.ts): a real
 * workbook passes and its parts read back; a zip bomb whose directory lies
 * is stopped at the first byte beyond what its sheet declared; honest but
 * huge packages are refused from the directory without inflating anything;
 * every other forgery is refused with its own reason, in both languages.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../shared/model';
import { checkZip, DEFAULT_ZIP_LIMITS, readZipEntries, ZipRefusal, zipProblemTextOf } from '../../electron/core/zip';
import { xlsxOf } from '../../electron/core/xlsx';
import { BOMB_DECLARED_BYTES, forgedZipsOf, honestlyHugeXlsxOf, zipBombOf, zipOf } from '../fixtures/zip/forgedZips';
import { TEMPLATES_DIR } from '../support/storage';
import { loadTemplates } from '../../electron/core/templates';

const MB = 1024 * 1024;

async function realWorkbook(): Promise<Buffer> {
  const [template] = loadTemplates(TEMPLATES_DIR);
  const scenario: Scenario = { ...template.body, id: 's', revision: 1, createdAt: '2026-05-20T00:00:00.000Z', updatedAt: '2026-05-20T00:00:00.000Z', sourceId: null };
  return xlsxOf(scenario, 'script', 'zh');
}

describe('a real workbook', () => {
  it('passes, and its parts read back exactly as inflated', async () => {
    const workbook = await realWorkbook();
    expect(await checkZip(workbook)).toBeNull();
    const parts = await readZipEntries(workbook);
    expect([...parts.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
    expect(parts.get('xl/worksheets/sheet1.xml')!.toString('utf8')).toContain('<worksheet');
  });

  it('keeps only the parts asked for', async () => {
    const parts = await readZipEntries(await realWorkbook(), { wanted: ['xl/workbook.xml'] });
    expect([...parts.keys()]).toEqual(['xl/workbook.xml']);
    const sheets = await readZipEntries(await realWorkbook(), { wanted: (name) => name.startsWith('xl/worksheets/') });
    expect([...sheets.keys()].every((name) => name.startsWith('xl/worksheets/'))).toBe(true);
  });
});

describe('a zip bomb (an .xlsx whose sheet declares 2 KB and inflates to 1 GB)', () => {
  it('is about a megabyte whose sheet really inflates far beyond what it declares (shown on an 8 MB one: the same stream, repeated less)', () => {
    expect(zipBombOf().length).toBeLessThan(1.5 * MB);
    const small = zipBombOf(8);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const data = small.subarray(small.indexOf(name) + name.length, small.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))); // the sheet is the last part, before the directory
    expect(zlib.inflateRawSync(data).length).toBeGreaterThan(8 * MB);
    expect(small.readUInt32LE(small.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24)).toBe(BOMB_DECLARED_BYTES);
  });

  it('is refused as forged, naming the sheet and what it declared', async () => {
    expect(await checkZip(zipBombOf())).toEqual({ code: 'size-mismatch', entry: 'xl/worksheets/sheet1.xml', declared: BOMB_DECLARED_BYTES });
    await expect(readZipEntries(zipBombOf())).rejects.toBeInstanceOf(ZipRefusal);
  });

  it('is stopped at the first chunk beyond what it declared: memory stays bounded by the streaming cap', async () => {
    let inflated = 0;
    const problem = await checkZip(zipBombOf(), { onInflated: (bytes) => (inflated = bytes) });
    expect(problem?.code).toBe('size-mismatch');
    // The four small parts, the sheet's 2 KB, and at most one inflate chunk (16 KB in Node) more.
    expect(inflated).toBeLessThan(64 * 1024);
  });

  it('is refused in words in both languages', async () => {
    const problem = (await checkZip(zipBombOf()))!;
    expect(zipProblemTextOf(problem, 'xlsx', 'zh')).toBe('.xlsx 工作簿中的“xl/worksheets/sheet1.xml”解压后比它声明的 2048 字节更大：文件是伪造的（压缩炸弹），未导入任何内容。');
    expect(zipProblemTextOf(problem, 'xlsx', 'en')).toBe('the part "xl/worksheets/sheet1.xml" of the .xlsx workbook unpacks to more than the 2048 bytes it declares: the file is forged (a zip bomb); nothing was imported');
  });
});

describe('a package over the limits', () => {
  it('that says honestly it would inflate beyond the limit is refused from its directory, before inflating anything', async () => {
    let inflated = 0;
    const problem = await checkZip(honestlyHugeXlsxOf(210), { onInflated: (bytes) => (inflated = bytes) });
    expect(problem).toEqual({ code: 'entry-too-large', entry: 'xl/worksheets/sheet1.xml', limitBytes: DEFAULT_ZIP_LIMITS.maxEntryBytes });
    expect(inflated).toBe(0);
    expect(zipProblemTextOf(problem!, 'xlsx', 'zh')).toBe('.xlsx 工作簿中的“xl/worksheets/sheet1.xml”解压后超过 200 MB。');
  });

  it('is refused for its total, for one part, or for its count of parts, under the limits given', async () => {
    const small = { maxEntries: 10, maxEntryBytes: 3 * MB, maxTotalBytes: 4 * MB };
    expect(await checkZip(honestlyHugeXlsxOf(2), { limits: small })).toBeNull();
    expect(await checkZip(honestlyHugeXlsxOf(3), { limits: small })).toMatchObject({ code: 'entry-too-large' });
    const twoSheets = zipOf([
      { name: 'a.xml', data: Buffer.alloc(2.5 * MB, 0x20) },
      { name: 'b.xml', data: Buffer.alloc(2.5 * MB, 0x20) },
    ]);
    expect(await checkZip(twoSheets, { limits: small })).toEqual({ code: 'too-large', limitBytes: 4 * MB });
    const eleven = zipOf(Array.from({ length: 11 }, (_, i) => ({ name: `${i}.xml`, data: Buffer.from('<x/>') })));
    expect(await checkZip(eleven, { limits: small })).toEqual({ code: 'too-many-entries', count: 11, limit: 10 });
  });
});

describe('other forgeries', () => {
  for (const [what, { bytes, code }] of Object.entries(forgedZipsOf())) {
    it(`refuses ${what} (${code}), with a message in each language`, async () => {
      const problem = await checkZip(bytes);
      expect(problem?.code).toBe(code);
      for (const language of ['zh', 'en'] as const) {
        const text = zipProblemTextOf(problem!, 'xlsx', language);
        expect(text).not.toMatch(/\{\{|files\.zip/);
        expect(text).toContain(language === 'zh' ? '.xlsx 工作簿' : '.xlsx');
      }
    });
  }

  it('names a .docx as a document', async () => {
    expect(zipProblemTextOf({ code: 'not-a-zip' }, 'docx', 'zh')).toBe('这不是 .docx 文档文件（找不到压缩目录）。');
  });
});
