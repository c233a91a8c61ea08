/**
 * Backups: taken under write load they pass integrity_check and restore;
 * one a day of use and one before every migration; only the newest N kept,
 * but never a pinned one or one from before a damaged database was moved
 * aside; two at once both succeed; a restore never leaves the live database
 * half-replaced. And the sample drills: seeded in one transaction, tried
 * again at the next start when the disk was full.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/core/backend';
import { memoryPrefsStore } from '../../electron/core/prefs';
import { backupDirOf, listBackups } from '../../electron/storage/backups';
import { DB_FILE } from '../../electron/storage/dataDir';
import { bundleFileOf, OPEN_CHILD_BUNDLE } from '../support/cli';
import { dumpOf, integrityOf, openTestBackend, removeTempDirs, repoRoot, tempDir, TEMPLATES_DIR, valueOf } from '../support/storage';
import { wordedErrorOf } from '../support/storage';
import { messageTextOf, type Message } from '../../shared/i18n';

afterEach(removeTempDirs);

const DAY_MS = 24 * 60 * 60 * 1000;

/** A run of the first sample drill, ready for events. */
async function liveRun(backend: Backend) {
  const [scenario] = await valueOf(backend, 'listScenarios', {});
  const full = await valueOf(backend, 'getScenario', { id: scenario.id });
  const run = await valueOf(backend, 'createRun', { scenarioId: scenario.id, name: '夜间拉练' });
  return { runId: run.id, stepId: full.steps[0].id };
}

const observation = (runId: string, text: string) => ({ runId, event: { kind: 'observation', text } });

async function eventCount(backend: Backend, runId: string) {
  return (await valueOf(backend, 'getRun', { id: runId })).events.length;
}

describe('a backup', () => {
  it('taken while events are being recorded passes integrity_check and restores a consistent log', async () => {
    const dataDir = tempDir();
    const backend = openTestBackend(dataDir);
    try {
      const { runId } = await liveRun(backend);
      // A few megabytes of log, so that the online backup takes many steps.
      for (let i = 0; i < 3000; i++) await valueOf(backend, 'recordEvent', observation(runId, `记录 ${i}：${'现场水位持续上涨，'.repeat(40)}`));
      const before = await eventCount(backend, runId);

      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) {
          await valueOf(backend, 'recordEvent', observation(runId, `备份期间的记录 ${written}`));
          written++;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const backup = await valueOf(backend, 'createBackup', {});
      writing = false;
      await writer;
      expect(written).toBeGreaterThan(0);

      const file = path.join(backupDirOf(dataDir), backup.name);
      expect(integrityOf(file)).toEqual(['ok']);
      const copy = new Database(file, { readonly: true });
      const seqs = (copy.prepare('SELECT seq FROM run_events WHERE run_id = ? ORDER BY seq').all(runId) as { seq: number }[]).map((r) => r.seq);
      copy.close();
      // A snapshot: everything before it started, and no gaps.
      expect(seqs.length).toBeGreaterThanOrEqual(before);
      expect(seqs.length).toBeLessThanOrEqual(before + written);
      expect(seqs[seqs.length - 1] - seqs[0] + 1).toBe(seqs.length);

      await valueOf(backend, 'restoreBackup', { name: backup.name });
      expect(await eventCount(backend, runId)).toBe(seqs.length);
      expect(integrityOf(path.join(dataDir, DB_FILE))).toEqual(['ok']);
    } finally {
      backend.close();
    }
  });

  it('is never listed while it is still being written', async () => {
    const dataDir = tempDir();
    const backend = openTestBackend(dataDir);
    try {
      fs.mkdirSync(backupDirOf(dataDir), { recursive: true });
      fs.writeFileSync(path.join(backupDirOf(dataDir), 'drilldesk-2026-01-01T00-00-00-000Z-manual.sqlite.partial'), 'half');
      expect(await valueOf(backend, 'listBackups', {})).toEqual([]);
    } finally {
      backend.close();
    }
  });
});

