/** The console's right-hand column: the next injects due, the observation form, and the control log with corrections. */
import { attachmentInputsOf, PhotoPicker, type PickedPhoto } from '../components/PhotoPicker';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSubmitKey } from '../components/keys';
import type { AttachmentInput, RunEvent, ScenarioBody, Step } from '../../shared/model';
import { dueStepsOf, recordNumbersOf, type RunStateAt } from '../../shared/runState';
import { clockAt, clockSecondsAt } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';

export function DueInjects(props: { state: RunStateAt; now: number }) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const due = dueStepsOf(props.state, { kinds: ['inject'], limit: 5 });
  return (
    <section className="side-section" data-testid="due-injects">
      <h3>{t('conduct.due.title')}</h3>
      {due.length === 0 ? (
        <p className="muted small">{t('conduct.due.empty')}</p>
      ) : (
        <ol className="due-list">
          {due.map((item) => {
            const minutes = Math.round((item.plannedStart - props.now) / 60_000);
            const overdue = item.plannedStart < props.now - 60_000;
            return (
              <li key={item.stepId} className={overdue ? 'due-overdue' : item.status === 'ready' ? 'due-ready' : ''} data-step-id={item.stepId}>
                <span className="due-clock">{clockAt(item.plannedStart, zone)}</span>
                <span className="due-title">{item.step.title}</span>
                <span className="due-when">{overdue ? t('conduct.due.overdue') : minutes <= 0 ? t('conduct.due.now') : t('conduct.due.inMinutes', { minutes })}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The observation form: the console's, and an evaluator seat's (its steps only, one of them required: its scope). */
export function ObservationForm(props: {
  plan: ScenarioBody;
  /** The steps it may be about; every step of the plan when absent. */
  steps?: readonly Step[];
  /** True when it must name a step. */
  stepRequired?: boolean;
  onAdd: (observation: { text: string; rating: number | null; stepId: string | null; roleId: string | null }, photos: AttachmentInput[]) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [rating, setRating] = useState<number | null>(null);
  const [stepId, setStepId] = useState('');
  const [roleId, setRoleId] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const steps = props.steps ?? props.plan.steps;
  const ready = text.trim() !== '' && !busy && (!props.stepRequired || stepId !== '');
  const submit = async () => {
    if (!ready) return;
    setBusy(true);
    const ok = await props.onAdd({ text: text.trim(), rating, stepId: stepId || null, roleId: roleId || null }, attachmentInputsOf(photos));
    setBusy(false);
    // Cleared after saving: the next observation starts without the last one's step, role and photos.
    if (ok) {
      setText('');
      setRating(null);
      setStepId('');
      setRoleId('');
      photos.forEach((photo) => URL.revokeObjectURL(photo.previewUrl));
      setPhotos([]);
    }
  };
  return (
    <section className="side-section" data-testid="observation-form">
      <h3>{t('conduct.observation.title')}</h3>
      <textarea
        rows={3}
        value={text}
        maxLength={20000}
        placeholder={t('conduct.observation.placeholder')}
        aria-label={t('conduct.observation.text')}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (isSubmitKey(event, { mod: true })) void submit();
        }}
        data-testid="observation-text"
      />
      <PhotoPicker photos={photos} onChange={setPhotos} testId="observation-photos" />
      <div className="rating" role="radiogroup" aria-label={t('conduct.observation.rating')}>
        <span className="small muted">{t('conduct.observation.rating')}</span>
        {[1, 2, 3, 4, 5].map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={rating === value}
            className={`rc-star${rating !== null && value <= rating ? ' rc-star-on' : ''}`}
            onClick={() => setRating(rating === value ? null : value)}
            title={String(value)}
            data-testid={`rating-${value}`}
          >
            ★
          </button>
        ))}
        {rating === null && <span className="small muted">{t('conduct.observation.noRating')}</span>}
      </div>
      <div className="observation-links">
        <label>
          <span className="small muted">{t('conduct.observation.step')}</span>
          <select value={stepId} onChange={(event) => setStepId(event.target.value)} data-testid="observation-step">
            <option value="">{props.stepRequired ? t('conduct.observation.chooseStep') : t('conduct.observation.none')}</option>
            {steps.map((step) => (
              <option key={step.id} value={step.id}>
                {step.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="small muted">{t('conduct.observation.role')}</span>
          <select value={roleId} onChange={(event) => setRoleId(event.target.value)} data-testid="observation-role">
            <option value="">{t('conduct.observation.none')}</option>
            {props.plan.roles.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button className="primary" disabled={!ready} onClick={() => void submit()} data-testid="observation-add">
        {t('conduct.observation.add')}
      </button>
    </section>
  );
}

export function EventLog(props: {
  plan: ScenarioBody;
  events: readonly RunEvent[];
  pending: readonly RunEvent[];
  seatNames?: Readonly<Record<string, string>>;
  /** The fold's duplicates (`RunStateAt.duplicates`): a later record's seq to the seq of the record it repeats. */
  duplicates?: ReadonlyMap<number, number>;
  onCorrect: (event: RunEvent) => void;
  /** Resolves a duplicate by voiding record `seq`. */
  onVoid?: (seq: number) => void;
}) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const [filter, setFilter] = useState<'all' | 'observations'>('all');
  const steps = new Map(props.plan.steps.map((step) => [step.id, step.title]));
  const roles = new Map(props.plan.roles.map((role) => [role.id, role.name]));
  const edges = new Map(props.plan.edges.map((edge) => [edge.id, edge]));
  const numbers = useMemo(() => recordNumbersOf(props.events), [props.events]);
  const bySeq = useMemo(() => new Map([...props.events, ...props.pending].map((event) => [event.seq, event])), [props.events, props.pending]);
  /** Who recorded an event: its seat by name, or the host's console. */
  const whoOf = (event: RunEvent | undefined) => (!event ? '?' : event.seatId === null ? t('conduct.log.host') : (props.seatNames?.[event.seatId] ?? t('conduct.seats.unknownSeat')));
  const all = [...props.events, ...props.pending]
    .filter((event) => filter === 'all' || event.kind === 'observation')
    .sort((a, b) => (a.at === b.at ? Math.abs(b.seq) - Math.abs(a.seq) : a.at < b.at ? 1 : -1));
  return (
    <section className="side-section side-log" data-testid="event-log">
      <h3>
        {t('conduct.log.title')}
        <span className="log-filter">
          {(['all', 'observations'] as const).map((value) => (
            <button key={value} className={`rc-chip${filter === value ? ' rc-chip-on' : ''}`} onClick={() => setFilter(value)}>
              {value === 'all' ? t('conduct.log.filterAll') : t('conduct.log.filterObservations')}
            </button>
          ))}
        </span>
      </h3>
      {all.length === 0 ? (
        <p className="muted small">{t('conduct.log.empty')}</p>
      ) : (
        <ol className="log-list">
          {all.map((event) => {
            const pending = event.seq < 0;
            const superseded = event.supersededBy !== null;
            const voidedBy = superseded && bySeq.get(event.supersededBy!)?.kind === 'voided';
            const branch = event.edgeId ? edges.get(event.edgeId) : undefined;
            const repeats = props.duplicates?.get(event.seq);
            const kept = repeats === undefined ? undefined : bySeq.get(repeats);
            return (
              <li
                key={event.seq}
                className={`log-item log-${event.kind}${superseded ? ' log-superseded' : ''}${pending ? ' log-pending' : ''}${repeats !== undefined ? ' log-duplicate' : ''}`}
                data-testid="log-item"
                data-seq={event.seq}
                data-record={numbers.get(event.seq)}
                data-kind={event.kind}
                data-duplicate-of={repeats}
              >
                <div className="log-head">
                  <span className="log-time">{clockSecondsAt(Date.parse(event.at), zone)}</span>
                  <span className="log-kind">{t(`conduct.eventKind.${event.kind}`)}</span>
                  {!pending && <span className="log-seq">#{numbers.get(event.seq)}</span>}
                  {event.seatId !== null && (
                    <span className="log-seat" data-testid="log-seat">
                      {props.seatNames?.[event.seatId] ?? t('conduct.seats.unknownSeat')}
                    </span>
                  )}
                  {!pending && !superseded && event.kind !== 'voided' && (
                    <button className="rc-link small" onClick={() => props.onCorrect(event)} data-testid="log-correct">
                      {t('conduct.log.correct')}
                    </button>
                  )}
                </div>
                <div className="log-body">
                  {event.stepId && <span className="log-step">{steps.get(event.stepId) ?? event.stepId}</span>}
                  {branch && <span> → {branch.label || steps.get(branch.target)}</span>}
                  {event.shiftMin !== null && <span>{t('conduct.log.shiftBy', { minutes: event.shiftMin })}</span>}
                  {event.text && <span className="log-text">{event.text}</span>}
                  {event.rating !== null && <span className="log-rating">{'★'.repeat(event.rating)}</span>}
                  {event.roleId && <span className="muted">{t('bracketed', { text: roles.get(event.roleId) ?? event.roleId })}</span>}
                </div>
                {(superseded || event.corrects !== null || pending) && (
                  <div className="log-note">
                    {pending
                      ? t('conduct.log.pending')
                      : voidedBy
                        ? t('conduct.log.voidedBy', { seq: numbers.get(event.supersededBy!) })
                        : superseded
                          ? t('conduct.log.supersededBy', { seq: numbers.get(event.supersededBy!) })
                          : event.kind === 'voided'
                            ? t('conduct.log.voids', { seq: numbers.get(event.corrects!) })
                            : t('conduct.log.corrects', { seq: numbers.get(event.corrects!) })}
                  </div>
                )}
                {repeats !== undefined && (
                  <div className="log-dup" data-testid="log-duplicate">
                    <span className="log-dup-badge">{t('conduct.log.duplicate')}</span>
                    <span>
                      {t('conduct.log.duplicateOf', {
                        seq: numbers.get(repeats) ?? '…',
                        kind: t(`conduct.eventKind.${event.kind}`),
                        earlier: whoOf(kept),
                        later: whoOf(event),
                      })}
                    </span>
                    {!pending && repeats > 0 && props.onVoid && (
                      <span className="log-dup-actions">
                        <button className="rc-link small" onClick={() => props.onVoid!(event.seq)} data-testid="log-keep-earlier">
                          {t('conduct.log.keepEarlier', { seq: numbers.get(repeats) })}
                        </button>
                        <button className="rc-link small" onClick={() => props.onVoid!(repeats)} data-testid="log-keep-later">
                          {t('conduct.log.keepLater')}
                        </button>
                      </span>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
