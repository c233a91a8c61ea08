/**
 * 联网导调: the console's panel for sharing the run with seats on the local
 * network — the interface, start and stop, seats with their scope, each new
 * seat's join code (typed and as a QR code), connection state, last activity
 * and revocation; over HTTPS, the certificate's fingerprint beside the QR
 * code. The back end holds every seat to its scope; this only asks.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SharingStatus } from '../../shared/api';
import type { Run } from '../../shared/model';
import { SEAT_KINDS, type NetworkChoice, type Seat, type SeatKind } from '../../shared/seats';
import { clockSecondsAt } from '../../shared/time';
import { api } from '../api';
import { notifyError } from '../components/toasts';
import { QrCode } from '../components/QrCode';
import { loadSeatNames } from './runStore';

/** How often the panel asks who is connected (the seats' own events arrive live, not by this). */
const STATUS_EVERY_MS = 2000;

type Issued = { seat: Seat; code: string };

const spaced = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

export function SeatsPanel(props: { run: Run }) {
  const { t } = useTranslation();
  const zone = props.run.plan.timeZone;
  const [choices, setChoices] = useState<NetworkChoice[] | null>(null);
  const [address, setAddress] = useState('');
  const [secure, setSecure] = useState(false);
  const [status, setStatus] = useState<SharingStatus | null>(null);
  const [seats, setSeats] = useState<Seat[]>([]);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [nextStatus, nextSeats] = await Promise.all([api.sharingStatus({}), api.listSeats({ runId: props.run.id })]);
      setStatus(nextStatus);
      setSeats(nextSeats);
    } catch (error) {
      notifyError(error);
    }
  }, [props.run.id]);

  useEffect(() => {
    void api.listNetworkInterfaces({}).then((list) => {
      setChoices(list);
      setAddress((current) => current || list[0]?.address || '');
    }, notifyError);
    void refresh();
    const timer = setInterval(() => void refresh(), STATUS_EVERY_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const shared = status?.shared?.runId === props.run.id ? status.shared : null;
  const otherShared = status?.shared && status.shared.runId !== props.run.id;
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
      void refresh();
    }
  };

  return (
    <section className="side-section seats-panel" data-testid="seats-panel">
      <h3>{t('conduct.seats.tab')}</h3>
      <p className="small muted">{t('conduct.seats.intro')}</p>
      {choices !== null && choices.length === 0 && <p className="small error-text">{t('conduct.seats.noInterface')}</p>}
      {!shared && status?.notResumed?.runId === props.run.id && (
        <p className="small error-text" data-testid="seats-not-resumed" data-reason={status.notResumed.reason}>
          {t('conduct.seats.notResumed', { address: status.notResumed.address, port: status.notResumed.port, reason: t(`conduct.seats.notResumedReason.${status.notResumed.reason}`) })}
        </p>
      )}
      {!shared ? (
        <div className="seats-share">
          <label>
            {t('conduct.seats.interface')}
            <select value={address} onChange={(event) => setAddress(event.target.value)} data-testid="seats-interface">
              {(choices ?? []).map((choice) => (
                <option key={`${choice.name}-${choice.address}`} value={choice.address}>
                  {choice.name} · {choice.address}
                </option>
              ))}
            </select>
          </label>
          <label className="seats-check" title={t('conduct.seats.httpsHint')}>
            <input type="checkbox" checked={secure} onChange={(event) => setSecure(event.target.checked)} data-testid="seats-https" />
            {t('conduct.seats.https')}
          </label>
          <button className="rc-btn rc-btn-primary" disabled={busy || !address || otherShared === true || props.run.status === 'ended'} onClick={() => void run(() => api.startSharing({ runId: props.run.id, address, https: secure }))} data-testid="seats-start">
            {t('conduct.seats.start')}
          </button>
          {secure && <p className="small muted">{t('conduct.seats.httpsHint')}</p>}
        </div>
      ) : (
        <div className="seats-share">
          <span data-testid="seats-url">{t('conduct.seats.sharedAt', { url: shared.url })}</span>
          <button className="rc-btn" disabled={busy} onClick={() => void run(() => api.stopSharing({}))} data-testid="seats-stop">
            {t('conduct.seats.stop')}
          </button>
          {shared.fingerprint256 === null && <p className="small muted">{t('conduct.seats.plainHttp')}</p>}
          {/* Over HTTPS the fingerprint stands here, and beside the QR code once a code is shown. */}
          {shared.fingerprint256 !== null && !issued && <Fingerprint value={shared.fingerprint256} />}
        </div>
      )}
      {shared && <NewSeatForm run={props.run} busy={busy} onCreate={(seat) => run(async () => {
        const made = await api.createSeat({ runId: props.run.id, seat });
        setIssued(made);
        void loadSeatNames(props.run.id);
      })} />}
      {shared && issued && (
        <div className="seats-code" data-testid="seats-code">
          <h4>
            {issued.seat.name} · {t('conduct.seats.code')} <span className="seats-code-text" data-testid="seats-code-text">{spaced(issued.code)}</span>
          </h4>
          <QrCode text={`${shared.url}#/seat?code=${issued.code}`} label={t('conduct.seats.code')} size={180} />
          {shared.fingerprint256 !== null && <Fingerprint value={shared.fingerprint256} />}
          <p className="small muted">{t('conduct.seats.codeHint', { url: shared.url, time: clockSecondsAt(Date.parse(issued.seat.codeExpiresAt ?? issued.seat.createdAt), zone) })}</p>
        </div>
      )}
      <h4>{t('conduct.seats.list')}</h4>
      {seats.length === 0 ? (
        <p className="small muted">{t('conduct.seats.empty')}</p>
      ) : (
        <ul className="seats-list">
          {seats.map((seat) => {
            const state = seat.revokedAt
              ? 'revoked'
              : status?.connected.includes(seat.id)
                ? 'connected'
                : seat.joined
                  ? 'joined'
                  : seat.codeExpiresAt && Date.parse(seat.codeExpiresAt) <= Date.now()
                    ? 'expired'
                    : 'waiting';
            return (
              <li key={seat.id} className={`seat-item seat-${state}`} data-testid="seat-item" data-state={state} data-seat-id={seat.id}>
                <span className="seat-name">{seat.name}</span>
                <span className="small muted">{t(`conduct.seats.kind.${seat.kind}`)}</span>
                <span className="seat-state">{t(`conduct.seats.state.${state}`)}</span>
                {seat.lastSeenAt && <span className="small muted">{t('conduct.seats.lastSeen', { time: clockSecondsAt(Date.parse(seat.lastSeenAt), zone) })}</span>}
                {!seat.revokedAt && (
                  <button className="rc-link small" disabled={busy} onClick={() => void run(() => api.revokeSeat({ id: seat.id }))} data-testid="seat-revoke">
                    {t('conduct.seats.revoke')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** The seats' server's certificate fingerprint, for whoever joins to compare with what their browser shows. */
function Fingerprint(props: { value: string }) {
  const { t } = useTranslation();
  return (
    <div className="seats-fingerprint" data-testid="seats-fingerprint">
      <span className="small">{t('conduct.seats.fingerprint')}</span>
      <code data-testid="seats-fingerprint-value">{props.value}</code>
      <p className="small muted">{t('conduct.seats.fingerprintHint')}</p>
    </div>
  );
}

function NewSeatForm(props: { run: Run; busy: boolean; onCreate: (seat: { kind: SeatKind; name: string; scope: { roleIds: string[]; sites: string[]; formIds: string[] } }) => Promise<void> }) {
  const { t } = useTranslation();
  const plan = props.run.plan;
  const [kind, setKind] = useState<SeatKind>('field-controller');
  const [name, setName] = useState('');
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [sites, setSites] = useState<string[]>([]);
  const [formIds, setFormIds] = useState<string[]>([]);
  const allSites = useMemo(() => [...new Set(plan.steps.map((step) => step.location).filter((location) => location !== ''))], [plan]);
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const create = async () => {
    if (name.trim() === '') return;
    await props.onCreate({ kind, name: name.trim(), scope: { roleIds: kind === 'field-controller' ? roleIds : [], sites: kind === 'field-controller' ? sites : [], formIds: kind === 'evaluator' ? formIds : [] } });
    setName('');
  };
  return (
    <fieldset className="seats-new" data-testid="seats-new">
      <legend>{t('conduct.seats.newSeat')}</legend>
      <label>
        {t('conduct.seats.kindLabel')}
        <select value={kind} onChange={(event) => setKind(event.target.value as SeatKind)} data-testid="seats-kind">
          {SEAT_KINDS.map((value) => (
            <option key={value} value={value}>
              {t(`conduct.seats.kind.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('conduct.seats.name')}
        <input value={name} maxLength={200} placeholder={t('conduct.seats.namePlaceholder')} onChange={(event) => setName(event.target.value)} data-testid="seats-name" />
      </label>
      {kind === 'field-controller' && (
        <>
          <div className="seats-scope" data-testid="seats-roles">
            <span className="small muted">{t('conduct.seats.roles')}</span>
            {plan.roles.map((role) => (
              <label key={role.id} className="seats-check">
                <input type="checkbox" checked={roleIds.includes(role.id)} onChange={() => setRoleIds(toggle(roleIds, role.id))} data-role-id={role.id} />
                {role.name}
              </label>
            ))}
          </div>
          <div className="seats-scope" data-testid="seats-sites">
            <span className="small muted">{t('conduct.seats.sites')}</span>
            {allSites.map((site) => (
              <label key={site} className="seats-check">
                <input type="checkbox" checked={sites.includes(site)} onChange={() => setSites(toggle(sites, site))} />
                {site}
              </label>
            ))}
          </div>
        </>
      )}
      {kind === 'evaluator' && (
        <div className="seats-scope" data-testid="seats-forms">
          <span className="small muted">{t('conduct.seats.forms')}</span>
          {plan.evaluation.forms.map((form) => (
            <label key={form.id} className="seats-check">
              <input type="checkbox" checked={formIds.includes(form.id)} onChange={() => setFormIds(toggle(formIds, form.id))} data-form-id={form.id} />
              {form.title}
            </label>
          ))}
        </div>
      )}
      <button className="rc-btn rc-btn-primary" disabled={props.busy || name.trim() === ''} onClick={() => void create()} data-testid="seats-create">
        {t('conduct.seats.create')}
      </button>
    </fieldset>
  );
}