describe('automatic backups', () => {
  it('are taken once a day of use, at start-up and in an app left open', async () => {
    const dataDir = tempDir();
    let now = new Date('2026-07-01T08:00:00.000Z');
    const clock = () => now;
    openTestBackend(dataDir, { now: clock }).close(); // first launch: nothing to back up yet
    expect(listBackups(dataDir)).toEqual([]);

    now = new Date(now.getTime() + DAY_MS + 60_000);
    let backend = openTestBackend(dataDir, { now: clock });
    await backend.idle(); // the daily backup runs in the background; idle() resolves when it is done
    backend.close();
    expect(listBackups(dataDir).map((b) => b.name)).toEqual(['drilldesk-2026-07-02T08-01-00-000Z-daily.sqlite']);

    now = new Date(now.getTime() + 6 * 60 * 60 * 1000); // the same day
    backend = openTestBackend(dataDir, { now: clock });
    expect(listBackups(dataDir)).toHaveLength(1);

    now = new Date(now.getTime() + DAY_MS); // left open overnight, then used
    await valueOf(backend, 'listScenarios', {});
    await backend.idle();
    backend.close();
    const names = listBackups(dataDir).map((b) => b.name);
    expect(names).toHaveLength(2);
    expect(names[1]).toMatch(/-daily\.sqlite$/);
    for (const name of names) expect(integrityOf(path.join(backupDirOf(dataDir), name))).toEqual(['ok']);
  });

  it('keep only the newest N, N being the preference', async () => {
    const dataDir = tempDir();
    const prefs = memoryPrefsStore();
    prefs.write({ backupsToKeep: 3 });
    let now = new Date('2026-07-01T08:00:00.000Z');
    const backend = openTestBackend(dataDir, { prefs, now: () => now });
    try {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        now = new Date(now.getTime() + 60_000);
        made.push((await valueOf(backend, 'createBackup', {})).name);
      }
      const listed = await valueOf(backend, 'listBackups', {});
      expect(listed.map((b) => b.name)).toEqual(made.slice(-3).reverse()); // newest first
      expect(fs.readdirSync(backupDirOf(dataDir)).sort()).toEqual(made.slice(-3));
    } finally {
      backend.close();
    }
  });
});

