/**
 * The console's 评估 panel: the evaluator chooses who they are, sees the
 * items of their assignments, those due soon (by their linked steps) first,
 * and rates each with one click (with an optional comment); the lead records
 * the on-the-spot comments; every entry is a run event, correctable like any
 * other. After the run ended the same panel takes the paper forms' results,
 * which the back end marks as entered later.
 *
 * An evaluator seat's phone page (联网导调) shows the same panel, held to
 * the items of its forms (`formIds`) and recording through the seat's queue
 * (`record`) instead of the console's direct call.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  dueItemsOf,
  enteredLaterOf,
  itemResultsOf,
  itemsOfEvaluator,
  NOT_APPLICABLE,
  placedItemsOf,
  SCHEME_GRADES,
  type DueItem,
  type ItemResult,
} from '../../shared/evaluation';
import { evalItemLabelOf, type AttachmentInput, type EvalScheme, type NewRunEvent, type Run, type RunEvent } from '../../shared/model';
import { recordNumbersOf, type RunStateAt } from '../../shared/runState';
import { notify } from '../components/toasts';
import { clockAt, clockSecondsAt, instantAt, wallInputAt, wallTimeOfText } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';
import { ratingLabelOf } from '../evaluation/labels';
import { attachmentInputsOf, PhotoPicker, type PickedPhoto } from '../components/PhotoPicker';
import { recordEvent } from './runStore';

/**
 * Records one evaluation entry with its photos: the console's `recordEvent`, or
 * an evaluator seat's queue. Resolves to the entry as stored (or as queued), or
 * null when it was refused (the refusal is already shown).
 */
/** Records an entry; null when refused, `queued` when a seat keeps it until the network is back. */
export type RecordEvaluation = (event: NewRunEvent, photos: AttachmentInput[]) => Promise<{ value: string | null; queued?: boolean } | null>;

/** An evaluator as the panel knows them: a role, and one of its people or '' for the whole role. */
type Evaluator = { roleId: string; person: string; label: string; lead: boolean };

/** Everyone who may evaluate: each assignment's evaluator, then the people of evaluator roles not assigned. */
function evaluatorsOf(run: Run, bracketed: (text: string) => string): Evaluator[] {
  const { plan } = run;
  const roleName = (id: string) => plan.roles.find((role) => role.id === id)?.name ?? id;
  const list: Evaluator[] = [];
  const add = (roleId: string, person: string, lead: boolean) => {
    const existing = list.find((e) => e.roleId === roleId && e.person === person);
    if (existing) existing.lead ||= lead;
    else list.push({ roleId, person, lead, label: person ? `${person}${bracketed(roleName(roleId))}` : roleName(roleId) });
  };
  for (const assignment of plan.evaluation.assignments) add(assignment.roleId, assignment.person, assignment.lead);
  for (const role of plan.roles.filter((r) => r.category === 'evaluator')) {
    if (role.people.length === 0) add(role.id, '', false);
    for (const person of role.people) add(role.id, person.name, false);
  }
  return list;
}

/** The ratings a scheme offers as buttons (points are typed). */
export function ratingChoicesOf(scheme: EvalScheme, t: (key: string) => string): { value: string; label: string }[] {
  if (scheme === 'points') return [];
  return [...SCHEME_GRADES[scheme].map((grade) => grade.value), NOT_APPLICABLE].map((value) => ({ value, label: t(`evaluation.value.${value}`) }));
}

