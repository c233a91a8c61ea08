/**
 * The selected evaluation item: content, criterion, method and site, points
 * and weight under the points scheme, critical or not; the objectives it
 * evaluates; the steps it evaluates, linked from a searchable list or
 * picked on the graph.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placedItemOf } from '../../shared/evaluation';
import type { EvalItemPatchSchema } from '../../shared/evaluationOps';
import { EvalItemSchema, type Step } from '../../shared/model';
import type { z } from 'zod';
import { NumberField, TextField } from '../editor/fields';
import { Icon } from '../editor/icons';
import { commit, useEditor } from '../editor/store';
import { startPick } from './pick';

const I = EvalItemSchema.shape;
type ItemPatch = z.infer<typeof EvalItemPatchSchema>;

/** Steps matching a search by title or id, at most 12. */
function matchesOf(steps: readonly Step[], query: string, exclude: readonly string[]): Step[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  return steps.filter((step) => !exclude.includes(step.id) && (step.title.toLowerCase().includes(needle) || step.id.toLowerCase() === needle)).slice(0, 12);
}

function StepLinks(props: { scenarioId: string; itemId: string; stepIds: readonly string[] }) {
  const { t } = useTranslation();
  const steps = useEditor((state) => state.body.steps);
  const stepById = useEditor((state) => state.stepById);
  const [query, setQuery] = useState('');
  const matches = useMemo(() => matchesOf(steps, query, props.stepIds), [steps, query, props.stepIds]);
  const setSteps = (stepIds: string[]) => commit([{ op: 'updateEvalItem', id: props.itemId, patch: { stepIds } }]);
  return (
    <div className="ed-field ed-field-wide">
      <label>{t('evaluation.author.item.steps')}</label>
      {props.stepIds.length === 0 && <p className="muted small">{t('evaluation.author.item.noSteps')}</p>}
      <ul className="eval-chips" data-testid="eval-item-steps">
        {props.stepIds.map((stepId) => {
          const title = stepById.get(stepId)?.title ?? stepId;
          return (
            <li key={stepId} className="eval-chip" data-step-id={stepId}>
              <span className={`kind-dot kind-${stepById.get(stepId)?.kind ?? 'action'}`} />
              {title}
              <button type="button" className="icon-button" onClick={() => setSteps(props.stepIds.filter((id) => id !== stepId))} aria-label={t('evaluation.author.item.unlink', { title })} title={t('evaluation.author.item.unlink', { title })}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div className="eval-step-search">
        <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t('evaluation.author.item.search')} aria-label={t('evaluation.author.item.search')} data-testid="eval-step-search" />
        <button type="button" onClick={() => startPick(props.scenarioId, props.itemId)} data-testid="eval-pick-on-graph">
          <Icon name="pin" size={12} /> {t('evaluation.author.item.pickOnGraph')}
        </button>
      </div>
      {query.trim() !== '' && (
        <ul className="eval-step-matches" data-testid="eval-step-matches">
          {matches.length === 0 && <li className="muted small">{t('evaluation.author.item.noMatch')}</li>}
          {matches.map((step) => (
            <li key={step.id}>
              <button
                type="button"
                onClick={() => {
                  setSteps([...props.stepIds, step.id]);
                  setQuery('');
                }}
                data-testid="eval-step-match"
              >
                <span className={`kind-dot kind-${step.kind}`} />
                {step.title} <span className="muted small">{t(`kind.${step.kind}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ItemPanel(props: { scenarioId: string; itemId: string }) {
  const { t } = useTranslation();
  const evaluation = useEditor((state) => state.body.evaluation);
  const placed = useMemo(() => placedItemOf(evaluation, props.itemId), [evaluation, props.itemId]);
  const objectives = useEditor((state) => state.body.objectives);
  if (!placed) return null;
  const { item, form } = placed;
  const update =
    <K extends keyof ItemPatch>(field: K) =>
    (value: ItemPatch[K], burst = '') =>
      commit([{ op: 'updateEvalItem', id: item.id, patch: { [field]: value } }], { mergeKey: burst ? `${item.id}:${field}:${burst}` : undefined, debounce: burst !== '' });
  const toggleObjective = (id: string) => update('objectiveIds')(item.objectiveIds.includes(id) ? item.objectiveIds.filter((other) => other !== id) : [...item.objectiveIds, id]);

  return (
    <div className="eval-item-detail" data-testid="eval-item-detail">
      <h3>{t('evaluation.author.item.heading', { n: placed.number })}</h3>
      <TextField label={t('evaluation.author.item.content')} value={item.content} schema={I.content} multiline rows={3} onValid={update('content')} testId="eval-item-content" />
      <TextField label={t('evaluation.author.item.criterion')} value={item.criterion} schema={I.criterion.unwrap()} multiline rows={3} onValid={update('criterion')} testId="eval-item-criterion" />
      <TextField label={t('evaluation.author.item.guidance')} value={item.guidance} schema={I.guidance.unwrap()} multiline rows={2} onValid={update('guidance')} testId="eval-item-guidance" />
      <TextField label={t('evaluation.author.item.site')} value={item.site} schema={I.site.unwrap()} placeholder={t('evaluation.author.item.sitePlaceholder')} onValid={update('site')} testId="eval-item-site" />
      {form.scheme === 'points' && (
        <div className="ed-row">
          <NumberField label={t('evaluation.author.item.maxPoints')} value={item.maxPoints} schema={I.maxPoints.unwrap()} onValid={(value, burst) => value !== null && update('maxPoints')(value, burst)} testId="eval-item-max" />
          <NumberField label={t('evaluation.author.item.weight')} value={item.weight} schema={I.weight.unwrap()} onValid={(value, burst) => value !== null && update('weight')(value, burst)} testId="eval-item-weight" />
        </div>
      )}
      <label className="eval-check">
        <input type="checkbox" checked={item.critical} onChange={(event) => update('critical')(event.target.checked)} data-testid="eval-item-critical" />
        {t('evaluation.author.item.critical')}
      </label>
      <div className="ed-field ed-field-wide">
        <label>{t('evaluation.author.item.objectives')}</label>
        {objectives.length === 0 && <p className="muted small">{t('evaluation.author.item.noObjectives')}</p>}
        <ul className="eval-objectives" data-testid="eval-item-objectives">
          {objectives.map((objective, i) => (
            <li key={objective.id}>
              <label className="eval-check">
                <input type="checkbox" checked={item.objectiveIds.includes(objective.id)} onChange={() => toggleObjective(objective.id)} data-testid="eval-item-objective" />
                <span>
                  {i + 1}. {objective.text}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
      <StepLinks scenarioId={props.scenarioId} itemId={item.id} stepIds={item.stepIds} />
    </div>
  );
}
