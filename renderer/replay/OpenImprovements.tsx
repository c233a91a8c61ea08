/**
 * Improvement actions carried forward: the open improvement actions from
 * earlier runs of a scenario, or of the scenario it was copied from, shown
 * when the scenario is edited or run next, each with its step, owner and due
 * date, until someone marks it done. A banner that opens into a list; it
 * shows nothing when there is nothing open. Mount it in any screen of a
 * scenario: `<OpenImprovements scenarioId={id} />`.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, ScenarioBody } from '../../shared/model';
import { api } from '../api';
import { navigate } from '../app/router';
import { notify, notifyError } from '../components/toasts';
import { dateAt } from '../../shared/time';
import './openImprovements.css';

/** How far up the copied-from chain to look (a copy of a copy of …). */
const MAX_ANCESTORS = 5;

export type CarriedAction = {
  annotation: Annotation;
  runName: string;
  /** The day the run took place, in its plan's zone. */
  runDate: string;
  /** Today in the zone of the scenario shown, against which due dates are overdue. */
  today: string;
  /** The scenario whose run it came from, when not this one. */
  fromScenarioTitle: string | null;
  stepTitle: string | null;
  /** The step exists in this scenario (same id), so it can be shown. */
  stepHere: boolean;
  ownerName: string | null;
};

/** Open improvement actions for a scenario, oldest due date first (undated last). */
export async function openImprovementsOf(scenarioId: string): Promise<CarriedAction[]> {
  const here = await api.getScenario({ id: scenarioId });
  const chain: { id: string; title: string }[] = [{ id: here.id, title: here.title }];
  let sourceId = here.sourceId;
  while (sourceId && chain.length <= MAX_ANCESTORS && !chain.some((s) => s.id === sourceId)) {
    try {
      const source = await api.getScenario({ id: sourceId });
      chain.push({ id: source.id, title: source.title });
      sourceId = source.sourceId;
    } catch {
      break; // the original was deleted
    }
  }
  const actions: CarriedAction[] = [];
  for (const scenario of chain) {
    const open = (await api.listAnnotations({ scenarioId: scenario.id })).filter((a) => a.kind === 'improvement' && !a.done);
    if (open.length === 0) continue;
    const plans = new Map<string, { name: string; startedAt: string; plan: ScenarioBody }>();
    for (const runId of new Set(open.map((a) => a.runId))) {
      const { run } = await api.getRun({ id: runId });
      plans.set(runId, { name: run.name, startedAt: run.startedAt, plan: run.plan });
    }
    for (const annotation of open) {
      const run = plans.get(annotation.runId)!;
      const stepNow = annotation.stepId ? here.steps.find((s) => s.id === annotation.stepId) : undefined;
      const stepThen = annotation.stepId ? run.plan.steps.find((s) => s.id === annotation.stepId) : undefined;
      const owner = annotation.ownerRoleId ? (here.roles.find((r) => r.id === annotation.ownerRoleId) ?? run.plan.roles.find((r) => r.id === annotation.ownerRoleId)) : undefined;
      actions.push({
        annotation,
        runName: run.name,
        runDate: dateAt(Date.parse(run.startedAt), run.plan.timeZone),
        today: dateAt(Date.now(), here.timeZone),
        fromScenarioTitle: scenario.id === here.id ? null : scenario.title,
        stepTitle: stepNow?.title ?? stepThen?.title ?? null,
        stepHere: stepNow !== undefined,
        ownerName: owner?.name ?? null,
      });
    }
  }
  return actions.sort((a, b) => (a.annotation.dueDate ?? '9999-99-99').localeCompare(b.annotation.dueDate ?? '9999-99-99') || a.annotation.createdAt.localeCompare(b.annotation.createdAt));
}

export function OpenImprovements(props: { scenarioId: string }) {
  const { t } = useTranslation();
  const [actions, setActions] = useState<CarriedAction[]>([]);
  const [open, setOpen] = useState(false);
  const load = useCallback(() => {
    openImprovementsOf(props.scenarioId).then(setActions, () => setActions([]));
  }, [props.scenarioId]);
  useEffect(load, [load]);
  if (actions.length === 0) return null;

  const markDone = async (action: CarriedAction) => {
    try {
      await api.updateAnnotation({ id: action.annotation.id, patch: { done: true } });
      notify(t('replay.carry.markedDone'));
      load();
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <section className={`carry-forward${open ? ' is-open' : ''}`} data-testid="open-improvements" aria-label={t('replay.carry.title')}>
      <button type="button" className="carry-toggle" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="open-improvements-toggle">
        <span className="carry-icon" aria-hidden>
          ⚑
        </span>
        {t('replay.carry.summary', { count: actions.length })}
        <span className="carry-chevron" aria-hidden>
          {open ? '▴' : '▾'}
        </span>
      </button>
      {open && (
        <ul className="carry-list">
          {actions.map((action) => {
            const due = action.annotation.dueDate;
            const overdue = due !== null && due < action.today;
            return (
              <li key={action.annotation.id} className="carry-item" data-testid="open-improvement">
                <div className="carry-text">{action.annotation.text}</div>
                <div className="carry-meta">
                  {action.stepTitle && (
                    <span className={action.stepHere ? 'carry-step' : 'carry-step is-gone'} title={action.stepHere ? t('replay.carry.step') : t('replay.carry.stepGone')}>
                      {action.stepTitle}
                    </span>
                  )}
                  <span>{t('replay.carry.owner', { owner: action.ownerName ?? t('replay.annotation.noOwner') })}</span>
                  <span className={overdue ? 'carry-overdue' : undefined}>{due ? t(overdue ? 'replay.carry.overdue' : 'replay.carry.due', { date: due }) : t('replay.carry.noDue')}</span>
                  <button type="button" className="link-like" onClick={() => navigate({ screen: 'replay', runId: action.annotation.runId })}>
                    {t('replay.carry.from', { run: action.runName, date: action.runDate })}
                    {action.fromScenarioTitle ? t('replay.carry.ofScenario', { title: action.fromScenarioTitle }) : ''}
                  </button>
                </div>
                <button type="button" className="carry-done" onClick={() => void markDone(action)} data-testid="open-improvement-done">
                  {t('replay.carry.markDone')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
