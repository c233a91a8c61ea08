/**
 * Debrief annotations: pin a finding at t (and optionally a step) — what
 * went well, what went wrong, an improvement action with its owner role and
 * due date, or a note — and see the run's findings, each a click away from
 * its moment. Saved through the API at once.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnotationKindSchema, type Annotation, type AnnotationKind, type ScenarioBody } from '../../shared/model';
import { clockSecondsAt } from '../../shared/time';
import { api } from '../api';
import { ConfirmDialog } from '../components/Dialog';
import { attachmentInputsOf, PhotoPicker, type PickedPhoto } from '../components/PhotoPicker';
import { useDrillZone } from '../components/DrillZone';
import { notifyError } from '../components/toasts';
import { offsetOf } from './format';
import { pause, seek, useReplay } from './store';

const KINDS = AnnotationKindSchema.options;

function AnnotationForm(props: { runId: string; plan: ScenarioBody; stepOrder: readonly string[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  // Whole seconds, never before the start: a note pinned at T+0 of a run started at 21:07:45.678 stays at T+0.
  const at = useReplay((state) => Math.max(state.startMs, Math.floor(state.t / 1000) * 1000));
  const startMs = useReplay((state) => state.startMs);
  const [kind, setKind] = useState<AnnotationKind>('went-wrong');
  const [text, setText] = useState('');
  const [stepId, setStepId] = useState('');
  const [ownerRoleId, setOwnerRoleId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [unit, setUnit] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [saving, setSaving] = useState(false);
  const stepTitle = new Map(props.plan.steps.map((step) => [step.id, step.title]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' || saving) return;
    setSaving(true);
    try {
      await api.addAnnotation({
        runId: props.runId,
        fields: {
          at: new Date(at).toISOString(),
          kind,
          text: text.trim(),
          stepId: stepId || null,
          ownerRoleId: kind === 'improvement' && ownerRoleId ? ownerRoleId : null,
          dueDate: kind === 'improvement' && dueDate ? dueDate : null,
          unit: kind === 'improvement' && unit.trim() ? unit.trim() : null,
        },
        ...(photos.length > 0 ? { attachments: attachmentInputsOf(photos) } : {}),
      });
      // Cleared after saving: the next note starts without the last one's step, owner, due date and photos.
      photos.forEach((photo) => URL.revokeObjectURL(photo.previewUrl));
      setPhotos([]);
      setText('');
      setStepId('');
      setOwnerRoleId('');
      setDueDate('');
      setUnit('');
      props.onSaved();
    } catch (error) {
      notifyError(error, t('replay.annotation.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="annotation-form" onSubmit={(event) => void submit(event)} data-testid="annotation-form">
      <div className="annotation-at">
        {t('replay.annotation.pinAt')} <b>{clockSecondsAt(at, zone)}</b> <span className="muted">{offsetOf(at, startMs)}</span>
      </div>
      <div className="kind-picker" role="radiogroup" aria-label={t('replay.annotation.kindLabel')}>
        {KINDS.map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={kind === value}
            className={`kind-choice mark-${value}${kind === value ? ' is-active' : ''}`}
            onClick={() => setKind(value)}
            data-testid={`annotation-kind-${value}`}
          >
            {t(`replay.annotation.kind.${value}`)}
          </button>
        ))}
      </div>
      <textarea
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={t(`replay.annotation.placeholder.${kind}`)}
        rows={3}
        aria-label={t('replay.annotation.text')}
        data-testid="annotation-text"
      />
      <PhotoPicker photos={photos} onChange={setPhotos} testId="annotation-photos" />
      <label className="annotation-field">
        <span>{t('replay.annotation.step')}</span>
        <select value={stepId} onChange={(event) => setStepId(event.target.value)} data-testid="annotation-step">
          <option value="">{t('replay.annotation.noStep')}</option>
          {props.stepOrder.map((id) => (
            <option key={id} value={id}>
              {stepTitle.get(id)}
            </option>
          ))}
        </select>
      </label>
      {kind === 'improvement' && (
        <div className="annotation-row">
          <label className="annotation-field">
            <span>{t('replay.annotation.owner')}</span>
            <select value={ownerRoleId} onChange={(event) => setOwnerRoleId(event.target.value)} data-testid="annotation-owner">
              <option value="">{t('replay.annotation.noOwner')}</option>
              {props.plan.roles.map((role) => (
                <option key={role.id} value={role.id}>
                  {role.name}
                </option>
              ))}
            </select>
          </label>
          <label className="annotation-field">
            <span>{t('replay.annotation.due')}</span>
            <input type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} data-testid="annotation-due" />
          </label>
          <label className="annotation-field">
            <span>{t('replay.annotation.unit')}</span>
            <input value={unit} maxLength={200} placeholder={t('replay.annotation.unitHint')} onChange={(event) => setUnit(event.target.value)} data-testid="annotation-unit" />
          </label>
        </div>
      )}
      <div className="annotation-actions">
        <button type="submit" className="primary" disabled={text.trim() === '' || saving} data-testid="annotation-save">
          {t('replay.annotation.save')}
        </button>
      </div>
    </form>
  );
}

function AnnotationItem(props: { annotation: Annotation; plan: ScenarioBody; onChanged: () => void }) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const { annotation } = props;
  const startMs = useReplay((state) => state.startMs);
  const [confirming, setConfirming] = useState(false);
  const at = Date.parse(annotation.at);
  const step = annotation.stepId ? props.plan.steps.find((s) => s.id === annotation.stepId) : undefined;
  const owner = annotation.ownerRoleId ? props.plan.roles.find((r) => r.id === annotation.ownerRoleId) : undefined;
  const update = async (patch: { done: boolean }) => {
    try {
      await api.updateAnnotation({ id: annotation.id, patch });
      props.onChanged();
    } catch (error) {
      notifyError(error);
    }
  };
  const remove = async () => {
    setConfirming(false);
    try {
      await api.deleteAnnotation({ id: annotation.id });
      props.onChanged();
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <li className={`annotation-item mark-${annotation.kind}${annotation.done ? ' is-done' : ''}`} data-testid="annotation-item" data-kind={annotation.kind}>
      <button
        type="button"
        className="annotation-goto"
        onClick={() => {
          pause();
          seek(at);
        }}
        title={t('replay.annotation.goTo')}
      >
        <span className={`annotation-kind mark-${annotation.kind}`}>{t(`replay.annotation.kind.${annotation.kind}`)}</span>
        <span className="annotation-when">
          {clockSecondsAt(at, zone)} <small>{offsetOf(at, startMs)}</small>
        </span>
      </button>
      {step && <div className="annotation-step">{step.title}</div>}
      <div className="annotation-text">{annotation.text}</div>
      {annotation.kind === 'improvement' && (
        <div className="annotation-meta">
          <span>
            {t('replay.annotation.owner')}{t('colon')}{owner?.name ?? t('replay.annotation.noOwner')}
          </span>
          <span>
            {t('replay.annotation.due')}{t('colon')}{annotation.dueDate ?? '—'}
          </span>
          <label className="annotation-done">
            <input type="checkbox" checked={annotation.done} onChange={(event) => void update({ done: event.target.checked })} data-testid="annotation-done" />
            {t('replay.annotation.done')}
          </label>
        </div>
      )}
      <button type="button" className="annotation-delete" onClick={() => setConfirming(true)} aria-label={t('replay.annotation.delete')} title={t('replay.annotation.delete')}>
        ×
      </button>
      {confirming && (
        <ConfirmDialog
          title={t('replay.annotation.delete')}
          message={t('replay.annotation.confirmDelete', { text: annotation.text.slice(0, 60) })}
          confirmLabel={t('action.delete')}
          cancelLabel={t('action.cancel')}
          danger
          onConfirm={() => void remove()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </li>
  );
}

export function AnnotationsPanel(props: { runId: string; plan: ScenarioBody; stepOrder: readonly string[]; annotations: readonly Annotation[]; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="annotations-panel" data-testid="annotations-panel">
      <AnnotationForm runId={props.runId} plan={props.plan} stepOrder={props.stepOrder} onSaved={props.onChanged} />
      {props.annotations.length === 0 ? (
        <p className="muted annotation-empty">{t('replay.annotation.empty')}</p>
      ) : (
        <ul className="annotation-list">
          {props.annotations.map((annotation) => (
            <AnnotationItem key={annotation.id} annotation={annotation} plan={props.plan} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
    </div>
  );
}
