/**
 * Backups and restore: the backups kept from rotation (pinned by the user, or
 * made before a damaged database was moved aside) apart from the ones that
 * rotate (newest first, the newest N kept), "back up now", pin and unpin, and
 * restore with confirmation. When the database was found damaged at start-up,
 * the dialog says where the damaged file went and points at the latest backup
 * from before. After a restore the app reloads, so every screen reads the
 * restored database.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, StorageStatus } from '../../shared/api';
import { readableDateTimeAt } from '../../shared/time';
import { api } from '../api';
import { usePrefs } from '../app/prefs';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { notify, notifyError } from '../components/toasts';
import './backups.css';

/** Set just before the reload that follows a restore, read once after it. */
const RESTORED_KEY = 'drilldesk.restoredBackup';
/** Set once the dialog has opened by itself for a damaged database, so it does so once per session. */
const OFFERED_KEY = 'drilldesk.recoveryOffered';

type Reason = 'daily' | 'manual' | 'beforeRestore' | 'beforeMigration' | 'other';

/** The kind of backup its name records, e.g. `…-before-migration-2.sqlite` → `beforeMigration`. */
export function backupReasonOf(name: string): Reason {
  const match = /-(daily|manual|before-restore|before-migration-\d+)(?:-\d+)?\.sqlite$/.exec(name);
  if (!match) return 'other';
  if (match[1] === 'before-restore') return 'beforeRestore';
  if (match[1].startsWith('before-migration')) return 'beforeMigration';
  return match[1] as 'daily' | 'manual';
}

/** `1536` → `1.5 KB`, `3 145 728` → `3.0 MB`. */
export function byteSizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function useTimeFormat() {
  const { i18n } = useTranslation();
  // Backups belong to this computer, not to a drill: their times are in the computer's own zone.
  return (iso: string) => readableDateTimeAt(Date.parse(iso), null, i18n.language, true);
}

