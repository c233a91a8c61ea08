/**
 * The control console (导调台) of a run: a live clock, the steps grouped by
 * state with one-click buttons, the next injects due, observations, the
 * control log with corrections, pause / resume / end, and shifting the
 * rest of the plan. The run state is the shared fold of the log, settled
 * at the clock each second.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DecisionStep, type Run, type RunEvent, type Step } from '../../shared/model';
import { followActualShiftOf, plannedTimesOf, recordNumbersOf, waitingForOf, type RunStateAt } from '../../shared/runState';
import { clockAt, clockSecondsAt, elapsedOf, tPlusOf } from '../../shared/time';
import { navigate } from '../app/router';
import { ConfirmDialog } from '../components/Dialog';
import { DrillZone, useDrillZone } from '../components/DrillZone';
import { notify } from '../components/toasts';
import { CorrectDialog, ShiftDialog, StepChoiceDialog, type FollowActual, type StepChoice } from './dialogs';
import { correctEvent, openRun, receiveEvent, recordEvent, resolveDuplicate, shiftPlan, useRun } from './runStore';
import { hostToken, isDesktop } from '../api';
import { TOKEN_HEADER } from '../api/http';
import { subscribeRunEvents } from '../api/live';
import { SeatsPanel } from './SeatsPanel';
import { useNow, useRunState } from './useRunState';
import { DueInjects, EventLog, ObservationForm } from './SidePanel';
import { EvaluationPanel, ratingChoicesOf } from './EvaluationPanel';
import { placedItemOf } from '../../shared/evaluation';
import { StepBoard, type StepAction } from './StepBoard';
import { OpenImprovements } from '../replay/OpenImprovements';
import './conduct.css';


type DialogState =
  | StepChoice
  | { kind: 'shift' }
  | { kind: 'end' }
  | { kind: 'correct'; event: RunEvent }
  /** A click on a step that is not ready yet, waiting for confirmation. */
  | { kind: 'not-ready'; step: Step; action: StepAction; waitingFor: string[] }
  | null;

function Header(props: { run: Run; state: RunStateAt; now: number; busy: boolean; onDialog: (dialog: DialogState) => void }) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const { run, state } = props;
  const startMs = Date.parse(run.startedAt);
  const clockMs = run.status === 'ended' && run.endedAt ? Date.parse(run.endedAt) : props.now;
  let done = 0;
  let late = 0;
  let total = 0;
  for (const s of state.steps.values()) {
    if (s.status === 'not-taken') continue;
    total++;
    if (s.status === 'done' || s.status === 'skipped') done++;
    if (s.late) late++;
  }
  const ended = run.status === 'ended';
  return (
    <header className="console-header">
      <div className="console-title">
        <button className="rc-link small" onClick={() => navigate({ screen: 'scenario', scenarioId: run.scenarioId, view: 'runs' })}>
          ← {t('conduct.console.back')}
        </button>
        <h1 data-testid="run-name">
          {run.name} <span className={`rc-status rc-status-${run.status}`} data-testid="run-status">{t(`conduct.status.${run.status}`)}</span>
        </h1>
        <div className="muted small">
          {run.plan.title} · {t('conduct.console.startedAt', { time: clockAt(startMs, zone) })}
        </div>
      </div>
      <div className="console-clock" aria-live="off">
        <div className="clock-big" data-testid="live-clock">{clockSecondsAt(props.now, zone)}</div>
        <div className="clock-sub">
          {t('conduct.console.elapsed')} {elapsedOf(clockMs - startMs)} · {tPlusOf((clockMs - startMs) / 60_000)}
        </div>
      </div>
      <div className="console-facts">
        <span data-testid="run-progress">{t('conduct.console.progress', { done, total })}</span>
        {late > 0 && <span className="late-text">{t('conduct.console.lateCount', { count: late })}</span>}
        {state.shiftMin !== 0 && (
          <span className="shift-text" data-testid="run-shift">
            {state.shiftMin > 0 ? t('conduct.console.shifted', { minutes: state.shiftMin }) : t('conduct.console.shiftedBack', { minutes: -state.shiftMin })}
          </span>
        )}
      </div>
      <div className="console-buttons">
        {!ended &&
          (run.status === 'paused' ? (
            <button className="primary" disabled={props.busy} onClick={() => void recordEvent({ kind: 'resumed' })} data-testid="run-resume">
              {t('conduct.console.resume')}
            </button>
          ) : (
            <button disabled={props.busy} onClick={() => void recordEvent({ kind: 'paused' })} data-testid="run-pause">
              {t('conduct.console.pause')}
            </button>
          ))}
        {!ended && (
          <button onClick={() => props.onDialog({ kind: 'shift' })} data-testid="run-shift-plan">
            {t('conduct.console.shift')}
          </button>
        )}
        {!ended && (
          <button className="danger" onClick={() => props.onDialog({ kind: 'end' })} data-testid="run-end">
            {t('conduct.console.end')}
          </button>
        )}
        {ended && (
          <button className="primary" onClick={() => navigate({ screen: 'replay', runId: run.id })} data-testid="run-replay">
            {t('conduct.console.replay')}
          </button>
        )}
      </div>
    </header>
  );
}

