/** The console's questions: why a step is skipped, which branch a decision took, how far to shift the plan, how to correct an event. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionStep, Edge, NewRunEvent, RunEvent, ScenarioBody, Step } from '../../shared/model';
import { instantAt, wallInputAt, wallTimeOfText } from '../../shared/time';
import { Dialog } from '../components/Dialog';
import { useDrillZone } from '../components/DrillZone';

export function SkipDialog(props: { step: Step; onSkip: (reason: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Dialog
      title={t('conduct.skip.title')}
      onClose={props.onClose}
      testId="skip-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.cancel')}</button>
          <button className="primary" onClick={() => props.onSkip(reason.trim())} data-testid="skip-confirm">
            {t('conduct.skip.confirm')}
          </button>
        </>
      }
    >
      <p className="dialog-step">{props.step.title}</p>
      <label className="field">
        <span>{t('conduct.skip.reason')}</span>
        <textarea autoFocus rows={3} value={reason} maxLength={2000} placeholder={t('conduct.skip.placeholder')} onChange={(event) => setReason(event.target.value)} data-testid="skip-reason" />
      </label>
    </Dialog>
  );
}

export function BranchDialog(props: { step: DecisionStep; plan: ScenarioBody; onChoose: (edge: Edge | null, note: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const branches = props.plan.edges.filter((edge) => edge.source === props.step.id && edge.kind === 'conditional');
  const titleOf = (id: string) => props.plan.steps.find((step) => step.id === id)?.title ?? id;
  // No branch preselected: the control team chooses the one really taken.
  const [choice, setChoice] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const chosen = branches.find((edge) => edge.id === choice) ?? null;
  return (
    <Dialog
      title={t('conduct.branch.title')}
      onClose={props.onClose}
      testId="branch-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.cancel')}</button>
          <button className="primary" disabled={branches.length > 0 && !chosen} onClick={() => props.onChoose(chosen, note.trim())} data-testid="branch-confirm">
            {branches.length > 0 ? t('conduct.branch.confirm') : t('conduct.buttons.complete')}
          </button>
        </>
      }
    >
      <p className="dialog-step">{props.step.title}</p>
      {props.step.question && (
        <p className="small">
          <span className="muted">{t('conduct.branch.question')}{t('colon')}</span>
          {props.step.question}
        </p>
      )}
      {branches.length === 0 ? (
        <p className="muted">{t('conduct.branch.noBranches')}</p>
      ) : (
        <fieldset className="branch-choices">
          <legend className="small muted">{t('conduct.branch.choose')}</legend>
          {branches.map((edge) => (
            <label key={edge.id} className={`branch-choice${edge.id === choice ? ' branch-choice-on' : ''}`}>
              <input type="radio" name="branch" checked={edge.id === choice} onChange={() => setChoice(edge.id)} data-testid="branch-option" />
              <span>
                <strong>{edge.label || titleOf(edge.target)}</strong>
                <span className="muted small">{t('conduct.branch.leadsTo', { title: titleOf(edge.target) })}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <label className="field">
        <span>{t('conduct.branch.note')}</span>
        <input value={note} maxLength={2000} onChange={(event) => setNote(event.target.value)} />
      </label>
    </Dialog>
  );
}

export type FollowActual = { minutes: number; late: number; title: string } | null;

export function ShiftDialog(props: { follow: FollowActual; onShift: (minutes: number, reason: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState('10');
  const [reason, setReason] = useState('');
  const value = Number(minutes);
  const valid = minutes.trim() !== '' && Number.isFinite(value) && value !== 0 && Math.abs(value) <= 7 * 24 * 60;
  const { follow } = props;
  return (
    <Dialog
      title={t('conduct.shift.title')}
      onClose={props.onClose}
      testId="shift-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.cancel')}</button>
          <button className="primary" disabled={!valid} onClick={() => props.onShift(value, reason.trim())} data-testid="shift-confirm">
            {t('conduct.shift.confirm')}
          </button>
        </>
      }
    >
      <p className="small muted">{t('conduct.shift.hint')}</p>
      <div className="shift-row">
        <label className="field">
          <span>{t('conduct.shift.minutes')}</span>
          <input autoFocus type="number" step={1} value={minutes} onChange={(event) => setMinutes(event.target.value)} aria-invalid={!valid} data-testid="shift-minutes" />
        </label>
        <button
          disabled={!follow || follow.minutes === 0}
          onClick={() => {
            if (!follow) return;
            setMinutes(String(follow.minutes));
            if (reason === '') setReason(t('conduct.shift.follow'));
          }}
          data-testid="shift-follow"
        >
          {t('conduct.shift.follow')}
        </button>
      </div>
      <p className="small follow-hint">
        {!follow
          ? t('conduct.shift.followNone')
          : follow.minutes === 0
            ? t('conduct.shift.followAhead', { title: follow.title })
            : t('conduct.shift.followHint', { title: follow.title, late: follow.late, minutes: follow.minutes })}
      </p>
      <label className="field">
        <span>{t('conduct.shift.reason')}</span>
        <input value={reason} maxLength={2000} placeholder={t('conduct.shift.reasonPlaceholder')} onChange={(event) => setReason(event.target.value)} data-testid="shift-reason" />
      </label>
    </Dialog>
  );
}

/** A correction: the new time, text and (for an evaluation score) rating; only what changed is sent. */
export type Correction = { at?: string; text?: string; value?: string };

