/**
 * The run's plan as a graph showing each step's state at t. Nodes and edges
 * are built once per plan; each memoised node and edge reads its own view by
 * id from the replay store, so a seek re-renders only the steps and edges
 * that changed, and the canvas never re-processes the whole graph.
 */
import {
  BaseEdge,
  Background,
  Controls,
  EdgeLabelRenderer,
  getBezierPath,
  Handle,
  MiniMap,
  Panel,
  Position,
  ReactFlow,
  useReactFlow,
  type Edge as FlowEdge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import { createContext, memo, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EdgeKind, ScenarioBody, Step, StepKind } from '../../shared/model';
import type { StepStatus } from '../../shared/runState';
import { FlowCredit, HIDE_FLOW_CREDIT, NO_FLOW_ARIA_LABEL, useFlowAriaLabels } from '../components/flowText';
import { useReplay, type StepView } from './store';

type ReplayNodeData = { step: Step; roles: { id: string; name: string; color: string }[] };
type ReplayNodeType = Node<ReplayNodeData, 'replayStep'>;
type ReplayEdgeType = FlowEdge<{ conditional: boolean }, 'replayEdge'>;

/** Labels every node shows, translated once per language (not once per node render). */
type Labels = { kind: Record<StepKind, string>; status: Record<StepStatus, string>; late: string; edge: Record<EdgeKind, string> };
const LabelsContext = createContext<Labels | null>(null);

const WAITING: StepView = { status: 'waiting', late: false, flashing: false };

function ReplayStepNode({ id, data }: NodeProps<ReplayNodeType>) {
  const labels = useContext(LabelsContext)!;
  const view = useReplay((state) => state.views[id]) ?? WAITING;
  const { step } = data;
  const classes = ['step-node', `step-${step.kind}`, 'replay-node', `is-${view.status}`, view.late ? 'is-late' : '', view.flashing ? 'is-flashing' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={classes} data-testid="replay-node" data-step-id={step.id} data-status={view.status} data-late={view.late ? 'true' : 'false'} data-flashing={view.flashing ? 'true' : undefined}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="replay-node-head">
        <span className="step-kind">{labels.kind[step.kind]}</span>
        <span className={`replay-status replay-status-${view.status}`}>
          {labels.status[view.status]}
          {view.late && <b className="replay-late-mark">{labels.late}</b>}
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

function ReplayEdgeView(props: EdgeProps<ReplayEdgeType>) {
  const labels = useContext(LabelsContext)!;
  const view = useReplay((state) => state.edgeViews[props.id]);
  const [path, labelX, labelY] = getBezierPath(props);
  const classes = ['replay-edge-path', props.data?.conditional ? 'is-conditional' : '', view ? `is-${view}` : ''].filter(Boolean).join(' ');
  return (
    <>
      <title>{labels.edge[props.data?.conditional ? 'conditional' : 'sequence']}</title>
      <BaseEdge path={path} className={classes} interactionWidth={0} />
      {props.label && (
        <EdgeLabelRenderer>
          <div className={`replay-edge-label${view ? ` is-${view}` : ''}`} style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {props.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const nodeTypes = { replayStep: memo(ReplayStepNode) };
const edgeTypes = { replayEdge: memo(ReplayEdgeView) };
const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.1 };
/** Node size before it is measured (the step node's CSS width and usual height), so the minimap and culling know it. */
const NODE_WIDTH = 220;
const NODE_HEIGHT = 84;
/** The view moves at most this often while following (ms). */
const FOLLOW_EVERY_MS = 1500;

/**
 * Keeps the steps under way in view as t moves (the steps ready to start
 * when none is), zooming no further out than 0.7 so titles stay readable.
 * It waits while the scrubber is dragged and moves at most every 1.5 s
 * (each move is a short animation, and animating the canvas costs frames).
 * Panning or zooming by hand turns following off; the button turns it on.
 */
function FollowProgress(props: { follow: boolean; setFollow: (follow: boolean) => void }) {
  const { t } = useTranslation();
  const flow = useReactFlow();
  const focusKey = useReplay((state) => state.focusKey);
  const scrubbing = useReplay((state) => state.scrubbing);
  const last = useRef(0);
  useEffect(() => {
    if (!props.follow || scrubbing || focusKey === '') return;
    const move = () => {
      last.current = performance.now();
      void flow.fitView({ nodes: focusKey.split(',').map((id) => ({ id })), padding: 0.3, minZoom: 0.7, maxZoom: 1, duration: 300 });
    };
    const wait = last.current + FOLLOW_EVERY_MS - performance.now();
    if (wait <= 0) {
      move();
      return;
    }
    const timer = setTimeout(move, wait);
    return () => clearTimeout(timer);
  }, [focusKey, scrubbing, props.follow, flow]);
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

const STATUS_COLORS: Record<StepStatus, string> = {
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
  const { t, i18n } = useTranslation();
  const { plan } = props;
  const [follow, setFollow] = useState(true);
  const ariaLabels = useFlowAriaLabels();
  const labels = useMemo(
    (): Labels => ({
      kind: { inject: t('kind.inject'), action: t('kind.action'), decision: t('kind.decision'), milestone: t('kind.milestone') },
      status: {
        waiting: t('replay.status.waiting'),
        ready: t('replay.status.ready'),
        'under-way': t('replay.status.under-way'),
        done: t('replay.status.done'),
        skipped: t('replay.status.skipped'),
        'not-taken': t('replay.status.not-taken'),
      },
      late: t('replay.status.late'),
      edge: { sequence: t('flow.edge.sequence'), conditional: t('flow.edge.conditional') },
    }),
    // The labels change with the language only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
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
  const edges = useMemo(
    () =>
      plan.edges.map(
        (edge): ReplayEdgeType => ({
          id: edge.id,
          type: 'replayEdge',
          source: edge.source,
          target: edge.target,
          label: edge.label || undefined,
          selectable: false,
          focusable: false,
          ariaLabel: NO_FLOW_ARIA_LABEL,
          data: { conditional: edge.kind === 'conditional' },
        }),
      ),
    [plan],
  );

  return (
    <div className="replay-canvas" data-testid="replay-canvas">
      <LabelsContext.Provider value={labels}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
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
          ariaLabelConfig={ariaLabels}
          proOptions={HIDE_FLOW_CREDIT}
        >
          <FollowProgress follow={follow} setFollow={setFollow} />
          <Background />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable nodeColor={minimapColor} />
          <FlowCredit />
        </ReactFlow>
      </LabelsContext.Provider>
    </div>
  );
}
