/**
 * The step nodes: one memoised component per kind, registered once at module
 * scope. Each reads its own step from the editor store by id (narrow,
 * shallow-compared selectors), so editing one step re-renders one node.
 */
import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Role, StepKind } from '../../shared/model';
import type { StepFlowNode } from './flow';
import { Icon } from './icons';
import { useCanvasLabels } from './labels';
import { useEditor } from './store';
import { usePickedStep } from '../evaluation/pick';

const EMPTY: readonly Role[] = [];

/**
 * What a node shows: its step (the same object until that step changes, so
 * identity is the comparison) and three flags; no allocation per store update.
 */
function useStepView(id: string) {
  const step = useEditor((state) => state.stepById.get(id));
  const level = useEditor((state) => state.findingLevels.get(id) ?? null);
  const match = useEditor((state) => state.find.matchSet.has(id));
  const current = useEditor((state) => state.find.matches[state.find.index] === id);
  return {
    title: step?.title ?? '',
    location: step?.location ?? '',
    durationMin: step?.durationMin ?? null,
    extra: step?.kind === 'decision' ? step.question : step?.kind === 'inject' ? step.deliveryMethod : '',
    roleIds: step?.roleIds,
    level,
    match,
    current,
  };
}

/** The roles of a step, as role objects (stable while the roles do not change). */
function useRoles(roleIds: readonly string[] | undefined) {
  return useEditor(useShallow((state) => (roleIds ? roleIds.map((id) => state.roleById.get(id)).filter((role): role is Role => !!role) : EMPTY)));
}

/** Below this zoom a card's text is too small to read (under ~4 px): cards become plain blocks, which is far cheaper to draw when thousands are in view. */
export const FAR_ZOOM = 0.3;
const isFar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;

/** The card at a distance: its kind's colour, its finding, its selection; no text. */
function FarCard(props: { id: string; kind: StepKind; selected: boolean }) {
  const level = useEditor((state) => state.findingLevels.get(props.id) ?? null);
  const current = useEditor((state) => state.find.matches[state.find.index] === props.id || state.find.matchSet.has(props.id));
  const picked = usePickedStep(props.id);
  const classes = ['step-card', 'step-card-far', `step-card-${props.kind}`];
  if (props.selected) classes.push('is-selected');
  if (picked) classes.push('is-picked');
  if (current) classes.push('is-match');
  if (level === 'error') classes.push('has-error');
  return (
    <div className={classes.join(' ')} data-testid="step-node" data-step-id={props.id} data-kind={props.kind} data-picked={picked ? 'true' : undefined}>
      <Handle type="target" position={Position.Left} className="step-handle step-handle-in" />
      <Handle type="source" position={Position.Right} className="step-handle step-handle-out" />
    </div>
  );
}

const KIND_ICON: Record<StepKind, string> = { inject: 'inject', action: 'action', decision: 'decision', milestone: 'milestone' };

function StepCard(props: { id: string; kind: StepKind; selected: boolean }) {
  const far = useStore(isFar);
  return far ? <FarCard {...props} /> : <NearCard {...props} />;
}

function NearCard(props: { id: string; kind: StepKind; selected: boolean }) {
  const labels = useCanvasLabels();
  const view = useStepView(props.id);
  const roles = useRoles(view.roleIds);
  const picked = usePickedStep(props.id);
  const classes = ['step-card', `step-card-${props.kind}`];
  if (props.selected) classes.push('is-selected');
  if (picked) classes.push('is-picked');
  if (view.match) classes.push('is-match');
  if (view.current) classes.push('is-current-match');
  return (
    <div className={classes.join(' ')} data-testid="step-node" data-step-id={props.id} data-kind={props.kind} data-picked={picked ? 'true' : undefined}>
      <Handle type="target" position={Position.Left} className="step-handle step-handle-in" />
      <div className="step-card-head">
        <Icon name={KIND_ICON[props.kind]} size={13} />
        <span className="step-card-kind">{labels.kind[props.kind]}</span>
        {view.durationMin !== null && props.kind !== 'milestone' && (
          <span className="step-card-duration">
            <Icon name="clock" size={11} />
            {labels.minutes(view.durationMin)}
          </span>
        )}
        {view.level && (
          <span className={`step-card-finding finding-${view.level}`} title={labels.severity[view.level]} data-testid="step-finding">
            <Icon name={view.level === 'error' ? 'error' : 'warning'} size={12} />
          </span>
        )}
      </div>
      <div className="step-card-title" data-testid="step-title">
        {view.title}
      </div>
      {view.extra && (
        <div className="step-card-extra">
          {props.kind === 'decision' ? labels.questionMark : ''}
          {view.extra}
        </div>
      )}
      {view.location && (
        <div className="step-card-location">
          <Icon name="pin" size={11} />
          {view.location}
        </div>
      )}
      {roles.length > 0 && (
        <div className="step-card-roles">
          {roles.map((role) => (
            <span key={role.id} className="role-chip" data-testid="role-chip">
              <span className="role-dot" style={{ background: role.color }} />
              {role.name}
            </span>
          ))}
        </div>
      )}
      <Handle type="source" position={Position.Right} className="step-handle step-handle-out" />
    </div>
  );
}

const MemoStepCard = memo(StepCard);

const InjectNode = memo((props: NodeProps<StepFlowNode>) => <MemoStepCard id={props.id} kind="inject" selected={props.selected} />);
const ActionNode = memo((props: NodeProps<StepFlowNode>) => <MemoStepCard id={props.id} kind="action" selected={props.selected} />);
const DecisionNode = memo((props: NodeProps<StepFlowNode>) => <MemoStepCard id={props.id} kind="decision" selected={props.selected} />);
const MilestoneNode = memo((props: NodeProps<StepFlowNode>) => <MemoStepCard id={props.id} kind="milestone" selected={props.selected} />);

/** Registered once, here, so React Flow never sees a new object (error002). */
export const nodeTypes = { inject: InjectNode, action: ActionNode, decision: DecisionNode, milestone: MilestoneNode };

/** Minimap colours by kind. */
const MINIMAP_COLORS: Record<string, string> = { inject: '#ea580c', action: '#2563eb', decision: '#7c3aed', milestone: '#0f766e' };
export const minimapColorOf = (node: { type?: string }) => MINIMAP_COLORS[node.type ?? ''] ?? '#94a3b8';
