/**
 * The canvas: React Flow over the store's node and edge arrays. Selection,
 * measuring and dragging flow through `applyFlow*Changes`; a finished drag
 * becomes one move; connecting two handles adds an edge; dropping a palette
 * item or a fragment adds it where it lands. Deleting and every other key
 * belong to the command registry, not to React Flow.
 */
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnReconnect,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepKind } from '../../shared/model';
import { openingViewportOf, type Viewport } from '../../shared/viewport';
import { usePrefs } from '../app/prefs';
import { FlowCredit, HIDE_FLOW_CREDIT, useFlowAriaLabels } from '../components/flowText';
import { addStepEdit, connectEdit, insertFragmentEdit } from './commands';
import { EdgeLabelHost, edgeTypes } from './edges';
import { GRID, NODE_HEIGHT, NODE_WIDTH, withoutStaticHandles, type LinkFlowEdge, type StepFlowNode } from './flow';
import { useFragments } from './fragments';
import { pickStep } from '../evaluation/pick';
import { Icon } from './icons';
import { contextOf } from './keyboard';
import { minimapColorOf, nodeTypes } from './nodes';
import { applyOutcome } from './outcomes';
import { setCanvasPointer } from './pointer';
import { applyFlowEdgeChanges, applyFlowNodeChanges, commit, endDrag, fitAll, flowInstance, setFlowInstance, useEditor } from './store';
import { showDrill } from './view';

/** Drag-and-drop types of palette items and fragments. */
export const DRAG_KIND = 'application/x-drilldesk-kind';
export const DRAG_FRAGMENT = 'application/x-drilldesk-fragment';

/** How long the view stays still before the dots and the minimap come back. */
const MOVE_SETTLE_MS = 150;
const SNAP_GRID: [number, number] = [GRID, GRID];
const MULTI_SELECT_KEYS = ['Shift', 'Control', 'Meta'];
/** While an evaluation item picks its steps, a click on a step links or unlinks it. */
const onNodeClick = (_event: unknown, node: { id: string }) => void pickStep(node.id);

const isValidConnection: IsValidConnection = (connection) => connection.source !== connection.target;

function onNodesChange(changes: NodeChange<StepFlowNode>[]) {
  const relevant = changes.filter((change) => change.type !== 'remove' && change.type !== 'add' && change.type !== 'replace');
  if (relevant.length === 0) return;
  const measured = new Set(relevant.flatMap((change) => (change.type === 'dimensions' ? [change.id] : [])));
  applyFlowNodeChanges(withoutStaticHandles(applyNodeChanges(relevant, useEditor.getState().nodes), measured), relevant);
}

function onEdgesChange(changes: EdgeChange<LinkFlowEdge>[]) {
  const relevant = changes.filter((change) => change.type === 'select');
  if (relevant.length === 0) return;
  applyFlowEdgeChanges(applyEdgeChanges(relevant, useEditor.getState().edges), true);
}

function onConnect(connection: Connection) {
  applyOutcome(connectEdit(useEditor.getState(), connection.source, connection.target));
}

const onReconnect: OnReconnect<LinkFlowEdge> = (old, connection) => {
  const edge = useEditor.getState().edgeById.get(old.id);
  if (!edge || connection.source === connection.target) return;
  if (edge.source === connection.source && edge.target === connection.target) return;
  commit([
    { op: 'removeEdge', id: edge.id },
    { op: 'addEdge', edge: { ...edge, source: connection.source, target: connection.target } },
  ]);
};

function onMouseMove(event: MouseEvent) {
  setCanvasPointer(flowInstance()?.screenToFlowPosition({ x: event.clientX, y: event.clientY }) ?? null);
}

function onDragOver(event: DragEvent) {
  if (event.dataTransfer.types.includes(DRAG_KIND) || event.dataTransfer.types.includes(DRAG_FRAGMENT)) {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }
}

function onDrop(event: DragEvent) {
  const flow = flowInstance();
  if (!flow) return;
  const kind = event.dataTransfer.getData(DRAG_KIND) as StepKind | '';
  const fragmentId = event.dataTransfer.getData(DRAG_FRAGMENT);
  if (!kind && !fragmentId) return;
  event.preventDefault();
  const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
  const ctx = contextOf();
  if (kind) {
    applyOutcome(
      addStepEdit({ ...ctx, state: { ...ctx.state, selection: { stepIds: [], edgeIds: [] } } }, kind, {
        x: at.x - NODE_WIDTH / 2,
        y: at.y - NODE_HEIGHT / 2,
      }),
    );
    return;
  }
  const fragment = useFragments.getState().fragments?.find((f) => f.id === fragmentId);
  if (fragment) applyOutcome(insertFragmentEdit({ ...ctx, pointer: at }, fragment.body));
}

