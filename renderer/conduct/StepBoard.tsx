/**
 * The steps of a run grouped by state: under way and ready first (what the
 * control team acts on now), then waiting, then a compact list of what is
 * done, skipped or on a branch not taken. Each open step has its one-click
 * buttons; late steps are marked red.
 */
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, ScenarioBody, Step } from '../../shared/model';
import { plannedTimesOf, type RunStateAt, type StepState, type StepStatus } from '../../shared/runState';
import { clockAt } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';

export type StepAction = 'delivered' | 'start' | 'complete' | 'skip' | 'decide';

type CardProps = {
  step: Step;
  status: StepStatus;
  late: boolean;
  startedAt: number | null;
  finishedAt: number | null;
  deliveredAt: number | null;
  skippedReason: string;
  branchLabel: string | null;
  plannedStart: number | null;
  plannedFinish: number | null;
  critical: boolean;
  roles: Role[];
  busy: boolean;
  locked: boolean;
  onAction: (step: Step, action: StepAction) => void;
};

/** The buttons a step offers in its state: the likely next click first. */
function actionsOf(step: Step, status: StepStatus): StepAction[] {
  if (status === 'done' || status === 'skipped' || status === 'not-taken') return [];
  const started = status === 'under-way';
  switch (step.kind) {
    case 'inject':
      return ['delivered', 'skip'];
    case 'decision':
      return started ? ['decide', 'skip'] : ['start', 'decide', 'skip'];
    case 'milestone':
      return ['complete', 'skip'];
    case 'action':
      return started ? ['complete', 'skip'] : ['start', 'complete', 'skip'];
  }
}

function Actual(props: Pick<CardProps, 'step' | 'status' | 'startedAt' | 'finishedAt' | 'deliveredAt' | 'skippedReason' | 'branchLabel'>) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const parts: string[] = [];
  if (props.deliveredAt !== null) parts.push(t('conduct.console.actualDelivered', { time: clockAt(props.deliveredAt, zone) }));
  else {
    if (props.startedAt !== null) parts.push(t('conduct.console.actualStarted', { time: clockAt(props.startedAt, zone) }));
    if (props.finishedAt !== null) parts.push(t('conduct.console.actualDone', { time: clockAt(props.finishedAt, zone) }));
  }
  if (props.branchLabel) parts.push(t('conduct.console.branchTaken', { label: props.branchLabel }));
  if (props.status === 'skipped') parts.push(t('conduct.console.skippedBecause', { reason: props.skippedReason || '—' }));
  return parts.length > 0 ? <div className="step-actual">{parts.join(' · ')}</div> : null;
}

