/**
 * Zip packages read without trusting them (electron/core/zip.ts): a real
 * workbook passes and its parts read back; a zip bomb whose directory lies
 * is stopped at the first byte beyond what its sheet declared; honest but
 * huge packages are refused from the directory without inflating anything;
 * every other forgery is refused with its own reason. How the import words
 * each reason is tested with the import (scriptFiles.test.ts, hostile.test.ts).
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../shared/model';
import { checkZip, DEFAULT_ZIP_LIMITS, readZipEntries, withZip, ZipRefusal } from '../../electron/core/zip';
import { xlsxOf } from '../../electron/core/xlsx';
import { BOMB_DECLARED_BYTES, forgedZipsOf, honestlyHugeXlsxOf, zipBombOf } from '../fixtures/zip/forgedZips';
import { zipOf } from '../support/officeFiles';
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

});

describe('a package over the limits', () => {
  it('that says honestly it would inflate beyond the limit is refused from its directory, before inflating anything', async () => {
    let inflated = 0;
    const problem = await checkZip(honestlyHugeXlsxOf(210), { onInflated: (bytes) => (inflated = bytes) });
    expect(problem).toEqual({ code: 'too-large', limitBytes: DEFAULT_ZIP_LIMITS.maxTotalBytes });
    expect(inflated).toBe(0);
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
    it(`refuses ${what} (${code})`, async () => {
      expect((await checkZip(bytes))?.code).toBe(code);
    });
  }
});

describe('reading parts on demand (withZip)', () => {
  it('checks the directory first: a package refused there never reaches the reader', async () => {
    let reached = false;
    const refusal = withZip(forgedZipsOf()['an encrypted sheet'].bytes, {}, async () => (reached = true));
    await expect(refusal).rejects.toMatchObject({ problem: { code: 'encrypted', entry: 'xl/worksheets/sheet1.xml' } });
    expect(reached).toBe(false);
  });

  it('gives the part names and the bytes of the parts asked for', async () => {
    const workbook = await realWorkbook();
    const text = await withZip(workbook, {}, async (zip) => {
      expect(zip.names).toEqual(expect.arrayContaining(['xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
      return (await zip.bytesOf('xl/workbook.xml')).toString('utf8');
    });
    expect(text).toContain('<workbook');
  });

  it('stops a part at the bomb\'s first chunk beyond what it declared, even when the reader allows more', async () => {
    let inflated = 0;
    const reading = withZip(zipBombOf(), { onInflated: (bytes) => (inflated = bytes) }, (zip) => zip.readPart('xl/worksheets/sheet1.xml', () => {}, { maxBytes: 48 * MB }));
    await expect(reading).rejects.toMatchObject({ problem: { code: 'size-mismatch', entry: 'xl/worksheets/sheet1.xml', declared: BOMB_DECLARED_BYTES } });
    expect(inflated).toBeLessThan(64 * 1024);
  });

  it('stops an honest part past the bytes its reader allows', async () => {
    const reading = withZip(honestlyHugeXlsxOf(3), {}, (zip) => zip.readPart('xl/worksheets/sheet1.xml', () => {}, { maxBytes: 1 * MB }));
    await expect(reading).rejects.toMatchObject({ problem: { code: 'entry-too-large', entry: 'xl/worksheets/sheet1.xml', limitBytes: 1 * MB } });
  });

  it('passes on what the reader throws, unchanged, and stops reading there', async () => {
    const enough = new Error('seen enough');
    let chunks = 0;
    const reading = withZip(honestlyHugeXlsxOf(3), {}, (zip) =>
      zip.readPart('xl/worksheets/sheet1.xml', () => {
        chunks++;
        throw enough;
      }),
    );
    await expect(reading).rejects.toBe(enough);
    expect(chunks).toBe(1);
  });
});