export function Canvas() {
  const { t } = useTranslation();
  const ariaLabels = useFlowAriaLabels();
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const empty = useEditor((state) => state.body.steps.length === 0);
  const snap = usePrefs((state) => state.prefs.snapToGrid);
  const onMouseLeave = useCallback(() => setCanvasPointer(null), []);
  const box = useRef<HTMLDivElement>(null);
  // The first view is computed from the canvas size before React Flow mounts
  // (React Flow's own fitView waits for every node to be measured, and with
  // only the visible nodes drawn that never happens). While nobody has moved
  // it, the opening view follows the canvas's size (a banner shown above it
  // after loading makes it shorter).
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const opening = useRef<Viewport | null>(null);
  useLayoutEffect(() => {
    const element = box.current;
    const rect = element?.getBoundingClientRect();
    const { steps, edges } = useEditor.getState().body;
    opening.current = openingViewportOf(steps, edges, rect?.width ?? 900, rect?.height ?? 700);
    setViewport(opening.current);
    if (!element) return;
    const observer = new ResizeObserver(() => {
      const now = flowInstance()?.getViewport();
      const was = opening.current;
      if (now && was && now.x === was.x && now.y === was.y && now.zoom === was.zoom) opening.current = showDrill();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // The element edge labels are portalled into, found once here rather than
  // by React Flow's EdgeLabelRenderer, whose selector runs querySelector for
  // every label on every store update (130 ms a frame zoomed out).
  const [labelHost, setLabelHost] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (viewport) setLabelHost(box.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null);
  }, [viewport]);
  // While the user pans or zooms the canvas, the dots and the minimap are
  // hidden (a class on the container, no re-render): each of them repaints a
  // canvas-sized area on every frame of the move. The class stays until the
  // view has been still for a moment (React Flow's move end can arrive after
  // the next move has started). Moves made by the program (fit all, the
  // minimap's own drag and zoom) have no source event and keep them shown.
  const still = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onMove = useCallback((event: unknown) => {
    if (!event) return;
    box.current?.classList.add('is-moving');
    clearTimeout(still.current);
    still.current = setTimeout(() => box.current?.classList.remove('is-moving'), MOVE_SETTLE_MS);
  }, []);
  useLayoutEffect(() => () => clearTimeout(still.current), []);
  return (
    <div ref={box} className="editor-canvas" data-testid="canvas" onMouseMove={onMouseMove} onMouseLeave={onMouseLeave} onDragOver={onDragOver} onDrop={onDrop}>
      {empty && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <strong>{t('editor.emptyTitle')}</strong>
          <span>{t('editor.emptyHint')}</span>
        </div>
      )}
      {viewport && <EdgeLabelHost.Provider value={labelHost}><ReactFlow<StepFlowNode, LinkFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onReconnect={onReconnect}
        isValidConnection={isValidConnection}
        onInit={setFlowInstance}
        onMove={onMove}
        onNodeDragStop={endDrag}
        onSelectionDragStop={endDrag}
        onNodeClick={onNodeClick}
        defaultViewport={viewport}
        onlyRenderVisibleElements
        minZoom={0.05}
        maxZoom={2}
        snapToGrid={snap}
        snapGrid={SNAP_GRID}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        disableKeyboardA11y
        zoomOnDoubleClick={false}
        ariaLabelConfig={ariaLabels}
        proOptions={HIDE_FLOW_CREDIT}
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID} size={1.2} color="#c5cdd8" />
        <Controls showInteractive={false} showFitView={false} position="bottom-left">
          <ControlButton onClick={() => fitAll()} title={t('editor.command.fit-view')} aria-label={t('editor.command.fit-view')}>
            <Icon name="fit" size={12} />
          </ControlButton>
        </Controls>
        <MiniMap pannable zoomable nodeColor={minimapColorOf} nodeStrokeWidth={0} maskColor="rgba(15, 39, 71, 0.08)" position="bottom-right" />
        <FlowCredit />
      </ReactFlow></EdgeLabelHost.Provider>}
    </div>
  );
}