const StepCard = memo(function StepCard(props: CardProps) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const { step, status } = props;
  const buttonLabel = (action: StepAction) =>
    action === 'delivered'
      ? t('conduct.buttons.delivered')
      : action === 'start'
        ? t('conduct.buttons.start')
        : action === 'complete'
          ? step.kind === 'milestone'
            ? t('conduct.buttons.reached')
            : t('conduct.buttons.complete')
          : action === 'skip'
            ? t('conduct.buttons.skip')
            : t('conduct.buttons.decide');
  const actions = props.locked ? [] : actionsOf(step, status);
  const emphasise = status === 'ready' || status === 'under-way';
  return (
    <li className={`run-step run-step-${step.kind} run-${status}${props.late ? ' run-late' : ''}`} data-testid="run-step" data-step-id={step.id} data-status={status} data-late={props.late}>
      <div className="run-step-top">
        <span className={`rc-kind rc-kind-${step.kind}`}>{t(`kind.${step.kind}`)}</span>
        {props.late && <span className="rc-late">{t('conduct.console.late')}</span>}
        {props.critical && <span className="rc-critical">{t('conduct.console.critical')}</span>}
        <span className="run-step-plan">
          {props.plannedStart !== null &&
            (props.plannedFinish !== null && props.plannedFinish > props.plannedStart
              ? t('conduct.console.plannedRange', { start: clockAt(props.plannedStart, zone), end: clockAt(props.plannedFinish, zone) })
              : t('conduct.console.planned', { time: clockAt(props.plannedStart, zone) }))}
        </span>
      </div>
      <div className="run-step-title">{step.title}</div>
      <div className="run-step-roles">
        {props.roles.length === 0 ? (
          <span className="muted small">{t('conduct.console.noRoles')}</span>
        ) : (
          props.roles.map((role) => (
            <span key={role.id} className="role-chip" style={{ borderColor: role.color, color: role.color }}>
              {role.name}
            </span>
          ))
        )}
      </div>
      <Actual {...props} />
      {actions.length > 0 && (
        <div className="run-step-buttons">
          {actions.map((action, i) => (
            <button
              key={action}
              className={i === 0 && emphasise ? 'primary' : action === 'skip' ? 'rc-quiet' : ''}
              disabled={props.busy}
              onClick={() => props.onAction(step, action)}
              data-testid={`step-${action}`}
            >
              {buttonLabel(action)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
});

const OPEN_GROUPS: StepStatus[] = ['under-way', 'ready', 'waiting'];
const CLOSED_GROUPS: StepStatus[] = ['done', 'skipped', 'not-taken'];

export function StepBoard(props: {
  plan: ScenarioBody;
  order: readonly string[];
  state: RunStateAt;
  locked: boolean;
  busyStepIds: ReadonlySet<string>;
  onAction: (step: Step, action: StepAction) => void;
}) {
  const { t } = useTranslation();
  const [showClosed, setShowClosed] = useState(true);
  const { plan, state } = props;
  // Looked up once per plan, so the cards' props stay equal between clock ticks and their memo holds.
  const { steps, edges, rolesOf } = useMemo(() => {
    const roles = new Map(plan.roles.map((role) => [role.id, role]));
    const rolesOf = new Map(plan.steps.map((step) => [step.id, step.roleIds.flatMap((roleId) => roles.get(roleId) ?? [])]));
    return { steps: new Map(plan.steps.map((step) => [step.id, step])), edges: new Map(plan.edges.map((edge) => [edge.id, edge])), rolesOf };
  }, [plan]);
  const groups = new Map<StepStatus, string[]>();
  for (const id of props.order) {
    const status = state.steps.get(id)?.status;
    if (!status) continue;
    const list = groups.get(status);
    if (list) list.push(id);
    else groups.set(status, [id]);
  }

  const branchLabelOf = (s: StepState) => {
    if (!s.branchEdgeId) return null;
    const edge = edges.get(s.branchEdgeId);
    return edge ? edge.label || steps.get(edge.target)?.title || edge.id : s.branchEdgeId;
  };
  const cardOf = (id: string) => {
    const step = steps.get(id)!;
    const s = state.steps.get(id)!;
    const planned = plannedTimesOf(state, id);
    return (
      <StepCard
        key={id}
        step={step}
        status={s.status}
        late={s.late}
        startedAt={s.startedAt}
        finishedAt={s.finishedAt}
        deliveredAt={s.deliveredAt}
        skippedReason={s.skippedReason}
        branchLabel={branchLabelOf(s)}
        plannedStart={planned?.start ?? null}
        plannedFinish={planned?.finish ?? null}
        critical={planned?.critical ?? false}
        roles={rolesOf.get(id)!}
        busy={props.busyStepIds.has(id)}
        locked={props.locked}
        onAction={props.onAction}
      />
    );
  };
  const closedCount = CLOSED_GROUPS.reduce((sum, status) => sum + (groups.get(status)?.length ?? 0), 0);

  return (
    <div className="step-board" data-testid="step-board">
      {OPEN_GROUPS.map((status) => {
        const ids = groups.get(status) ?? [];
        return (
          <section key={status} className={`step-group step-group-${status}`} data-testid={`group-${status}`}>
            <h3>
              {t(`conduct.stepStatus.${status}`)} <span className="count">{ids.length}</span>
            </h3>
            {ids.length === 0 ? <p className="muted small group-empty">{t('conduct.console.groupEmpty')}</p> : <ul className="step-cards">{ids.map(cardOf)}</ul>}
          </section>
        );
      })}
      {closedCount > 0 && (
        <section className="step-group step-group-closed">
          <h3>
            {CLOSED_GROUPS.filter((status) => groups.has(status))
              .map((status) => `${t(`conduct.stepStatus.${status}`)} ${groups.get(status)!.length}`)
              .join(' · ')}
            <button className="rc-link small" onClick={() => setShowClosed(!showClosed)}>
              {showClosed ? t('conduct.console.hideDone') : t('conduct.console.showDone')}
            </button>
          </h3>
          {showClosed &&
            CLOSED_GROUPS.map((status) => {
              const ids = groups.get(status);
              return ids ? (
                <ul key={status} className="step-cards step-cards-closed" data-testid={`group-${status}`}>
                  {ids.map(cardOf)}
                </ul>
              ) : null;
            })}
        </section>
      )}
    </div>
  );
}
