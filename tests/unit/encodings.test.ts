/**
 * Files in other encodings (electron/core/textFile.ts, the one decoder): a
 * GB18030 drill file is read with its Chinese intact, a UTF-8 file with a
 * byte-order mark is accepted, and the same by the dispatcher, over HTTP and
 * by the command line; a file that is not text, or that already lost
 * characters (U+FFFD), is refused saying so, with the database unchanged.
 * Drill scripts in CSV go through the same decoder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/api';
import type { Backend } from '../../electron/core/backend';
import { planImportOf } from '../../electron/core/planImport';
import { decodedTextOf, textProblemMessageOf } from '../../electron/core/textFile';
import { messageTextOf } from '../../shared/i18n';
import { gb18030Of } from '../support/gb18030';
import { runCli } from '../support/cli';
import { dumpOf, HOSTILE_DIR, removeTempDirs, servedTestBackend, tempDir, valueOf, type ServedBackend } from '../support/storage';
import { wordedErrorOf } from '../support/storage';

const utf8Drill = fs.readFileSync(path.join(HOSTILE_DIR, 'base.drill.json'), 'utf8');
const titleOf = (text: string) => (JSON.parse(text) as { scenario: { title: string } }).scenario.title;
const gb18030 = gb18030Of;

describe('the decoder', () => {
  it('reads UTF-8, with or without a byte-order mark, and UTF-16 with one', () => {
    expect(decodedTextOf(Buffer.from('时间,情景'))).toEqual({ ok: true, text: '时间,情景', encoding: 'utf-8' });
    expect(decodedTextOf(Buffer.from('\uFEFF时间,情景'))).toEqual({ ok: true, text: '时间,情景', encoding: 'utf-8' });
    expect(decodedTextOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('时间', 'utf16le')]))).toEqual({ ok: true, text: '时间', encoding: 'utf-16le' });
    const be = Buffer.from('时间', 'utf16le').swap16();
    expect(decodedTextOf(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ ok: true, text: '时间', encoding: 'utf-16be' });
  });

  it('reads GB18030 when the bytes are not UTF-8', () => {
    expect(decodedTextOf(Buffer.from([0xca, 0xb1, 0xbc, 0xe4]))).toEqual({ ok: true, text: '时间', encoding: 'gb18030' });
    expect(decodedTextOf(gb18030(utf8Drill))).toMatchObject({ ok: true, text: utf8Drill, encoding: 'gb18030' });
  });

  it('refuses bytes that are neither, binary files, and a byte-order mark the bytes contradict', () => {
    expect(decodedTextOf(Buffer.from([0xca, 0xb1, 0xff, 0x0a]))).toEqual({ ok: false, problem: { code: 'not-text' } });
    expect(decodedTextOf(Buffer.from('{"a":\u0000}'))).toEqual({ ok: false, problem: { code: 'not-text' } });
    expect(decodedTextOf(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x7d]))).toEqual({ ok: false, problem: { code: 'bad-bom', encoding: 'utf-8' } });
  });

  it('refuses text that already lost characters, saying how many and where', () => {
    const damaged = Buffer.from('时间,情景\n09:00,\uFFFD\uFFFD停电\n');
    expect(decodedTextOf(damaged)).toEqual({ ok: false, problem: { code: 'replacement-characters', count: 2, line: 2 } });
    expect(messageTextOf('zh', textProblemMessageOf({ code: 'replacement-characters', count: 2, line: 2 }, 'csv'))).toBe(
      'CSV 文件中有 2 个替换字符“�”（第一个在第 2 行），说明文件在之前的转换中已经丢失了文字；请找到原始文件再导入。',
    );
  });
});

describe('drill scripts in CSV, through the same decoder', () => {
  const previewOf = async (bytes: Buffer) => (await planImportOf({ fileName: '脚本.csv', dataBase64: bytes.toString('base64') }, { language: 'en' })).preview;
  const script = '时间,处置动作\n09:00,启动预案\n09:10,通知各组\n';

  it('reads UTF-16 with a byte-order mark (Excel\'s "Unicode text") and GB18030 alike', async () => {
    for (const bytes of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script, 'utf16le')]), gb18030(script)]) {
      const preview = await previewOf(bytes);
      expect(preview.issues.filter((issue) => issue.severity === 'problem')).toEqual([]);
      expect(preview.rows.map((row) => row.text)).toEqual(['启动预案', '通知各组']);
    }
  });

  it('refuses a byte-order mark the bytes contradict, naming the encoding it declared', async () => {
    const preview = await previewOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('时间,处置动作\n'), Buffer.from([0xff, 0x0a])]));
    expect(preview.issues).toEqual([expect.objectContaining({ severity: 'problem', key: 'badBom', params: { encoding: 'UTF-8' } })]);
  });

  it('refuses text that already lost characters, saying how many and where', async () => {
    const preview = await previewOf(Buffer.from('时间,处置动作\n09:00,停电\uFFFD\n'));
    expect(preview.issues).toEqual([expect.objectContaining({ severity: 'problem', key: 'replacementCharacters', params: { count: 1, line: 2 } })]);
  });
});

describe('importing a drill file in another encoding', () => {
  let served: ServedBackend;
  let backend: Backend;
  let dbFile: string;
  beforeAll(async () => {
    served = await servedTestBackend();
    ({ backend, dbFile } = served);
  });
  afterAll(async () => {
    await served.close();
    removeTempDirs();
  });
  const overHttp = (method: string, arg: unknown) => served.overHttp(method, arg) as Promise<Envelope<{ id: string }>>;

  for (const [what, bytes] of [
    ['GB18030', () => gb18030(utf8Drill)],
    ['UTF-8 with a byte-order mark', () => Buffer.from(`\uFEFF${utf8Drill}`)],
  ] as const) {
    it(`reads ${what} with every Chinese character intact, the same over HTTP`, async () => {
      const arg = { dataBase64: bytes().toString('base64') };
      for (const envelope of [await backend.call('importScenario', arg), await overHttp('importScenario', arg)]) {
        expect(envelope.ok).toBe(true);
        const stored = await valueOf(backend, 'getScenario', { id: (envelope as { value: { id: string } }).value.id });
        expect(stored.title).toBe(titleOf(utf8Drill));
        expect(JSON.stringify(stored)).not.toContain('\uFFFD');
      }
    });
  }

  it('refuses a drill file that already holds replacement characters, and stores nothing', async () => {
    const before = dumpOf(dbFile);
    const lossy = utf8Drill.replace(titleOf(utf8Drill), '\uFFFD\uFFFD\uFFFD演练');
    for (const arg of [{ dataBase64: Buffer.from(lossy).toString('base64') }, { text: lossy }]) {
      const envelope = await backend.call('importScenario', arg);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(!envelope.ok && wordedErrorOf(envelope.error).message).toMatch(/the drill file contains 3 replacement characters "�" \(the first on line \d+\)/);
    }
    expect(dumpOf(dbFile)).toBe(before);
  });

  it('reads a run log in GB18030 sent as bytes, as the console sends it', async () => {
    const plan = await valueOf(backend, 'importScenario', { text: utf8Drill });
    const full = await valueOf(backend, 'getScenario', { id: plan.id });
    const csv = `时间,步骤,事件类型,内容\n09:00,${full.steps[0].title},开始,现场已到位\n`;
    const run = await valueOf(backend, 'importRunCsv', { scenarioId: plan.id, name: '国标编码', dataBase64: gb18030(csv).toString('base64') });
    expect((await valueOf(backend, 'getRun', { id: run.id })).events.map((e) => e.text)).toEqual(['现场已到位']);
  });

  it('takes a file as text or as bytes, never both or neither', async () => {
    for (const arg of [{}, { text: utf8Drill, dataBase64: Buffer.from(utf8Drill).toString('base64') }]) {
      const envelope = await backend.call('importScenario', arg);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(!envelope.ok && wordedErrorOf(envelope.error).message).toMatch(/one of them/);
    }
  });
});

describe('the command line', () => {
  const drill = (args: string[]) => runCli(args);

  it('reads a UTF-8 file with a byte-order mark and a GB18030 file as the app does, and refuses one that is not text with the same reason', () => {
    const dir = tempDir();
    const files = { bom: path.join(dir, 'bom.drill.json'), gb: path.join(dir, 'gb.drill.json'), bad: path.join(dir, 'bad.drill.json') };
    fs.writeFileSync(files.bom, `\uFEFF${utf8Drill}`);
    fs.writeFileSync(files.gb, gb18030(utf8Drill));
    fs.writeFileSync(files.bad, Buffer.from([0x7b, 0xca, 0xb1, 0xff, 0x7d]));
    const validated = drill(['validate', files.bom, files.gb, files.bad]);
    expect(validated.status).toBe(1);
    expect(validated.stderr).not.toMatch(/not valid JSON|Unexpected token/);
    expect(validated.stdout).toContain(`${files.bom}: valid`);
    expect(validated.stdout).toContain(`${files.gb}: valid`);
    expect(validated.stderr).toContain(`${files.bad}：演练文件既不是 UTF-8 编码，也不是 GB18030 编码的文本`);
  });

  it('imports a GB18030 file with its Chinese intact', () => {
    const dir = tempDir();
    const file = path.join(dir, 'gb.drill.json');
    fs.writeFileSync(file, gb18030(utf8Drill));
    const data = path.join(dir, 'data');
    expect(drill(['import', file, '--data', data]).stdout).toContain(`imported "${titleOf(utf8Drill)}"`);
  });
});