function ItemCard(props: { due: DueItem; result: ItemResult | undefined; run: Run; at: () => string | undefined; who: Evaluator | null; stepTitle: (id: string) => string; record: RecordEvaluation }) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const { placed } = props.due;
  const { item, form } = placed;
  const [comment, setComment] = useState('');
  const [points, setPoints] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const latest = props.result?.entries.at(-1);
  const rate = async (value: string) => {
    if (busy) return;
    setBusy(true);
    const stored = await props.record({
      kind: 'evaluation-scored',
      itemId: item.id,
      value,
      text: comment.trim(),
      stepId: props.due.stepId,
      roleId: props.who?.roleId ?? null,
      person: props.who?.person ?? '',
      at: props.at(),
    }, attachmentInputsOf(photos));
    setBusy(false);
    if (stored) {
      setComment('');
      setPoints('');
      photos.forEach((photo) => URL.revokeObjectURL(photo.previewUrl));
      setPhotos([]);
      notify(stored.queued ? t('conduct.seatPage.queued') : t('evaluation.console.saved', { n: placed.number, value: ratingLabelOf(t, form.scheme, stored.value ?? value) }));
    }
  };
  return (
    <li className={`eval-card${latest ? ' is-rated' : ''}`} data-testid="eval-card" data-item-id={item.id}>
      <div className="eval-card-head">
        <span className="eval-card-n">{placed.number}</span>
        <span className="eval-card-content">
          {item.content}
          {item.critical && <span className="eval-critical" title={t('evaluation.critical')}> ★</span>}
        </span>
        <span className={latest ? 'eval-card-state is-rated' : 'eval-card-state'} data-testid="eval-card-state">
          {latest ? t('evaluation.console.scored', { value: ratingLabelOf(t, form.scheme, latest.rating.value) }) : t('evaluation.console.unrated')}
        </span>
      </div>
      {item.criterion && <div className="eval-card-criterion small muted">{item.criterion}</div>}
      <div className="eval-card-meta small muted">
        {props.due.stepId && (
          <span>
            {t('evaluation.console.stepOf', { title: props.stepTitle(props.due.stepId) })}
            {props.due.stepStatus && ` · ${t(`conduct.stepStatus.${props.due.stepStatus}`)}`}
            {props.due.atMs !== null && ` · ${clockAt(props.due.atMs, zone)}`}
          </span>
        )}
        {item.site && <span> · {item.site}</span>}
      </div>
      <div className="eval-card-rate" role="group" aria-label={t('evaluation.console.rating')}>
        {form.scheme === 'points' ? (
          <>
            <input
              className="eval-points"
              inputMode="decimal"
              value={points}
              placeholder={`0–${item.maxPoints}`}
              aria-label={t('evaluation.console.rating')}
              onChange={(event) => setPoints(event.target.value)}
              onKeyDown={(event) => event.key === 'Enter' && !event.nativeEvent.isComposing && points.trim() !== '' && void rate(points.trim())}
              data-testid="eval-points"
            />
            <button type="button" disabled={busy || points.trim() === ''} onClick={() => void rate(points.trim())} data-testid="eval-rate-points">
              {t('evaluation.points', { value: points.trim() || '…' })}
            </button>
            <button type="button" disabled={busy} onClick={() => void rate(NOT_APPLICABLE)} data-testid={`eval-rate-${NOT_APPLICABLE}`}>
              {t('evaluation.value.na')}
            </button>
          </>
        ) : (
          ratingChoicesOf(form.scheme, t).map((choice) => (
            <button
              key={choice.value}
              type="button"
              disabled={busy}
              className={`eval-rate eval-rate-${choice.value}${latest?.rating.value === choice.value ? ' is-on' : ''}`}
              onClick={() => void rate(choice.value)}
              title={choice.label}
              data-testid={`eval-rate-${choice.value}`}
            >
              {t(`evaluation.valueShort.${choice.value}`)}
            </button>
          ))
        )}
      </div>
      <input
        className="eval-card-comment"
        value={comment}
        maxLength={2000}
        placeholder={t('evaluation.console.commentPlaceholder')}
        aria-label={t('evaluation.console.comment')}
        onChange={(event) => setComment(event.target.value)}
        data-testid="eval-comment"
      />
      <PhotoPicker photos={photos} onChange={setPhotos} testId="eval-photos" />
    </li>
  );
}

function HotWash(props: { who: Evaluator | null; at: () => string | undefined; record: RecordEvaluation }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (text.trim() === '' || busy) return;
    setBusy(true);
    const stored = await props.record({ kind: 'hot-wash', text: text.trim(), roleId: props.who?.roleId ?? null, person: props.who?.person ?? '', at: props.at() }, attachmentInputsOf(photos));
    setBusy(false);
    if (stored) {
      setText('');
      photos.forEach((photo) => URL.revokeObjectURL(photo.previewUrl));
      setPhotos([]);
      notify(stored.queued ? t('conduct.seatPage.queued') : t('evaluation.console.hotWashSaved'));
    }
  };
  return (
    <section className="side-section" data-testid="hot-wash">
      <h3>{t('evaluation.console.hotWash')}</h3>
      <p className="small muted">{t('evaluation.console.hotWashHint')}</p>
      <textarea rows={3} value={text} maxLength={20000} placeholder={t('evaluation.console.hotWashPlaceholder')} onChange={(event) => setText(event.target.value)} data-testid="hot-wash-text" />
      <PhotoPicker photos={photos} onChange={setPhotos} testId="hot-wash-photos" />
      <button className="primary" disabled={text.trim() === '' || busy} onClick={() => void add()} data-testid="hot-wash-add">
        {t('evaluation.console.addHotWash')}
      </button>
    </section>
  );
}

