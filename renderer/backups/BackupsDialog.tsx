/**
 * Backups and restore: the list of backups (newest first), "back up now",
 * and restore with confirmation. When the database was found damaged at
 * start-up, the dialog says where the damaged file went and points at the
 * latest backup. After a restore the app reloads, so every screen reads the
 * restored database.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, StorageStatus } from '../../shared/api';
import { readableDateTimeAt } from '../../shared/time';
import { api } from '../api';
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
  const [busy, setBusy] = useState<'creating' | 'restoring' | null>(null);
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

  const recovered = status?.recoveredFrom ?? null;
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
        <table className="backups-table">
          <thead>
            <tr>
              <th>{t('backups.columns.time')}</th>
              <th>{t('backups.columns.kind')}</th>
              <th>{t('backups.columns.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((backup, i) => (
              <tr key={backup.name} className={i === 0 && recovered ? 'backups-suggested' : undefined} data-testid="backup-row" data-name={backup.name}>
                <td>
                  {timeOf(backup.createdAt)}
                  {i === 0 && <span className="backups-latest">{t('backups.latest')}</span>}
                </td>
                <td>{t(`backups.reason.${backupReasonOf(backup.name)}`)}</td>
                <td className="backups-size">{byteSizeOf(backup.bytes)}</td>
                <td>
                  <button className={i === 0 && recovered ? 'primary' : undefined} disabled={busy !== null} onClick={() => setConfirming(backup)} data-testid="restore-backup">
                    {busy === 'restoring' ? t('backups.restoring') : t('backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
