/** The field controller's phone page: its steps only, the injects it has coming, and the console's one-click events for them. */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionStep, NewRunEvent, Run, Step } from '../../shared/model';
import { dueStepsOf, type RunStateAt } from '../../shared/runState';
import { seatStepIdsOf, type Seat } from '../../shared/seats';
import { clockAt } from '../../shared/time';
import { StepChoiceDialog, type StepChoice } from '../conduct/dialogs';
import { useRun } from '../conduct/runStore';
import { StepBoard, type StepAction } from '../conduct/StepBoard';
import { recordFromSeat, useOutbox } from './outbox';

type Dialog = StepChoice | null;


export function FieldSeat(props: { seat: Seat; run: Run; state: RunStateAt; order: readonly string[]; now: number }) {
  const { t } = useTranslation();
  const { run, state } = props;
  const plan = run.plan;
  const pending = useRun((s) => s.pending);
  const mine = useMemo(() => seatStepIdsOf(plan, props.seat), [plan, props.seat]);
  const order = useMemo(() => props.order.filter((id) => mine.has(id)), [props.order, mine]);
  // A queued entry does not hold its step (offline, the next click on it must still be possible); only a call in flight does.
  const busyStepIds = useMemo(() => new Set(pending.flatMap((event) => (event.stepId && event.clientId === null ? [event.stepId] : []))), [pending]);
  const due = dueStepsOf(state, { kinds: ['inject'] }).filter((item) => mine.has(item.stepId)).slice(0, 5);
  const [dialog, setDialog] = useState<Dialog>(null);
  const unsent = useOutbox((s) => s.unsent);
  /** Records one event from this seat through the device's queue (kept and resent while offline). */
  const record = useCallback((event: NewRunEvent) => recordFromSeat(run.id, event), [run.id]);
  const onAction = useCallback((step: Step, action: StepAction) => {
    if (action === 'skip') setDialog({ kind: 'skip', step });
    else if (action === 'decide') setDialog({ kind: 'branch', step: step as DecisionStep });
    else void record({ kind: action === 'delivered' ? 'inject-delivered' : action === 'start' ? 'started' : 'completed', stepId: step.id });
  }, [record]);
  return (
    <div className="field-seat" data-testid="field-seat">
      <p className="seat-unsent" data-testid="seat-unsent" data-count={unsent}>
        {unsent > 0 ? t('conduct.seatPage.unsent', { count: unsent }) : t('conduct.seatPage.allSent')}
      </p>
      <section className="seat-section" data-testid="seat-due">
        <h2>{t('conduct.seatPage.due')}</h2>
        {due.length === 0 ? (
          <p className="muted small">{t('conduct.seatPage.noDue')}</p>
        ) : (
          <ol className="due-list">
            {due.map((item) => (
              <li key={item.stepId} data-step-id={item.stepId}>
                <span className="due-clock">{clockAt(item.plannedStart, plan.timeZone)}</span> <span className="due-title">{item.step.title}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="seat-section">
        <h2>{t('conduct.seatPage.mySteps')}</h2>
        {order.length === 0 ? (
          <p className="muted">{t('conduct.seatPage.noSteps')}</p>
        ) : (
          <StepBoard plan={plan} order={order} state={state} locked={run.status === 'ended'} busyStepIds={busyStepIds} onAction={onAction} />
        )}
      </section>
      {(dialog?.kind === 'skip' || dialog?.kind === 'branch') && <StepChoiceDialog choice={dialog} plan={plan} record={(event) => void record(event)} onClose={() => setDialog(null)} />}
    </div>
  );
}
