/**
 * The back end as the transports see it: opens the data folder, seeds a new
 * database with the templates, keeps daily backups, and serves calls through
 * `dispatch`. The Electron main process, the browser-mode server and the
 * command line each make one of these; none of them holds logic of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { messageTextOf, msg, technicalOf, type Message } from '../../shared/i18n';
import { ApiError, refusedOf, type DrillService, type Envelope } from '../../shared/api';
import { SeatTokenSchema } from '../../shared/seats';
import { requireRun } from '../storage/runs';
import { seatOfToken, touchSeat } from '../storage/seats';
import { backupDatabase, backupDatabaseSync, backupDirOf, backupsSettled, listBackups } from '../storage/backups';
import { openDatabase, StorageOpenError } from '../storage/db';
import { openDataDir, type OpenedDataDir } from '../storage/dataDir';
import { dispatch, errorEnvelopeOf, type SeatCaller } from './dispatch';
import { runCsvParserOf } from './planImport';
import type { PrefsStore } from './prefs';
import { createService } from './service';
import { loadTemplates } from './templates';

export type BackendOptions = {
  dataDir: string;
  templatesDir: string;
  prefs: PrefsStore;
  nativeBinding?: string;
  now?: () => Date;
  /** Where unexpected errors and start-up notes go (the console by default). */
  log?: (message: string, error?: unknown) => void;
};

export type Backend = {
  /** Serves a call from the host, or from the seat whose token is `seatToken` (held to its scope by `dispatch`). */
  call: (method: string, arg: unknown, seatToken?: string) => Promise<Envelope<unknown>>;
  service: () => DrillService;
  dataDir: string;
  /** True when this launch created the database (and seeded it). */
  created: boolean;
  /** Resolves once the backups this back end started (the daily one) have finished. */
  idle: () => Promise<void>;
  close: () => void;
};

const DAY_MS = 24 * 60 * 60 * 1000;

export function openBackend(options: BackendOptions): Backend {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''));
  const keep = () => options.prefs.read().backupsToKeep;
  const opened: OpenedDataDir = openDataDir(options.dataDir, { nativeBinding: options.nativeBinding, keepBackups: keep(), now });
  for (const note of opened.notes) log(note);
  if (opened.recoveredFrom) log(`DrillDesk: the database was damaged and was moved aside to ${opened.recoveredFrom.movedTo}`);
  const templates = loadTemplates(options.templatesDir, (file, problems) => log(`DrillDesk: template ${file} skipped: ${problems.map((p) => messageTextOf('en', p)).join(': ')}`));
  let db = opened.db;
  let recoveredFrom = opened.recoveredFrom;
  let seedingFailed: Message | null = null;

  /**
   * Replaces the live database with a backup. The backup is copied and
   * opened first (integrity check, older schemas migrated), so a damaged or
   * newer backup is refused with the live database untouched; the live one
   * is backed up, then the copy is renamed over it in one step.
   */
  const restore = (name: string) => {
    const source = path.join(backupDirOf(opened.dataDir), name);
    const incoming = `${opened.file}.restoring`;
    const removeIncoming = () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(incoming + suffix, { force: true });
    };
    removeIncoming();
    try {
      fs.copyFileSync(source, incoming);
      openDatabase(incoming, { nativeBinding: options.nativeBinding }).close();
    } catch (error) {
      removeIncoming();
      const reason = error instanceof StorageOpenError ? msg(`errors.storage.open.${error.kind}`) : msg('errors.storage.open.unavailable');
      throw new ApiError('invalid-argument', msg('errors.backup.cannotRestore', { name, reason }), [technicalOf((error as Error).message)]);
    }
    backupDatabaseSync(db, opened.dataDir, { reason: 'before-restore', keep: keep() + 1, now: now() });
    db.close();
    for (const suffix of ['-wal', '-shm']) fs.rmSync(opened.file + suffix, { force: true });
    fs.renameSync(incoming, opened.file);
    db = openDatabase(opened.file, { nativeBinding: options.nativeBinding });
    recoveredFrom = null;
    service = build();
  };

  const build = () =>
    createService({
      db,
      dataDir: opened.dataDir,
      templates,
      prefs: options.prefs,
      now,
      recoveredFrom,
      seedingFailed: () => seedingFailed,
      restoreBackup: restore,
      runCsv: runCsvParserOf(),
    });
  let service = build();

  // The sample drills, all in one transaction or none; when they cannot go in (a nearly full disk), the app
  // still starts, says so (storageStatus), and the next start tries again.
  if (opened.seedingPending) {
    try {
      db.transaction(() => {
        for (const template of templates) service.createFromTemplate({ templateId: template.id });
      })();
      opened.seedingDone();
    } catch (error) {
      const envelope = errorEnvelopeOf(error);
      seedingFailed = envelope.ok ? technicalOf(String(error)) : { key: envelope.error.key, params: envelope.error.params };
      log('DrillDesk: the sample drills could not be added; they will be tried again at the next start', error);
    }
  }

  // Once a day of use: at start-up (not for a database created just now) and, for an app left open, on the first call after a day.
  const latest = listBackups(opened.dataDir).at(-1);
  let lastBackupAt = opened.created ? now().getTime() : latest ? new Date(latest.createdAt).getTime() : 0;
  const dailyBackup = () => {
    if (now().getTime() - lastBackupAt <= DAY_MS) return;
    lastBackupAt = now().getTime();
    backupDatabase(db, opened.dataDir, { reason: 'daily', keep: keep(), now: now() }).catch((error) => log('DrillDesk: daily backup failed', error));
  };
  dailyBackup();

  /** The seat a token stands for, with its run's plan; or why it may call nothing (unknown, revoked, run ended). */
  const seatCallerOf = (token: string): SeatCaller | Envelope<never> => {
    const seat = SeatTokenSchema.safeParse(token).success ? seatOfToken(db, token) : null;
    if (!seat) return refusedOf('unauthorized', msg('errors.seat.token'));
    if (seat.revokedAt !== null) return refusedOf('unauthorized', msg('errors.seat.revoked'));
    const run = requireRun(db, seat.runId);
    if (run.status === 'ended') return refusedOf('unauthorized', msg('errors.seat.runEnded'));
    touchSeat(db, seat, now());
    return { seat, plan: run.plan };
  };

  return {
    call: async (method, arg, seatToken) => {
      dailyBackup();
      const onError = (error: unknown) => log(`DrillDesk: ${method} failed unexpectedly`, error);
      if (seatToken === undefined) return dispatch(service, method, arg, onError);
      let caller: SeatCaller | Envelope<never>;
      try {
        caller = seatCallerOf(seatToken);
      } catch (error) {
        return errorEnvelopeOf(error);
      }
      return 'ok' in caller ? caller : dispatch(service, method, arg, onError, caller);
    },
    service: () => service,
    dataDir: opened.dataDir,
    created: opened.created,
    idle: () => backupsSettled(opened.dataDir),
    close: () => {
      if (db.open) db.close();
      opened.close();
    },
  };
}
