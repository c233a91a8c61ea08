/**
 * The scenario's metadata (title, date, start time, time zone, location,
 * organiser, objectives, description, document fields, and the texts of the
 * drill plan, notice and observer handbook) in one dialog. Saving makes one undoable edit:
 * steps are unassigned from objectives that were removed, then the metadata
 * is set.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArrangementsEditor, arrangementsProblemsOf } from './ArrangementsEditor';
import { ObjectiveSchema, ScenarioMetaSchema, type DocFields, type DrillArrangements, type Objective, type ScenarioMeta } from '../../shared/model';
import { DocFieldsEditor, docFieldsProblemsOf } from '../components/DocFieldsEditor';
import { dateTimeAt, timeZoneNames } from '../../shared/time';
import type { GraphOp } from '../../shared/ops';
import { Dialog } from '../components/Dialog';
import { isSubmitKey } from '../components/keys';
import { objectiveRemovalOpsOf } from './edits';
import { checkValue } from './fields';
import { Icon } from './icons';
import { newId } from './ids';
import { commit, openDialog, useEditor } from './store';

const M = ScenarioMetaSchema.shape;
type Draft = {
  title: string;
  titleEn: string;
  drillDate: string;
  startTime: string;
  timeZone: string;
  location: string;
  organiser: string;
  description: string;
  summaryEn: string;
  objectives: Objective[];
  docFields: DocFields;
  arrangements: DrillArrangements;
};
const TEXT_FIELDS = ['title', 'titleEn', 'timeZone', 'location', 'organiser', 'description', 'summaryEn'] as const;

function draftOf(meta: ScenarioMeta): Draft {
  return { ...meta, drillDate: meta.drillDate ?? '', startTime: meta.startTime ?? '', objectives: meta.objectives };
}

export function MetaDialog() {
  const { t } = useTranslation();
  const body = useEditor.getState().body;
  const [draft, setDraft] = useState<Draft>(() => draftOf(body));
  const close = () => openDialog(null);

  const errors: Record<string, string> = {};
  const value: Partial<ScenarioMeta> = {};
  for (const field of TEXT_FIELDS) {
    const result = checkValue(M[field] as never, draft[field], t);
    if (result.ok) (value as Record<string, unknown>)[field] = result.value;
    else errors[field] = result.message;
  }
  const date = draft.drillDate === '' ? ({ ok: true, value: null } as const) : checkValue(M.drillDate, draft.drillDate, t);
  if (date.ok) value.drillDate = date.value as string | null;
  else errors.drillDate = date.message;
  const time = draft.startTime === '' ? ({ ok: true, value: null } as const) : checkValue(M.startTime, draft.startTime, t);
  if (time.ok) value.startTime = time.value as string | null;
  else errors.startTime = time.message;
  const objectives: Objective[] = [];
  draft.objectives.forEach((objective) => {
    const result = checkValue(ObjectiveSchema, objective, t);
    if (result.ok) objectives.push(result.value);
    else errors[`objective.${objective.id}`] = result.message;
  });
  value.objectives = objectives;
  if (Object.keys(docFieldsProblemsOf(draft.docFields)).length > 0) errors.docFields = 'docFields';
  else value.docFields = draft.docFields;
  if (Object.keys(arrangementsProblemsOf(draft.arrangements)).length > 0) errors.arrangements = 'arrangements';
  else value.arrangements = draft.arrangements;
  const valid = Object.keys(errors).length === 0;

  const current = useEditor.getState().body;
  const [zoneNames] = useState(timeZoneNames);
  const servedBy = (id: string) => current.steps.filter((step) => step.objectiveIds.includes(id)).length;

  const save = () => {
    if (!valid) return;
    const patch: Partial<ScenarioMeta> = {};
    for (const [key, next] of Object.entries(value) as [keyof ScenarioMeta, unknown][])
      if (JSON.stringify(next) !== JSON.stringify(current[key])) (patch as Record<string, unknown>)[key] = next;
    if (Object.keys(patch).length > 0) {
      const ops: GraphOp[] = [...objectiveRemovalOpsOf(current, new Set(objectives.map((o) => o.id))), { op: 'setMeta', patch }];
      if (!commit(ops)) return;
    }
    close();
  };

  const text = (field: (typeof TEXT_FIELDS)[number], options: { multiline?: boolean; wide?: boolean; list?: string; hint?: string } = {}) => (
    <label className={options.wide ? 'ed-field ed-field-wide' : 'ed-field'}>
      <span>{t(`editor.meta.${field}`)}</span>
      {options.multiline ? (
        <textarea rows={3} value={draft[field]} aria-invalid={errors[field] ? true : undefined} onChange={(event) => setDraft({ ...draft, [field]: event.target.value })} data-testid={`meta-${field}`} />
      ) : (
        <input
          value={draft[field]}
          aria-invalid={errors[field] ? true : undefined}
          onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
          onKeyDown={(event) => isSubmitKey(event) && save()}
          list={options.list}
          data-testid={`meta-${field}`}
        />
      )}
      {errors[field] ? <span className="ed-field-error">{errors[field]}</span> : options.hint && <span className="ed-field-hint">{options.hint}</span>}
    </label>
  );

  return (
    <Dialog
      title={t('editor.meta.title_dialog')}
      onClose={close}
      wide
      testId="meta-dialog"
      footer={
        <>
          <button type="button" onClick={close}>
            {t('action.cancel')}
          </button>
          <button type="button" className="primary" disabled={!valid} onClick={save} data-testid="meta-save">
            {t('action.save')}
          </button>
        </>
      }
    >
      <div className="meta-grid">
        {text('title', { wide: true })}
        {text('titleEn', { wide: true })}
        <label className="ed-field">
          <span>{t('editor.meta.drillDate')}</span>
          <input type="date" value={draft.drillDate} onChange={(event) => setDraft({ ...draft, drillDate: event.target.value })} data-testid="meta-drillDate" />
          {errors.drillDate && <span className="ed-field-error">{errors.drillDate}</span>}
        </label>
        <label className="ed-field">
          <span>{t('editor.meta.startTime')}</span>
          <input type="time" value={draft.startTime} onChange={(event) => setDraft({ ...draft, startTime: event.target.value })} data-testid="meta-startTime" />
          {errors.startTime && <span className="ed-field-error">{errors.startTime}</span>}
        </label>
        {text('timeZone', {
          wide: true,
          list: 'meta-time-zones',
          hint: value.timeZone ? t('editor.meta.timeZoneHint', { now: dateTimeAt(Date.now(), value.timeZone) }) : undefined,
        })}
        <datalist id="meta-time-zones">
          {zoneNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {text('location')}
        {text('organiser')}
        <div className="ed-field ed-field-wide">
          <span>{t('editor.meta.objectives')}</span>
          <ol className="objective-rows">
            {draft.objectives.map((objective, i) => (
              <li key={objective.id}>
                <input
                  value={objective.text}
                  aria-invalid={errors[`objective.${objective.id}`] ? true : undefined}
                  aria-label={t('editor.meta.objectiveN', { n: i + 1 })}
                  placeholder={t('editor.meta.objectivePlaceholder')}
                  onChange={(event) => setDraft({ ...draft, objectives: draft.objectives.map((o) => (o.id === objective.id ? { ...o, text: event.target.value } : o)) })}
                  data-testid="meta-objective"
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('editor.meta.removeObjective')}
                  onClick={() => setDraft({ ...draft, objectives: draft.objectives.filter((o) => o.id !== objective.id) })}
                  data-testid="meta-objective-remove"
                >
                  <Icon name="close" size={14} />
                </button>
                {servedBy(objective.id) > 0 && <span className="muted small">{t('editor.meta.servedBy', { count: servedBy(objective.id) })}</span>}
                {errors[`objective.${objective.id}`] && <span className="ed-field-error">{errors[`objective.${objective.id}`]}</span>}
              </li>
            ))}
          </ol>
          {body.objectives.some((o) => !draft.objectives.find((d) => d.id === o.id) && servedBy(o.id) > 0) && (
            <span className="ed-field-hint">{t('editor.meta.removalNote')}</span>
          )}
          <button
            type="button"
            className="link-button"
            onClick={() => setDraft({ ...draft, objectives: [...draft.objectives, { id: newId('o'), text: '' }] })}
            data-testid="meta-objective-add"
          >
            <Icon name="plus" size={12} /> {t('editor.meta.addObjective')}
          </button>
        </div>
        {text('description', { multiline: true, wide: true })}
        {text('summaryEn', { multiline: true, wide: true })}
        <DocFieldsEditor value={draft.docFields} onChange={(docFields) => setDraft({ ...draft, docFields })} />
        <ArrangementsEditor value={draft.arrangements} onChange={(arrangements) => setDraft({ ...draft, arrangements })} />
      </div>
    </Dialog>
  );
}
