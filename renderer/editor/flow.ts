/**
 * The React Flow side of the scenario: nodes and edges that carry only
 * identity, kind, position and selection. What a node shows (title, roles,
 * duration) is read by the node itself from the editor store, so typing a
 * title re-renders one node and leaves these arrays alone.
 */
import { MarkerType, Position, type Edge as FlowEdge, type EdgeMarker, type Node, type NodeHandle } from '@xyflow/react';
import { DEFAULT_NODE_HEIGHT, DEFAULT_NODE_WIDTH } from '../../shared/layout';
import { NO_FLOW_ARIA_LABEL } from '../components/flowText';
import type { Edge, Step, StepKind } from '../../shared/model';

/** A step node's data: its kind, one variant per node type. */
export type StepNodeData = { kind: StepKind };
export type StepFlowNode = Node<StepNodeData, StepKind>;
export type LinkFlowEdge = FlowEdge<Record<string, never>, 'link'>;

export const NODE_WIDTH = DEFAULT_NODE_WIDTH;
export const NODE_HEIGHT = DEFAULT_NODE_HEIGHT;
export const GRID = 20;

const dataByKind: Record<StepKind, StepNodeData> = {
  inject: { kind: 'inject' },
  action: { kind: 'action' },
  decision: { kind: 'decision' },
  milestone: { kind: 'milestone' },
};

/**
 * Where a step's handles are before it has been drawn (12 px dots on the
 * middle of the left and right sides of a default-size card). React Flow
 * draws every node without handle positions once, just to measure it, even
 * off screen; with these, only the nodes in view are drawn, so a
 * 2,000-step drill opens by drawing the few dozen steps it shows. A node
 * loses them as soon as React Flow has measured it (`withoutStaticHandles`).
 */
const STATIC_HANDLES: NodeHandle[] = [
  { type: 'target', position: Position.Left, x: -6, y: NODE_HEIGHT / 2 - 6, width: 12, height: 12 },
  { type: 'source', position: Position.Right, x: NODE_WIDTH - 6, y: NODE_HEIGHT / 2 - 6, width: 12, height: 12 },
];

/**
 * Flow nodes for the steps, reusing each previous node object whose kind and
 * position did not change (React Flow then skips it). A node not yet
 * measured carries the static handles.
 */
export function nodesOf(steps: readonly Step[], previous: readonly StepFlowNode[] = []): StepFlowNode[] {
  const before = new Map(previous.map((node) => [node.id, node]));
  return steps.map((step) => {
    const node = before.get(step.id);
    if (node && node.type === step.kind && node.position.x === step.position.x && node.position.y === step.position.y) return node;
    const next: StepFlowNode = {
      ...node,
      id: step.id,
      type: step.kind,
      position: step.position,
      data: dataByKind[step.kind],
      initialWidth: NODE_WIDTH,
      initialHeight: NODE_HEIGHT,
    };
    if (node?.measured) delete next.handles;
    else next.handles = STATIC_HANDLES;
    return next;
  });
}

/** Measured nodes without the static handles, so React Flow keeps the handle positions it measured. */
export function withoutStaticHandles(nodes: StepFlowNode[], measuredIds: ReadonlySet<string>): StepFlowNode[] {
  if (measuredIds.size === 0) return nodes;
  return nodes.map((node) => {
    if (!node.handles || !measuredIds.has(node.id)) return node;
    const { handles: _handles, ...rest } = node;
    return rest;
  });
}

/** Arrow heads, one per edge kind (React Flow defines each distinct marker once). */
const MARKERS: Record<Edge['kind'], EdgeMarker> = {
  sequence: { type: MarkerType.ArrowClosed, color: '#64748b', width: 18, height: 18 },
  conditional: { type: MarkerType.ArrowClosed, color: '#7c3aed', width: 18, height: 18 },
};

/** Flow edges for the scenario's edges, reusing previous edge objects whose ends and kind did not change. */
export function edgesOf(edges: readonly Edge[], previous: readonly LinkFlowEdge[] = []): LinkFlowEdge[] {
  const before = new Map(previous.map((edge) => [edge.id, edge]));
  return edges.map((edge) => {
    const old = before.get(edge.id);
    if (old && old.source === edge.source && old.target === edge.target && old.className === `link-${edge.kind}`) return old;
    return {
      ...old,
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: 'link',
      className: `link-${edge.kind}`,
      markerEnd: MARKERS[edge.kind],
      ariaLabel: NO_FLOW_ARIA_LABEL,
    };
  });
}

/** The same items with exactly `ids` selected; unchanged items keep their identity. */
export function withSelection<T extends { id: string; selected?: boolean }>(items: readonly T[], ids: ReadonlySet<string>): T[] {
  let changed = false;
  const next = items.map((item) => {
    const selected = ids.has(item.id);
    if (Boolean(item.selected) === selected) return item;
    changed = true;
    return { ...item, selected };
  });
  return changed ? next : (items as T[]);
}

/** Snaps a position to the grid. */
export const snapped = (position: { x: number; y: number }, on: boolean) =>
  on ? { x: Math.round(position.x / GRID) * GRID, y: Math.round(position.y / GRID) * GRID } : { x: Math.round(position.x), y: Math.round(position.y) };

/**
 * A free spot near `wanted` for a new step: moves down one row at a time
 * until no step's box overlaps. Example: adding after a step whose right
 * neighbour is taken places the new step under that neighbour.
 */
export function freeSpotNear(steps: readonly Pick<Step, 'position'>[], wanted: { x: number; y: number }) {
  const spot = { ...wanted };
  for (let tries = 0; tries < 50; tries++) {
    const hit = steps.some(
      (step) => Math.abs(step.position.x - spot.x) < NODE_WIDTH - 20 && Math.abs(step.position.y - spot.y) < NODE_HEIGHT + 10,
    );
    if (!hit) return spot;
    spot.y += NODE_HEIGHT + 40;
  }
  return spot;
}

/** Fitting steps into the canvas lives with the other view rules in shared/viewport.ts. */
export { viewportToFit } from '../../shared/viewport';