describe('restoring a backup', () => {
  it('brings back the data of the backup and keeps a backup of what it replaced', async () => {
    const dataDir = tempDir();
    const backend = openTestBackend(dataDir);
    try {
      const { runId } = await liveRun(backend);
      await valueOf(backend, 'recordEvent', observation(runId, '备份前'));
      const backup = await valueOf(backend, 'createBackup', {});
      const atBackup = dumpOf(path.join(backupDirOf(dataDir), backup.name));
      await valueOf(backend, 'recordEvent', observation(runId, '备份后'));

      await valueOf(backend, 'restoreBackup', { name: backup.name });
      expect(JSON.parse(dumpOf(path.join(dataDir, DB_FILE))).rows).toEqual(JSON.parse(atBackup).rows);
      const texts = (await valueOf(backend, 'getRun', { id: runId })).events.map((e) => e.text);
      expect(texts).toContain('备份前');
      expect(texts).not.toContain('备份后');

      const replaced = (await valueOf(backend, 'listBackups', {})).find((b) => b.name.endsWith('-before-restore.sqlite'));
      expect(replaced).toBeDefined();
      const db = new Database(path.join(backupDirOf(dataDir), replaced!.name), { readonly: true });
      expect(db.prepare("SELECT COUNT(*) AS n FROM run_events WHERE text = '备份后'").get()).toEqual({ n: 1 });
      db.close();
      // And the app goes on writing to the restored database.
      await valueOf(backend, 'recordEvent', observation(runId, '恢复后'));
    } finally {
      backend.close();
    }
  });

  it('refuses a damaged backup and leaves the live database as it was', async () => {
    const dataDir = tempDir();
    const backend = openTestBackend(dataDir);
    try {
      const backup = await valueOf(backend, 'createBackup', {});
      const file = path.join(backupDirOf(dataDir), backup.name);
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 3));
      const live = dumpOf(path.join(dataDir, DB_FILE));
      const envelope = await backend.call('restoreBackup', { name: backup.name });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(!envelope.ok && wordedErrorOf(envelope.error).message).toMatch(/cannot be restored: the database is damaged/);
      expect(dumpOf(path.join(dataDir, DB_FILE))).toBe(live);
      expect(fs.readdirSync(dataDir).filter((name) => name.includes('restoring'))).toEqual([]);
      await valueOf(backend, 'listScenarios', {});
    } finally {
      backend.close();
    }
  });

  it('refuses a backup written by a newer DrillDesk and leaves the live database as it was', async () => {
    const dataDir = tempDir();
    const backend = openTestBackend(dataDir);
    try {
      const backup = await valueOf(backend, 'createBackup', {});
      const db = new Database(path.join(backupDirOf(dataDir), backup.name));
      db.pragma('user_version = 42');
      db.close();
      const live = dumpOf(path.join(dataDir, DB_FILE));
      const envelope = await backend.call('restoreBackup', { name: backup.name });
      expect(!envelope.ok && wordedErrorOf(envelope.error).message).toMatch(/written by a newer DrillDesk/);
      expect(dumpOf(path.join(dataDir, DB_FILE))).toBe(live);
    } finally {
      backend.close();
    }
  });

  it('refuses names that are not backups in the backup folder', async () => {
    const backend = openTestBackend(tempDir());
    try {
      for (const name of ['../drilldesk.sqlite', '/etc/passwd', 'drilldesk.sqlite', 'x.sqlite\u0000']) {
        const envelope = await backend.call('restoreBackup', { name });
        expect(envelope.ok).toBe(false);
        expect(!envelope.ok && ['invalid-argument', 'not-found']).toContain(!envelope.ok && envelope.error.code);
      }
    } finally {
      backend.close();
    }
  });

  it('after damage: the damaged file is kept aside and the latest backup brings the drills back', async () => {
    const dataDir = tempDir();
    let backend = openTestBackend(dataDir);
    const { runId } = await liveRun(backend);
    await valueOf(backend, 'recordEvent', observation(runId, '损坏前的记录'));
    const backup = await valueOf(backend, 'createBackup', {});
    backend.close();
    fs.writeFileSync(path.join(dataDir, DB_FILE), 'overwritten by a faulty disk');

    backend = openTestBackend(dataDir);
    try {
      const status = await valueOf(backend, 'storageStatus', {});
      expect(status.recoveredFrom).not.toBeNull();
      const [latest] = await valueOf(backend, 'listBackups', {});
      expect(latest.name).toBe(backup.name);
      await valueOf(backend, 'restoreBackup', { name: latest.name });
      expect((await valueOf(backend, 'getRun', { id: runId })).events.map((e) => e.text)).toContain('损坏前的记录');
      expect((await valueOf(backend, 'storageStatus', {})).recoveredFrom).toBeNull();
      expect(fs.readFileSync(status.recoveredFrom!.movedTo, 'utf8')).toBe('overwritten by a faulty disk');
    } finally {
      backend.close();
    }
  });
});