/** The evaluation entries of the run, newest first, each correctable (where corrections can be made). */
function EvaluationLog(props: { run: Run; events: readonly RunEvent[]; onCorrect: ((event: RunEvent) => void) | undefined; seatNames: Readonly<Record<string, string>> | undefined }) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const numbers = useMemo(() => new Map(placedItemsOf(props.run.plan.evaluation).map((placed) => [placed.item.id, placed])), [props.run.plan]);
  const records = useMemo(() => recordNumbersOf(props.events), [props.events]);
  const entries = props.events
    .filter((event) => event.kind === 'evaluation-scored' || event.kind === 'hot-wash')
    .sort((a, b) => (a.at === b.at ? Math.abs(b.seq) - Math.abs(a.seq) : a.at < b.at ? 1 : -1));
  return (
    <section className="side-section" data-testid="eval-log">
      <h3>{t('evaluation.console.entries')}</h3>
      {entries.length === 0 && <p className="small muted">{t('evaluation.console.noEntries')}</p>}
      <ol className="log-list">
        {entries.map((event) => {
          const placed = event.itemId ? numbers.get(event.itemId) : undefined;
          const superseded = event.supersededBy !== null;
          const pending = event.seq < 0;
          return (
            <li key={event.seq} className={`log-item log-${event.kind}${superseded ? ' log-superseded' : ''}`} data-testid="eval-log-item" data-seq={event.seq} data-record={records.get(event.seq)}>
              <div className="log-head">
                <span className="log-time">{clockSecondsAt(Date.parse(event.at), zone)}</span>
                <span className="log-kind">{t(`conduct.eventKind.${event.kind}`)}</span>
                {!pending && <span className="log-seq">#{records.get(event.seq)}</span>}
                {enteredLaterOf(event, props.run.endedAt) && <span className="eval-late-mark">{t('evaluation.enteredLater')}</span>}
                {event.seatId !== null && props.seatNames && (
                  <span className="log-seat" data-testid="log-seat">
                    {props.seatNames[event.seatId] ?? t('conduct.seats.unknownSeat')}
                  </span>
                )}
                {!pending && !superseded && props.onCorrect && (
                  <button className="rc-link small" onClick={() => props.onCorrect!(event)} data-testid="eval-log-correct">
                    {t('evaluation.console.correct')}
                  </button>
                )}
              </div>
              <div className="log-body">
                {placed && (
                  <span className="log-step">
                    {placed.number} {evalItemLabelOf(placed.item)}
                  </span>
                )}
                {event.value && placed && <b>{ratingLabelOf(t, placed.form.scheme, event.value)}</b>}
                {event.text && <span className="log-text">{event.text}</span>}
                {event.person && <span className="muted">{t('bracketed', { text: event.person })}</span>}
              </div>
              {(superseded || event.corrects !== null) && (
                <div className="log-note">{superseded ? t('conduct.log.supersededBy', { seq: records.get(event.supersededBy!) }) : t('conduct.log.corrects', { seq: records.get(event.corrects!) })}</div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function EvaluationPanel(props: {
  run: Run;
  events: readonly RunEvent[];
  pending: readonly RunEvent[];
  state: RunStateAt;
  now: number;
  /** Where an entry can be corrected (the console); none on a seat. */
  onCorrect?: (event: RunEvent) => void;
  /** The items of these forms only (an evaluator seat's scope); every assignment's items when absent. */
  formIds?: readonly string[];
  /** How an entry is recorded; the console's `recordEvent` when absent. */
  record?: RecordEvaluation;
  /** The run's seats by id: the log names the seat that recorded an entry (the console's). */
  seatNames?: Readonly<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const { run, formIds } = props;
  const record = props.record ?? recordEvent;
  const evaluators = useMemo(() => evaluatorsOf(run, (text) => t('bracketed', { text })), [run, t]);
  const storageKey = `drilldesk.evaluator.${run.id}`;
  const [whoKey, setWhoKey] = useState(() => sessionStorage.getItem(storageKey) ?? '');
  useEffect(() => sessionStorage.setItem(storageKey, whoKey), [storageKey, whoKey]);
  const who = evaluators.find((e) => `${e.roleId}|${e.person}` === whoKey) ?? evaluators[0] ?? null;
  const [openOnly, setOpenOnly] = useState(false);
  const ended = run.status === 'ended';
  const [afterAt, setAfterAt] = useState(() => (run.endedAt ? wallInputAt(Date.parse(run.endedAt), zone) : ''));
  // When the run ends while the panel is open, paper results default to the end of the run.
  useEffect(() => {
    if (run.endedAt && afterAt === '') setAfterAt(wallInputAt(Date.parse(run.endedAt), zone));
  }, [run.endedAt, afterAt, zone]);
  const all = useMemo(() => [...props.events, ...props.pending], [props.events, props.pending]);
  const results = useMemo(() => new Map(itemResultsOf(run.plan.evaluation, all, run.endedAt).map((r) => [r.item.id, r])), [run, all]);
  const { items, assigned } = useMemo(
    () =>
      formIds
        ? { items: placedItemsOf(run.plan.evaluation).filter((placed) => formIds.includes(placed.form.id)), assigned: true }
        : who
          ? itemsOfEvaluator(run.plan.evaluation, who.roleId, who.person)
          : { items: placedItemsOf(run.plan.evaluation), assigned: false },
    [run.plan, who, formIds],
  );
  const due = useMemo(() => dueItemsOf(items, props.state, props.now), [items, props.state, props.now]);
  const stepTitle = (id: string) => run.plan.steps.find((step) => step.id === id)?.title ?? id;
  // After the end, an entry is timed at the observation time given (the end of the run by default); during the run, now.
  // The paper result's time is typed on the drill's wall clock, like a correction's.
  const at = () => {
    const wall = ended ? wallTimeOfText(afterAt) : null;
    const instant = wall?.date ? instantAt(wall.date, wall.clock, zone) : null;
    return instant === null ? undefined : new Date(instant).toISOString();
  };
  const rated = items.filter((placed) => results.get(placed.item.id)?.rating).length;
  const shown = due.filter((d) => !openOnly || !results.get(d.placed.item.id)?.rating);
  const hasLead = run.plan.evaluation.assignments.some((a) => a.lead);

  if (run.plan.evaluation.forms.length === 0) return <p className="muted small side-section">{t('evaluation.console.noPlan')}</p>;
  return (
    <div className="eval-panel" data-testid="eval-panel">
      <section className="side-section">
        {evaluators.length > 0 && (
          <label className="eval-who">
            <span className="small muted">{t('evaluation.console.who')}</span>
            <select value={who ? `${who.roleId}|${who.person}` : ''} onChange={(event) => setWhoKey(event.target.value)} data-testid="eval-who">
              {evaluators.map((e) => (
                <option key={`${e.roleId}|${e.person}`} value={`${e.roleId}|${e.person}`}>
                  {e.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {!assigned && <p className="small eval-warning">{t('evaluation.console.noAssignment')}</p>}
        {ended && (
          <>
            <p className="small eval-after" data-testid="eval-after-run">{t('evaluation.console.afterRun')}</p>
            <label className="field">
              <span className="small muted">{t('evaluation.console.atTime')}</span>
              <input type="datetime-local" step={1} value={afterAt} onChange={(event) => setAfterAt(event.target.value)} data-testid="eval-at" />
            </label>
          </>
        )}
        <div className="eval-progress small">
          <span data-testid="eval-progress">{t('evaluation.console.progress', { done: rated, total: items.length })}</span>
          <label className="eval-check">
            <input type="checkbox" checked={openOnly} onChange={(event) => setOpenOnly(event.target.checked)} />
            {t('evaluation.console.filterOpen')}
          </label>
        </div>
        <p className="small muted">{t('evaluation.console.dueHint')}</p>
        <ol className="eval-cards">
          {shown.map((d) => (
            <ItemCard key={d.placed.item.id} due={d} result={results.get(d.placed.item.id)} run={run} at={at} who={who} stepTitle={stepTitle} record={record} />
          ))}
        </ol>
      </section>
      {(!hasLead || who?.lead) && <HotWash who={who} at={at} record={record} />}
      <EvaluationLog run={run} events={all} onCorrect={props.onCorrect} seatNames={props.seatNames} />
    </div>
  );
}