export function BackupsDialog(props: { onClose: () => void }) {
  const { t } = useTranslation();
  const timeOf = useTimeFormat();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [busy, setBusy] = useState<'creating' | 'restoring' | 'pinning' | null>(null);
  const keep = usePrefs((state) => state.prefs.backupsToKeep);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);

  const refresh = useCallback(() => {
    api.listBackups({}).then(setBackups, (error) => {
      setBackups([]);
      notifyError(error);
    });
  }, []);
  useEffect(() => {
    refresh();
    api.storageStatus({}).then(setStatus, () => setStatus(null));
  }, [refresh]);

  const createNow = async () => {
    setBusy('creating');
    try {
      const backup = await api.createBackup({});
      notify(t('backups.created', { time: timeOf(backup.createdAt) }));
      refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };

  const restore = async (backup: BackupInfo) => {
    setConfirming(null);
    setBusy('restoring');
    try {
      await api.restoreBackup({ name: backup.name });
      window.sessionStorage.setItem(RESTORED_KEY, backup.createdAt);
      window.location.hash = '#/';
      window.location.reload();
    } catch (error) {
      notifyError(error);
      setBusy(null);
      refresh();
    }
  };

  const pin = async (backup: BackupInfo, pinned: boolean) => {
    setBusy('pinning');
    try {
      await api.pinBackup({ name: backup.name, pinned });
      notify(t(pinned ? 'backups.pinned' : 'backups.unpinned', { time: timeOf(backup.createdAt) }));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
      refresh();
    }
  };

  const recovered = status?.recoveredFrom ?? null;
  const kept = (backups ?? []).filter((backup) => backup.kept !== null);
  const rotating = (backups ?? []).filter((backup) => backup.kept === null);
  // After damage, the newest backup from before it is the one to offer.
  const suggested = recovered ? ((backups ?? []).find((backup) => backup.kept === 'before-recovery') ?? backups?.[0] ?? null) : null;
  const newest = backups?.[0] ?? null;

  const table = (list: BackupInfo[], testId: string) => (
    <table className="backups-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('backups.columns.time')}</th>
          <th>{t('backups.columns.kind')}</th>
          <th>{t('backups.columns.size')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {list.map((backup) => (
          <tr key={backup.name} className={backup === suggested ? 'backups-suggested' : undefined} data-testid="backup-row" data-name={backup.name} data-kept={backup.kept ?? ''}>
            <td>
              {timeOf(backup.createdAt)}
              {backup === newest && <span className="backups-latest">{t('backups.latest')}</span>}
              {backup.kept && <span className={`backups-kept backups-kept-${backup.kept}`}>{t(`backups.kept.${backup.kept === 'pinned' ? 'pinned' : 'beforeRecovery'}`)}</span>}
            </td>
            <td>{t(`backups.reason.${backupReasonOf(backup.name)}`)}</td>
            <td className="backups-size">{byteSizeOf(backup.bytes)}</td>
            <td className="backups-actions">
              <button
                disabled={busy !== null}
                onClick={() => void pin(backup, backup.kept === null)}
                title={t(backup.kept === null ? 'backups.pinTitle' : 'backups.unpinTitle')}
                data-testid={backup.kept === null ? 'pin-backup' : 'unpin-backup'}
              >
                {t(backup.kept === null ? 'backups.pin' : 'backups.unpin')}
              </button>
              <button className={backup === suggested ? 'primary' : undefined} disabled={busy !== null} onClick={() => setConfirming(backup)} data-testid="restore-backup">
                {busy === 'restoring' ? t('backups.restoring') : t('backups.restore')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Dialog
      title={t('backups.title')}
      onClose={props.onClose}
      wide
      testId="backups-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.close')}</button>
          <button className="primary" disabled={busy !== null} onClick={() => void createNow()} data-testid="create-backup">
            {busy === 'creating' ? t('backups.creating') : t('backups.createNow')}
          </button>
        </>
      }
    >
      {recovered && (
        <div className="backups-damaged" role="alert" data-testid="backups-damaged">
          <p>{t('backups.damaged', { path: recovered.movedTo })}</p>
          <p className="muted small">{t('backups.damagedReason', { reason: recovered.reason })}</p>
        </div>
      )}
      <p className="muted">{t('backups.intro')}</p>
      {backups === null ? (
        <p className="muted">{t('backups.loading')}</p>
      ) : backups.length === 0 ? (
        <p className="empty-state" data-testid="backups-empty">
          {t('backups.empty')}
        </p>
      ) : (
        <>
          {kept.length > 0 && (
            <section className="backups-section" data-testid="backups-kept">
              <h3>{t('backups.keptTitle')}</h3>
              <p className="muted small">{t('backups.keptIntro')}</p>
              {table(kept, 'backups-kept-table')}
            </section>
          )}
          <section className="backups-section" data-testid="backups-rotating">
            {kept.length > 0 && <h3>{t('backups.rotatingTitle', { count: keep })}</h3>}
            {rotating.length > 0 ? table(rotating, 'backups-rotating-table') : <p className="muted small">{t('backups.noRotating')}</p>}
          </section>
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('backups.confirmTitle')}
          message={t('backups.confirmMessage', { time: timeOf(confirming.createdAt) })}
          confirmLabel={t('backups.confirmOk')}
          cancelLabel={t('action.cancel')}
          danger
          onCancel={() => setConfirming(null)}
          onConfirm={() => void restore(confirming)}
        />
      )}
    </Dialog>
  );
}

/** The "Backups" button for a screen header; opens the dialog, and opens it by itself when the database was found damaged. */
export function BackupsButton() {
  const { t } = useTranslation();
  const timeOf = useTimeFormat();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const restored = window.sessionStorage.getItem(RESTORED_KEY);
    if (restored) {
      window.sessionStorage.removeItem(RESTORED_KEY);
      notify(t('backups.restored', { time: timeOf(restored) }));
      return;
    }
    if (window.sessionStorage.getItem(OFFERED_KEY)) return;
    api.storageStatus({}).then((status) => {
      if (!status.recoveredFrom) return;
      window.sessionStorage.setItem(OFFERED_KEY, '1');
      setOpen(true);
    }, () => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      <button onClick={() => setOpen(true)} title={t('backups.openTitle')} data-testid="open-backups">
        {t('backups.open')}
      </button>
      {open && <BackupsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