describe('rotation', () => {
  it('never deletes the last good backup from before a damaged database was moved aside, even 20 backups later', async () => {
    const dataDir = tempDir();
    const prefs = memoryPrefsStore();
    prefs.write({ backupsToKeep: 3 });
    let now = new Date('2026-07-01T08:00:00.000Z');
    const clock = () => now;
    let backend = openTestBackend(dataDir, { prefs, now: clock });
    const { runId } = await liveRun(backend);
    await valueOf(backend, 'recordEvent', observation(runId, '损坏前的最后记录'));
    const good = await valueOf(backend, 'createBackup', {});
    backend.close();
    fs.writeFileSync(path.join(dataDir, DB_FILE), 'overwritten by a faulty disk');

    backend = openTestBackend(dataDir, { prefs, now: clock });
    try {
      expect((await valueOf(backend, 'storageStatus', {})).recoveredFrom).not.toBeNull();
      for (let i = 0; i < 20; i++) {
        now = new Date(now.getTime() + 60_000);
        await valueOf(backend, 'createBackup', {});
      }
      const listed = await valueOf(backend, 'listBackups', {});
      expect(listed.filter((b) => b.kept === null)).toHaveLength(3); // the fresh database's newest 3
      expect(listed.find((b) => b.name === good.name)).toMatchObject({ kept: 'before-recovery' });
      await valueOf(backend, 'restoreBackup', { name: good.name });
      expect((await valueOf(backend, 'getRun', { id: runId })).events.map((e) => e.text)).toContain('损坏前的最后记录');
    } finally {
      backend.close();
    }
  });

  it('never deletes a pinned backup; unpinned, it rotates away again', async () => {
    const dataDir = tempDir();
    const prefs = memoryPrefsStore();
    prefs.write({ backupsToKeep: 2 });
    let now = new Date('2026-07-01T08:00:00.000Z');
    const backend = openTestBackend(dataDir, { prefs, now: () => now });
    try {
      const first = await valueOf(backend, 'createBackup', {});
      expect(first.kept).toBeNull();
      expect(await valueOf(backend, 'pinBackup', { name: first.name, pinned: true })).toMatchObject({ name: first.name, kept: 'pinned' });
      for (let i = 0; i < 4; i++) {
        now = new Date(now.getTime() + 60_000);
        await valueOf(backend, 'createBackup', {});
      }
      const names = (await valueOf(backend, 'listBackups', {})).map((b) => b.name);
      expect(names).toHaveLength(3);
      expect(names).toContain(first.name);

      expect(await valueOf(backend, 'pinBackup', { name: first.name, pinned: false })).toMatchObject({ kept: null });
      now = new Date(now.getTime() + 60_000);
      await valueOf(backend, 'createBackup', {});
      expect((await valueOf(backend, 'listBackups', {})).map((b) => b.name)).not.toContain(first.name);
      expect(await backend.call('pinBackup', { name: first.name, pinned: true })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    } finally {
      backend.close();
    }
  });
});

describe('two backups started in the same millisecond', () => {
  it('both succeed, under two names, each a whole database', async () => {
    const dataDir = tempDir();
    const now = new Date('2026-07-01T08:00:00.000Z');
    const backend = openTestBackend(dataDir, { now: () => now });
    try {
      const [a, b, c] = await Promise.all([backend.call('createBackup', {}), backend.call('createBackup', {}), backend.call('createBackup', {})]);
      for (const envelope of [a, b, c]) expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
      const names = [a, b, c].map((e) => (e as { value: { name: string } }).value.name);
      expect(new Set(names).size).toBe(3);
      expect(names[0]).toBe('drilldesk-2026-07-01T08-00-00-000Z-manual.sqlite');
      for (const name of names) expect(integrityOf(path.join(backupDirOf(dataDir), name))).toEqual(['ok']);
      expect(fs.readdirSync(backupDirOf(dataDir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
    } finally {
      backend.close();
    }
  });
});

describe.skipIf(process.platform === 'win32')('the sample drills on a nearly full disk', () => {
  /** Opens the back end in a child process whose files may not grow past `limitBlocks` × 512 bytes (a full disk for it alone). */
  const openIn = (dataDir: string, limitBlocks: number | null) => {
    const command = `${limitBlocks === null ? '' : `trap '' XFSZ; ulimit -f ${limitBlocks}; `}exec "${process.execPath}" "${bundleFileOf(OPEN_CHILD_BUNDLE)}" "${dataDir}" "${TEMPLATES_DIR}"`;
    const result = spawnSync('sh', ['-c', command], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    if (!line.startsWith('{')) throw new Error(`the back end did not start (${result.status}): ${result.stderr.slice(-400)}`);
    return JSON.parse(line) as { scenarios: number; status: { seedingFailed: Message | null } };
  };

  it('are seeded all or none, the failure is shown, and the next start with room seeds them all', () => {
    const dataDir = path.join(tempDir(), 'data');
    const samples = fs.readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.drill.json')).length;
    // Room for the empty database and its migrations (about 200 KB) but not for the samples (about 500 KB in all).
    const full = openIn(dataDir, 500);
    expect(full.scenarios).toBe(0);
    expect(messageTextOf('en', full.status.seedingFailed!)).toMatch(/not saved/);
    expect(messageTextOf('zh', full.status.seedingFailed!)).toMatch(/没有保存/);
    const roomAgain = openIn(dataDir, null);
    expect(roomAgain).toEqual({ scenarios: samples, status: expect.objectContaining({ seedingFailed: null }) });
    expect(openIn(dataDir, null).scenarios).toBe(samples); // and only once
  });
});
