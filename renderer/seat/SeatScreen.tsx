/**
 * A seat's page (联网导调), served by the seats' server: join with a code,
 * then the shared run, live, as the seat's kind sees it — the field
 * controller's steps (phone), the evaluator's evaluation panel and
 * observations with photos (phone), the big screen's board (1920×1080), an
 * observer's summary. What a seat may do is decided by the back end.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Seat } from '../../shared/seats';
import { api } from '../api';
import { subscribeRunEvents, type LiveState } from '../api/live';
import { forgetSeatToken, joinSeat, SEAT_TOKEN_HEADER, seatServerInfo, seatTokenOf } from '../api/seat';
import { usePrefs } from '../app/prefs';
import { openRun, receiveEvent, useRun } from '../conduct/runStore';
import { useNow, useRunState } from '../conduct/useRunState';
import { DrillZone } from '../components/DrillZone';
import { Toasts } from '../components/toasts';
import { errorTextOf } from '../i18n';
import { BigScreen, SummaryBoard } from './BigScreen';
import { EvaluatorSeat } from './EvaluatorSeat';
import { FieldSeat } from './FieldSeat';
import { flushOutbox, resumeOutbox, useOutbox } from './outbox';
import './seat.css';

/** How often a seat retries its queue while connected and something is still unsent. */
const RETRY_MS = 5000;

export function SeatScreen(props: { code: string | null }) {
  const { t } = useTranslation();
  const [token, setToken] = useState(() => seatTokenOf(sessionStorage));
  const [seat, setSeat] = useState<Seat | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (!token) return;
    let current = true;
    api.getMySeat({}).then(
      (mine) => {
        if (!current) return;
        setSeat(mine);
        void usePrefs.getState().load();
      },
      (error) => {
        if (!current) return;
        forgetSeatToken(sessionStorage);
        setRefusal(errorTextOf(error).text);
        setToken(null);
      },
    );
    return () => {
      current = false;
    };
  }, [token]);

  if (!token) return <JoinForm code={props.code} refusal={refusal} onJoined={(joined) => {
    setRefusal(null);
    setToken(joined);
  }} />;
  if (!seat) return <div className="seat-page loading">{t('state.loading')}</div>;
  return (
    <SeatRun
      seat={seat}
      token={token}
      onRefused={(reason) => {
        forgetSeatToken(sessionStorage);
        setRefusal(reason);
        setSeat(null);
        setToken(null);
      }}
    />
  );
}

function JoinForm(props: { code: string | null; refusal: string | null; onJoined: (token: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(props.code ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Over HTTPS: the certificate's fingerprint, to compare with the host's screen and the browser's.
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void seatServerInfo().then((info) => current && setFingerprint(info?.fingerprint256 ?? null));
    return () => {
      current = false;
    };
  }, []);
  const join = async () => {
    setBusy(true);
    const joined = await joinSeat(sessionStorage, code);
    setBusy(false);
    if (joined.ok) props.onJoined(joined.value.token);
    else setProblem(errorTextOf(joined.error).text);
  };
  return (
    <div className="seat-page seat-join" data-testid="seat-join">
      <h1>{t('conduct.seatPage.title')}</h1>
      {props.refusal && <p className="error-text" data-testid="seat-refused">{t('conduct.seatPage.refused', { reason: props.refusal })}</p>}
      <p className="muted">{t('conduct.seatPage.joinHint')}</p>
      <label>
        {t('conduct.seatPage.codeLabel')}
        <input value={code} maxLength={12} autoCapitalize="characters" autoComplete="off" onChange={(event) => setCode(event.target.value)} data-testid="seat-code" />
      </label>
      <button className="rc-btn rc-btn-primary" disabled={busy || code.trim() === ''} onClick={() => void join()} data-testid="seat-join-button">
        {t('conduct.seatPage.join')}
      </button>
      {problem && <p className="error-text" data-testid="seat-join-problem">{problem}</p>}
      {fingerprint !== null && (
        <div className="seat-fingerprint" data-testid="seat-fingerprint">
          <span className="small">{t('conduct.seatPage.fingerprint')}</span>
          <code data-testid="seat-fingerprint-value">{fingerprint}</code>
          <p className="small muted">{t('conduct.seatPage.fingerprintHint')}</p>
        </div>
      )}
    </div>
  );
}

function SeatRun(props: { seat: Seat; token: string; onRefused: (reason: string) => void }) {
  const { t } = useTranslation();
  const run = useRun((s) => s.run);
  const events = useRun((s) => s.events);
  const pending = useRun((s) => s.pending);
  const [live, setLive] = useState<LiveState>('connecting');
  const now = useNow();
  const { order, state } = useRunState(run, events, pending, now);
  const { seat, token, onRefused } = props;

  const unsent = useOutbox((s) => s.unsent);
  // The device's queue: what a reload left unsent is shown and sent; sent again when the network is back, and every few seconds while anything waits.
  useEffect(() => {
    if (!run) return;
    void resumeOutbox(seat.runId);
    const online = () => void flushOutbox(seat.runId);
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [seat.runId, run === null]);
  useEffect(() => {
    if (unsent === 0 || live !== 'live') return;
    const timer = setInterval(() => void flushOutbox(seat.runId), RETRY_MS);
    void flushOutbox(seat.runId);
    return () => clearInterval(timer);
  }, [seat.runId, unsent, live]);

  useEffect(() => {
    void openRun(seat.runId);
    return subscribeRunEvents('/seat/events', { [SEAT_TOKEN_HEADER]: token }, {
      onEvent: receiveEvent,
      onState: setLive,
      onRefused: () => {
        api.getMySeat({}).then(
          () => setLive('offline'),
          (error) => onRefused(errorTextOf(error).text),
        );
      },
    });
  }, [seat.runId, token, onRefused]);

  if (!run || !state) return <div className="seat-page loading">{t('state.loading')}</div>;
  const status = (
    <span className={`seat-live seat-live-${live}`} data-testid="seat-live" data-state={live}>
      {t(`conduct.seatPage.live.${live}`)}
    </span>
  );
  return (
    <DrillZone value={run.plan.timeZone}>
      <div className={`seat-page seat-kind-${seat.kind}`} data-testid="seat-page" data-kind={seat.kind}>
        {seat.kind === 'big-screen' ? (
          <BigScreen run={run} state={state} order={order} now={now} status={status} />
        ) : (
          <>
            <header className="seat-header">
              <strong data-testid="seat-name">{seat.name}</strong>
              <span className="muted">{t(`conduct.seats.kind.${seat.kind}`)}</span>
              {status}
            </header>
            {seat.kind === 'field-controller' ? (
              <FieldSeat seat={seat} run={run} state={state} order={order} now={now} />
            ) : seat.kind === 'evaluator' ? (
              <EvaluatorSeat seat={seat} run={run} events={events} pending={pending} state={state} now={now} />
            ) : (
              <SummaryBoard run={run} state={state} order={order} events={events} now={now} />
            )}
          </>
        )}
        <Toasts />
      </div>
    </DrillZone>
  );
}