export function CorrectDialog(props: {
  /** The event's record number in its run (`recordNumbersOf`). */
  number: number;
  event: RunEvent;
  title: string;
  /** For an evaluation score: the ratings its form's scheme allows. */
  values?: { value: string; label: string }[];
  onSave: (change: Correction) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // The time field shows and takes the drill's wall clock, not this computer's.
  const zone = useDrillZone();
  const originalAt = wallInputAt(Date.parse(props.event.at), zone);
  const [at, setAt] = useState(originalAt);
  const [text, setText] = useState(props.event.text);
  const [value, setValue] = useState(props.event.value ?? '');
  const wall = wallTimeOfText(at);
  const parsed = wall?.date ? instantAt(wall.date, wall.clock, zone) : null;
  const changedAt = at !== originalAt && parsed !== null;
  const changedText = text !== props.event.text;
  const changedValue = props.values !== undefined && value !== (props.event.value ?? '') && value.trim() !== '';
  return (
    <Dialog
      title={t('conduct.log.correctTitle', { seq: props.number })}
      onClose={props.onClose}
      testId="correct-dialog"
      footer={
        <>
          <button onClick={props.onClose}>{t('action.cancel')}</button>
          <button
            className="primary"
            disabled={!changedAt && !changedText && !changedValue}
            onClick={() =>
              props.onSave({ ...(changedAt ? { at: new Date(parsed!).toISOString() } : {}), ...(changedText ? { text } : {}), ...(changedValue ? { value: value.trim() } : {}) })
            }
            data-testid="correct-save"
          >
            {t('conduct.log.save')}
          </button>
        </>
      }
    >
      <p className="dialog-step">{props.title}</p>
      <p className="small muted">{t('conduct.log.correctHint')}</p>
      {props.values && (
        <label className="field">
          <span>{t('evaluation.console.rating')}</span>
          {props.values.length > 0 ? (
            <select value={value} onChange={(event) => setValue(event.target.value)} data-testid="correct-value">
              {props.values.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : (
            <input value={value} inputMode="decimal" onChange={(event) => setValue(event.target.value)} data-testid="correct-value" />
          )}
        </label>
      )}
      <label className="field">
        <span>{t('conduct.log.time')}</span>
        <input type="datetime-local" step={1} value={at} onChange={(event) => setAt(event.target.value)} data-testid="correct-time" />
      </label>
      <label className="field">
        <span>{t('conduct.log.text')}</span>
        <textarea rows={3} value={text} maxLength={20000} onChange={(event) => setText(event.target.value)} data-testid="correct-text" />
      </label>
    </Dialog>
  );
}

/** What a step's 跳过 or 选择分支 button opened, if anything. */
export type StepChoice = { kind: 'skip'; step: Step } | { kind: 'branch'; step: DecisionStep };

/**
 * The skip or branch dialog a step's button opened, recording the user's
 * answer as an event: the console and a field controller's seat alike.
 */
export function StepChoiceDialog(props: { choice: StepChoice; plan: ScenarioBody; record: (event: NewRunEvent) => void; onClose: () => void }) {
  const { choice, record, onClose } = props;
  if (choice.kind === 'skip')
    return (
      <SkipDialog
        step={choice.step}
        onClose={onClose}
        onSkip={(reason) => {
          onClose();
          record({ kind: 'skipped', stepId: choice.step.id, text: reason });
        }}
      />
    );
  return (
    <BranchDialog
      step={choice.step}
      plan={props.plan}
      onClose={onClose}
      onChoose={(edge, note) => {
        onClose();
        record(edge ? { kind: 'branch-taken', stepId: choice.step.id, edgeId: edge.id, text: note } : { kind: 'completed', stepId: choice.step.id, text: note });
      }}
    />
  );
}
