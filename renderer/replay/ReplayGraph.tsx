/**
 * The run's plan as a graph showing each step's state at t: memoised nodes
 * read their own view by id from the replay store, so a seek re-renders only
 * the steps that changed; edges change only when a branch is taken.
 */
import { Background, Controls, Handle, MiniMap, Panel, Position, ReactFlow, useReactFlow, type Edge as FlowEdge, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioBody, Step } from '../../shared/model';
import { useReplay, type StepView } from './store';

type ReplayNodeData = { step: Step; roles: { id: string; name: string; color: string }[] };
type ReplayNodeType = Node<ReplayNodeData, 'replayStep'>;

const WAITING: StepView = { status: 'waiting', late: false, flashing: false };

function ReplayStepNode({ id, data }: NodeProps<ReplayNodeType>) {
  const { t } = useTranslation();
  const view = useReplay((state) => state.views[id]) ?? WAITING;
  const { step } = data;
  const classes = ['step-node', `step-${step.kind}`, 'replay-node', `is-${view.status}`, view.late ? 'is-late' : '', view.flashing ? 'is-flashing' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} data-testid="replay-node" data-step-id={step.id} data-status={view.status} data-late={view.late ? 'true' : 'false'} data-flashing={view.flashing ? 'true' : undefined}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="replay-node-head">
        <span className="step-kind">{t(`kind.${step.kind}`)}</span>
        <span className={`replay-status replay-status-${view.status}`}>
          {t(`replay.status.${view.status}`)}
          {view.late && <b className="replay-late-mark">{t('replay.status.late')}</b>}
        </span>
      </div>
      <div className="step-title">{step.title}</div>
      {data.roles.length > 0 && (
        <div className="role-chips">
          {data.roles.map((role) => (
            <span key={role.id} className="role-chip" style={{ borderColor: role.color, color: role.color }}>
              {role.name}
            </span>
          ))}
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { replayStep: memo(ReplayStepNode) };
const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.1 };
/** Node size before it is measured (the step node's CSS width and usual height), so the minimap and culling know it. */
const NODE_WIDTH = 220;
const NODE_HEIGHT = 84;

/**
 * Keeps the steps under way in view as t moves (the steps ready to start
 * when none is), zooming no further out than 0.5 so titles stay readable.
 * Panning or zooming by hand turns following off; the button turns it on.
 */
function FollowProgress(props: { follow: boolean; setFollow: (follow: boolean) => void }) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const focusKey = useReplay((state) => state.focusKey);
  useEffect(() => {
    if (!props.follow || focusKey === '') return;
    void flow.fitView({ nodes: focusKey.split(',').map((id) => ({ id })), padding: 0.35, minZoom: 0.5, maxZoom: 1, duration: 450 });
  }, [focusKey, props.follow, flow]);
  return (
    <Panel position="top-left">
      <button
        type="button"
        className={`follow-toggle${props.follow ? ' is-on' : ''}`}
        aria-pressed={props.follow}
        onClick={() => props.setFollow(!props.follow)}
        title={t('replay.graph.followHint')}
        data-testid="replay-follow"
      >
        {props.follow ? '◉' : '○'} {t('replay.graph.follow')}
      </button>
    </Panel>
  );
}

const STATUS_COLORS: Record<string, string> = {
  waiting: '#cbd5e1',
  ready: '#93c5fd',
  'under-way': '#f59e0b',
  done: '#16a34a',
  skipped: '#94a3b8',
  'not-taken': '#e5e7eb',
};

function minimapColor(node: Node): string {
  const view = useReplay.getState().views[node.id];
  if (!view) return STATUS_COLORS.waiting;
  return view.late && view.status !== 'done' ? '#dc2626' : STATUS_COLORS[view.status];
}

export function ReplayGraph(props: { plan: ScenarioBody }) {
  const { plan } = props;
  const branchKey = useReplay((state) => state.branchKey);
  const [follow, setFollow] = useState(true);
  const nodes = useMemo(() => {
    const roles = new Map(plan.roles.map((role) => [role.id, role]));
    return plan.steps.map(
      (step): ReplayNodeType => ({
        id: step.id,
        type: 'replayStep',
        position: step.position,
        draggable: false,
        connectable: false,
        initialWidth: NODE_WIDTH,
        initialHeight: NODE_HEIGHT,
        data: { step, roles: step.roleIds.flatMap((id) => (roles.has(id) ? [{ id, name: roles.get(id)!.name, color: roles.get(id)!.color }] : [])) },
      }),
    );
  }, [plan]);
  const edges = useMemo((): FlowEdge[] => {
    const { takenEdgeIds, notTakenEdgeIds, views } = useReplay.getState();
    const cut = (id: string) => views[id]?.status === 'not-taken';
    return plan.edges.map((edge) => {
      const taken = takenEdgeIds.has(edge.id);
      const dimmed = notTakenEdgeIds.has(edge.id) || cut(edge.source) || cut(edge.target);
      return {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        label: edge.label || undefined,
        className: ['replay-edge', edge.kind === 'conditional' ? 'is-conditional' : '', taken ? 'is-taken' : '', dimmed ? 'is-dimmed' : ''].filter(Boolean).join(' '),
        animated: taken,
        selectable: false,
        focusable: false,
        data: { kind: edge.kind },
      };
    });
    // branchKey stands for the store fields read above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan, branchKey]);

  return (
    <div className="replay-canvas" data-testid="replay-canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        onlyRenderVisibleElements
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onMoveStart={(event) => {
          if (event) setFollow(false);
        }}
      >
        <FollowProgress follow={follow} setFollow={setFollow} />
        <Background />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable nodeColor={minimapColor} />
      </ReactFlow>
    </div>
  );
}
