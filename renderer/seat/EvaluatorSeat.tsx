/**
 * The evaluator's phone page (评估员席位): the console's evaluation panel
 * held to the items of the seat's forms, and the console's observation form
 * for the steps those items link, each with photos from the phone's camera.
 * Everything goes through the device's queue (`outbox.ts`): an entry first,
 * then each of its photos, down-scaled on the phone; offline, both wait.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SEAT_PHOTO_BYTES, SEAT_PHOTO_SIDE } from '../../shared/images';
import type { Run, RunEvent } from '../../shared/model';
import type { RunStateAt } from '../../shared/runState';
import { seatItemIdsOf, seatStepIdsOf, type Seat } from '../../shared/seats';
import { notify } from '../components/toasts';
import { EvaluationPanel, type RecordEvaluation } from '../conduct/EvaluationPanel';
import { ObservationForm } from '../conduct/SidePanel';
import { recordFromSeat, useOutbox } from './outbox';

type Tab = 'evaluation' | 'observation';

export function EvaluatorSeat(props: { seat: Seat; run: Run; events: readonly RunEvent[]; pending: readonly RunEvent[]; state: RunStateAt; now: number }) {
  const { t } = useTranslation();
  const { seat, run } = props;
  const plan = run.plan;
  const [tab, setTab] = useState<Tab>('evaluation');
  const unsent = useOutbox((s) => s.unsent);
  const unsentPhotos = useOutbox((s) => s.photos);
  const items = useMemo(() => seatItemIdsOf(plan, seat), [plan, seat]);
  const stepIds = useMemo(() => seatStepIdsOf(plan, seat), [plan, seat]);
  const steps = useMemo(() => plan.steps.filter((step) => stepIds.has(step.id)), [plan.steps, stepIds]);
  // Its forms' entries and its own comments; the rest of the run's evaluation is not its to see.
  const events = useMemo(
    () => props.events.filter((event) => (event.kind !== 'evaluation-scored' && event.kind !== 'hot-wash') || (event.itemId !== null && items.has(event.itemId)) || event.seatId === seat.id),
    [props.events, items, seat.id],
  );
  const record = useCallback<RecordEvaluation>(async (event, photos) => {
    const outcome = await recordFromSeat(run.id, event, photos);
    return outcome === 'refused' ? null : { value: event.value ?? null, queued: outcome === 'queued' };
  }, [run.id]);
  const formIds = seat.scope.formIds;

  return (
    <div className="evaluator-seat" data-testid="evaluator-seat">
      <p className="seat-unsent" data-testid="seat-unsent" data-count={unsent}>
        {unsent > 0 ? t('conduct.seatPage.unsent', { count: unsent }) : t('conduct.seatPage.allSent')}
        {unsentPhotos > 0 && ` ${t('conduct.seatPage.unsentPhotos', { count: unsentPhotos })}`}
      </p>
      <div className="seat-tabs" role="tablist">
        {(['evaluation', 'observation'] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={tab === name} className={tab === name ? 'is-active' : ''} onClick={() => setTab(name)} data-testid={`seat-tab-${name}`}>
            {t(`conduct.seatPage.tab.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'evaluation' ? (
        items.size === 0 ? (
          <p className="muted" data-testid="seat-no-forms">{t('conduct.seatPage.noForms')}</p>
        ) : (
          <EvaluationPanel run={run} events={events} pending={props.pending} state={props.state} now={props.now} formIds={formIds} record={record} />
        )
      ) : (
        <>
          <ObservationForm
            plan={plan}
            steps={steps}
            stepRequired
            onAdd={async (observation, photos) => {
              const outcome = await recordFromSeat(run.id, { kind: 'observation', ...observation }, photos);
              if (outcome !== 'refused') notify(outcome === 'queued' ? t('conduct.seatPage.queued') : t('conduct.observation.added'));
              return outcome !== 'refused';
            }}
          />
          {steps.length === 0 && <p className="small muted">{t('conduct.seatPage.noSteps')}</p>}
        </>
      )}
      <p className="small muted seat-photo-note">{t('conduct.seatPage.photoNote', { side: SEAT_PHOTO_SIDE, mb: MAX_SEAT_PHOTO_BYTES / 1024 / 1024 })}</p>
    </div>
  );
}