type SideTab = 'control' | 'evaluation' | 'seats';
/** The side column's tabs: the third shares the run with seats (联网导调), in browser mode and the desktop app alike. */
const SIDE_TABS: readonly SideTab[] = ['control', 'evaluation', 'seats'];

export function ConductScreen(props: { runId: string }) {
  const { t } = useTranslation();
  const phase = useRun((s) => s.phase);
  const error = useRun((s) => s.error);
  const run = useRun((s) => s.run);
  const events = useRun((s) => s.events);
  const pending = useRun((s) => s.pending);
  const now = useNow();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [side, setSide] = useState<SideTab>(() => {
    const kept = sessionStorage.getItem(`drilldesk.console.side.${props.runId}`);
    return SIDE_TABS.includes(kept as SideTab) ? (kept as SideTab) : 'control';
  });
  const seatNames = useRun((s) => s.seatNames);
  useEffect(() => sessionStorage.setItem(`drilldesk.console.side.${props.runId}`, side), [props.runId, side]);

  useEffect(() => {
    void openRun(props.runId);
  }, [props.runId]);
  // Events committed elsewhere (seats, other windows) arrive live: pushed by the main process in the desktop app, on an
  // event stream in browser mode.
  useEffect(() => {
    if (isDesktop) return window.drillDeskDesktop?.onRunEvent(props.runId, receiveEvent);
    return subscribeRunEvents(`/events/${props.runId}`, { [TOKEN_HEADER]: hostToken ?? '' }, { onEvent: receiveEvent });
  }, [props.runId]);

  const plan = run?.plan ?? null;
  // The fold of the log, redone when the log changes; settled at the clock every second.
  const { order, state } = useRunState(run, events, pending, now);
  const busyStepIds = useMemo(() => new Set(pending.flatMap((event) => (event.stepId ? [event.stepId] : []))), [pending]);

  const act = useCallback((step: Step, action: StepAction) => {
    if (action === 'skip') setDialog({ kind: 'skip', step });
    else if (action === 'decide') setDialog({ kind: 'branch', step: step as DecisionStep });
    else void recordEvent({ kind: action === 'delivered' ? 'inject-delivered' : action === 'start' ? 'started' : 'completed', stepId: step.id });
  }, []);
  // Acting on a step still waiting for others (one mis-click can complete a late step at T+0) asks first, saying what it waits for.
  const stateRef = useRef(state);
  stateRef.current = state;
  const onAction = useCallback(
    (step: Step, action: StepAction) => {
      const current = stateRef.current;
      const waitingFor = action !== 'skip' && current ? waitingForOf(current, step.id) : [];
      if (waitingFor.length > 0) setDialog({ kind: 'not-ready', step, action, waitingFor });
      else act(step, action);
    },
    [act],
  );

  if (phase === 'failed') return <p className="error-state">{t('conduct.console.loadFailed')} {error}</p>;
  if (!run || !plan || !state) return <p className="muted loading">{t('state.loading')}</p>;

  const ended = run.status === 'ended';
  const zone = plan.timeZone;
  const followOf = (): FollowActual => {
    let latest: { id: string; at: number } | null = null;
    for (const [id, s] of state.steps) if (s.status === 'done' && s.finishedAt !== null && (!latest || s.finishedAt >= latest.at)) latest = { id, at: s.finishedAt };
    if (!latest) return null;
    const planned = plannedTimesOf(state, latest.id);
    const late = planned ? Math.round((latest.at - planned.finish) / 60_000) : 0;
    // Following the actual times only ever moves the plan later: a step done early (an inject is done when delivered) is no reason to hurry the rest.
    return { minutes: Math.max(0, followActualShiftOf(state)), late, title: plan.steps.find((step) => step.id === latest!.id)?.title ?? latest.id };
  };
  /** The ratings a correction may choose for an evaluation score (typed points: an empty list); nothing for other events. */
  const correctionValuesOf = (event: RunEvent) => {
    const placed = event.kind === 'evaluation-scored' && event.itemId ? placedItemOf(plan.evaluation, event.itemId) : null;
    return placed ? ratingChoicesOf(placed.form.scheme, t) : undefined;
  };
  const titleOfEvent = (event: RunEvent) =>
    `${t(`conduct.eventKind.${event.kind}`)}${event.stepId ? ` · ${plan.steps.find((step) => step.id === event.stepId)?.title ?? event.stepId}` : ''}`;

  return (
    <DrillZone value={plan.timeZone}>
    <div className="conduct-screen" data-testid="conduct-screen">
      <Header run={run} state={state} now={now} busy={pending.some((e) => ['paused', 'resumed', 'ended'].includes(e.kind))} onDialog={setDialog} />
      {run.status === 'paused' && <div className="banner banner-warning">{t('conduct.console.pausedBanner')}</div>}
      {ended && run.endedAt && <div className="banner rc-banner-info">{t('conduct.console.endedBanner', { time: clockAt(Date.parse(run.endedAt), zone) })}</div>}
      {!state.work.plan.scheduled && <div className="banner banner-warning">{t('conduct.console.noSchedule')}</div>}
      {!ended && <OpenImprovements scenarioId={run.scenarioId} />}
      <div className="console-body">
        <StepBoard plan={plan} order={order} state={state} locked={ended} busyStepIds={busyStepIds} onAction={onAction} />
        <aside className="console-side">
          <div className="side-tabs console-side-tabs" role="tablist">
            {SIDE_TABS.map((name) => (
              <button key={name} type="button" role="tab" aria-selected={side === name} className={side === name ? 'is-active' : ''} onClick={() => setSide(name)} data-testid={`console-side-${name}`}>
                {name === 'control' ? t('nav.conduct') : name === 'evaluation' ? t('evaluation.console.tab') : t('conduct.seats.tab')}
              </button>
            ))}
          </div>
          {side === 'control' ? (
            <>
              {!ended && <DueInjects state={state} now={now} />}
              <ObservationForm
                plan={plan}
                onAdd={async (observation, photos) => {
                  const stored = await recordEvent({ kind: 'observation', ...observation }, photos);
                  if (stored) notify(t('conduct.observation.added'));
                  return stored !== null;
                }}
              />
              <EventLog
                plan={plan}
                events={events}
                pending={pending}
                seatNames={seatNames}
                duplicates={state.duplicates}
                onCorrect={(event) => setDialog({ kind: 'correct', event })}
                onVoid={(seq) => void resolveDuplicate(seq).then((stored) => stored && notify(t('conduct.log.resolved', { seq: recordNumbersOf(events).get(seq) })))}
              />
            </>
          ) : side === 'seats' ? (
            <SeatsPanel run={run} />
          ) : (
            <EvaluationPanel run={run} events={events} pending={pending} state={state} now={now} seatNames={seatNames} onCorrect={(event) => setDialog({ kind: 'correct', event })} />
          )}
        </aside>
      </div>
      {(dialog?.kind === 'skip' || dialog?.kind === 'branch') && <StepChoiceDialog choice={dialog} plan={plan} record={(event) => void recordEvent(event)} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'shift' && (
        <ShiftDialog
          follow={followOf()}
          onClose={() => setDialog(null)}
          onShift={(minutes, reason) => {
            setDialog(null);
            void shiftPlan(minutes, reason).then((stored) => stored && notify(t('conduct.shift.done', { minutes })));
          }}
        />
      )}
      {dialog?.kind === 'not-ready' && (
        <ConfirmDialog
          title={t('conduct.notReady.title')}
          message={t('conduct.notReady.message', {
            step: dialog.step.title,
            steps: dialog.waitingFor.map((id) => plan.steps.find((step) => step.id === id)?.title ?? id).join(t('listSep')),
            action: t(`conduct.notReady.action.${dialog.action}`),
          })}
          confirmLabel={t('conduct.notReady.confirm')}
          cancelLabel={t('action.cancel')}
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            const { step, action } = dialog;
            setDialog(null);
            act(step, action);
          }}
        />
      )}
      {dialog?.kind === 'end' && (
        <ConfirmDialog
          title={t('conduct.console.end')}
          message={t('conduct.console.confirmEnd', { name: run.name })}
          confirmLabel={t('conduct.console.end')}
          cancelLabel={t('action.cancel')}
          danger
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            void recordEvent({ kind: 'ended' });
          }}
        />
      )}
      {dialog?.kind === 'correct' && (
        <CorrectDialog
          event={dialog.event}
          number={recordNumbersOf(events).get(dialog.event.seq) ?? 0}
          title={titleOfEvent(dialog.event)}
          values={correctionValuesOf(dialog.event)}
          onClose={() => setDialog(null)}
          onSave={(change) => {
            const seq = dialog.event.seq;
            const number = recordNumbersOf(events).get(seq);
            setDialog(null);
            void correctEvent(seq, change).then((stored) => stored && notify(t('conduct.log.saved', { seq: number })));
          }}
        />
      )}
    </div>
    </DrillZone>
  );
}
