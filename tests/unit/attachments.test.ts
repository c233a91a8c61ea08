/**
 * Photos on a run's records: checked by content, stored in SQLite with the
 * record in one transaction, refused with a catalogue message that changes nothing.
 * A real back end on a real database file in a temp folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/backend';
import { DB_FILE } from '../../electron/storage/dataDir';
import { readZipEntries } from '../../electron/core/zip';
import { imageInfoOf, MAX_IMAGE_BYTES } from '../../shared/images';
import { dumpOf, openTestBackend, refusalOf, removeTempDirs, repoRoot, tempDir, valueOf } from '../support/storage';

const PHOTOS = path.join(repoRoot, 'tests/fixtures/photos');
const photo = (name: string) => fs.readFileSync(path.join(PHOTOS, name));
const base64Of = (name: string) => photo(name).toString('base64');

describe('what counts as an image', () => {
  it('reads a JPEG and a PNG with their sizes from their bytes', () => {
    expect(imageInfoOf(photo('site-water.jpg'))).toEqual({ mime: 'image/jpeg', width: 320, height: 240 });
    expect(imageInfoOf(photo('pump.png'))).toEqual({ mime: 'image/png', width: 200, height: 150 });
  });

  it('refuses text named .jpg, a cut-off JPEG and a PNG whose header was altered', () => {
    expect(imageInfoOf(photo('fake.jpg'))).toBeNull();
    expect(imageInfoOf(photo('truncated.jpg'))).toBeNull();
    const png = Buffer.from(photo('pump.png'));
    png[17] ^= 0xff; // width changed under an unchanged CRC
    expect(imageInfoOf(png)).toBeNull();
  });
});

describe('photos stored with their records', () => {
  let dataDir: string;
  let backend: Backend;
  let runId: string;
  const call = <M extends Parameters<typeof valueOf>[1]>(method: M, arg: unknown) => valueOf(backend, method, arg);
  const dump = () => dumpOf(path.join(dataDir, DB_FILE));

  beforeEach(async () => {
    dataDir = tempDir('drilldesk-photos-');
    backend = openTestBackend(dataDir);
    const [scenario] = await call('listScenarios', {});
    runId = (await call('createRun', { scenarioId: scenario!.id, name: '正式演练' })).id;
  });
  afterEach(() => {
    backend.close();
    removeTempDirs();
  });

  it('keeps an observation’s photos, in order, byte for byte', async () => {
    const event = await call('recordEvent', {
      runId,
      event: { kind: 'observation', text: '安置点送水车到达' },
      attachments: [
        { dataBase64: base64Of('site-water.jpg'), caption: '1号安置点送水' },
        { dataBase64: base64Of('pump.png'), caption: '' },
      ],
    });
    const stored = await call('listAttachments', { runId });
    expect(stored.map((a) => [a.eventSeq, a.ord, a.mime, a.width, a.height, a.caption])).toEqual([
      [event.seq, 0, 'image/jpeg', 320, 240, '1号安置点送水'],
      [event.seq, 1, 'image/png', 200, 150, ''],
    ]);
    expect(Buffer.from(stored[0]!.dataBase64, 'base64').equals(photo('site-water.jpg'))).toBe(true);
    expect(stored[1]!.size).toBe(photo('pump.png').length);
  });

  it('keeps photos of a debrief note and of an on-the-spot comment', async () => {
    const note = await call('addAnnotation', {
      runId,
      fields: { at: new Date().toISOString(), kind: 'went-wrong', text: '水泵未按时启动' },
      attachments: [{ dataBase64: base64Of('pump.png'), caption: '泵房' }],
    });
    const comment = await call('recordEvent', { runId, event: { kind: 'hot-wash', text: '点评：配合顺畅' }, attachments: [{ dataBase64: base64Of('site-water.jpg') }] });
    const stored = await call('listAttachments', { runId });
    expect(stored.map((a) => [a.annotationId, a.eventSeq, a.caption])).toEqual([
      [note.id, null, '泵房'],
      [null, comment.seq, ''],
    ]);
  });

  it('refuses a text file named .jpg, naming it, and records nothing', async () => {
    const before = dump();
    const error = await refusalOf(backend, 'recordEvent', {
      runId,
      event: { kind: 'observation', text: '照片' },
      attachments: [{ dataBase64: base64Of('site-water.jpg') }, { dataBase64: base64Of('fake.jpg') }],
    });
    expect(error.key).toBe('errors.attachment.notImage');
    expect(error.message).toContain('attachment 2 is not a JPEG or PNG');
    const zh = await refusalOf(backend, 'addAnnotation', { runId, fields: { at: new Date().toISOString(), text: '批注' }, attachments: [{ dataBase64: base64Of('truncated.jpg') }] }, 'zh');
    expect(zh.message).toBe('第 1 张附件不是 JPEG 或 PNG 图片（按文件内容判断，与文件名无关）。');
    expect(dump()).toBe(before);
  });

  it('refuses photos on a step event and an image over 10 MB, changing nothing', async () => {
    const before = dump();
    const onStart = await refusalOf(backend, 'recordEvent', {
      runId,
      event: { kind: 'paused' },
      attachments: [{ dataBase64: base64Of('pump.png') }],
    });
    expect(onStart.key).toBe('errors.attachment.notOnKind');
    const huge = Buffer.alloc(MAX_IMAGE_BYTES + 1).toString('base64');
    const tooLarge = await refusalOf(backend, 'recordEvent', { runId, event: { kind: 'observation', text: 'x' }, attachments: [{ dataBase64: huge }] });
    expect(tooLarge.message).toContain('image is larger than 10 MB');
    expect(dump()).toBe(before);
  });

  it('goes into the run export (a zip with the log, the photos and their index) and into the Word report', async () => {
    await call('recordEvent', { runId, event: { kind: 'observation', text: '送水车到达' }, attachments: [{ dataBase64: base64Of('site-water.jpg'), caption: '1号安置点送水' }] });
    await call('addAnnotation', { runId, fields: { at: new Date(Date.now() + 60_000).toISOString(), kind: 'went-wrong', text: '泵房照明不足' }, attachments: [{ dataBase64: base64Of('pump.png'), caption: '泵房' }] });
    const archive = await call('exportRunArchive', { id: runId });
    expect(archive.fileName).toMatch(/\.zip$/);
    const entries = await readZipEntries(Buffer.from(archive.base64, 'base64'));
    expect([...entries.keys()].sort()).toEqual([archive.fileName.replace(/\.zip$/, '.csv'), 'photos.csv', 'photos/01.jpg', 'photos/02.png'].sort());
    expect(entries.get('photos/01.jpg')!.equals(photo('site-water.jpg'))).toBe(true);
    expect(entries.get('photos/02.png')!.equals(photo('pump.png'))).toBe(true);
    const index = entries.get('photos.csv')!.toString('utf8').split('\r\n');
    expect(index[1]).toMatch(/^1,photos\/01\.jpg,.*,观察,,1号安置点送水,送水车到达$/);
    expect(index[2]).toMatch(/^2,photos\/02\.png,.*,批注,,泵房,泵房照明不足$/);
    expect(entries.get(archive.fileName.replace(/\.zip$/, '.csv'))!.toString('utf8')).toContain('送水车到达');

    const docx = await call('exportDocx', { document: 'report', runId });
    const parts = await readZipEntries(Buffer.from(docx.base64, 'base64'));
    const media = [...parts.entries()].filter(([name]) => name.startsWith('word/media/')).map(([, bytes]) => bytes);
    expect(media.some((bytes) => bytes.equals(photo('site-water.jpg')))).toBe(true);
    expect(media.some((bytes) => bytes.equals(photo('pump.png')))).toBe(true);
    expect(parts.get('word/document.xml')!.toString('utf8')).toContain('附件1 1号安置点送水');
  });

  it('goes with its run when the run is deleted', async () => {
    await call('recordEvent', { runId, event: { kind: 'observation', text: '照片' }, attachments: [{ dataBase64: base64Of('pump.png') }] });
    await call('deleteRun', { id: runId });
    const left = dump();
    expect(JSON.parse(left).rows.find(([name]: [string]) => name === 'attachments')[1]).toEqual([]);
  });
});
