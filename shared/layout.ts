/**
 * Automatic layout of a step graph with dagre: steps in ranks by dependency,
 * left to right (or top to bottom), for scenarios imported or generated
 * without positions and for the editor's "tidy up" command.
 */
import { Graph, layout, type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { Edge, Position, Step } from './model';

export type LayoutOptions = {
  /** `LR`: dependencies run left to right (the default); `TB`: top to bottom. */
  direction?: 'LR' | 'TB';
  nodeWidth?: number;
  nodeHeight?: number;
};

/** The size of a custom step node in the editor, in pixels. */
export const DEFAULT_NODE_WIDTH = 220;
export const DEFAULT_NODE_HEIGHT = 96;
/** Gap between ranks (columns in `LR`) and between nodes of one rank. */
export const RANK_SEPARATION = 80;
export const NODE_SEPARATION = 30;

/**
 * Above this many steps dagre's default ranking (network simplex) and full
 * crossing reduction take many seconds (15 s for 1,000 steps on a 2-core
 * machine), so larger graphs are ranked by dependency depth in linear time
 * and ordered with dagre's quick heuristic: about 1 s for 2,000 steps.
 */
export const LARGE_LAYOUT_STEPS = 300;

/**
 * A dagre ranker that puts each node one rank (times the edge's `minlen`)
 * after its latest predecessor, nodes without predecessors in rank 0: the
 * columns read like the schedule. Linear in the graph (Kahn's algorithm);
 * dagre has already made the graph acyclic when it calls a ranker.
 */
function dependencyRanker(g: Graph<GraphLabel, NodeLabel, EdgeLabel>): void {
  const remaining = new Map<string, number>();
  const queue: string[] = [];
  for (const v of g.nodes()) {
    const count = g.inEdges(v)?.length ?? 0;
    remaining.set(v, count);
    if (count === 0) {
      g.node(v).rank = 0;
      queue.push(v);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const rank = g.node(queue[head]).rank ?? 0;
    for (const e of g.outEdges(queue[head]) ?? []) {
      const target = g.node(e.w);
      const next = rank + (g.edge(e)?.minlen ?? 1);
      if (target.rank === undefined || next > target.rank) target.rank = next;
      const left = remaining.get(e.w)! - 1;
      remaining.set(e.w, left);
      if (left === 0) queue.push(e.w);
    }
  }
}

/**
 * Positions for every step, as top-left corners (React Flow's convention;
 * dagre computes centres), rounded to whole pixels. Edges to missing steps
 * and self-edges are ignored; cycles are laid out anyway (dagre reverses a
 * few edges internally). Example: a chain A → B → C gets increasing x and
 * one shared y. Graphs above `LARGE_LAYOUT_STEPS` get the quicker layout
 * described there; it still takes a second or two for thousands of steps,
 * so a caller on a UI thread should show that it is busy.
 */
export function layoutOf(
  graph: { steps: readonly Pick<Step, 'id'>[]; edges: readonly Pick<Edge, 'source' | 'target'>[] },
  options: LayoutOptions = {},
): Map<string, Position> {
  const width = options.nodeWidth ?? DEFAULT_NODE_WIDTH;
  const height = options.nodeHeight ?? DEFAULT_NODE_HEIGHT;
  const large = graph.steps.length > LARGE_LAYOUT_STEPS;
  const g = new Graph<GraphLabel, NodeLabel, EdgeLabel>();
  const label: GraphLabel = {
    rankdir: options.direction ?? 'LR',
    ranksep: RANK_SEPARATION,
    nodesep: NODE_SEPARATION,
    marginx: 0,
    marginy: 0,
  };
  // dagre calls a function ranker at run time (lib/rank: `typeof ranker == "function"`); its types list only the names.
  if (large) (label as Record<string, unknown>).ranker = dependencyRanker;
  g.setGraph(label);
  g.setDefaultEdgeLabel(() => ({}));
  for (const step of graph.steps) g.setNode(step.id, { width, height });
  for (const edge of graph.edges) {
    if (edge.source === edge.target || !g.hasNode(edge.source) || !g.hasNode(edge.target)) continue;
    g.setEdge(edge.source, edge.target);
  }
  layout(g, large ? { disableOptimalOrderHeuristic: true } : {});
  const positions = new Map<string, Position>();
  for (const id of g.nodes()) {
    const node = g.node(id);
    positions.set(id, { x: Math.round((node.x ?? 0) - width / 2), y: Math.round((node.y ?? 0) - height / 2) });
  }
  return positions;
}

/**
 * Whether steps need an automatic layout: when every step sits at (0, 0)
 * (never placed), or when more than half of them share their position with
 * another step (piled up, e.g. after an import). No steps need no layout.
 */
export function needsLayoutOf(steps: readonly Pick<Step, 'position'>[]): boolean {
  if (steps.length === 0) return false;
  if (steps.every((step) => step.position.x === 0 && step.position.y === 0)) return true;
  const countAt = new Map<string, number>();
  for (const { position } of steps) {
    const key = `${position.x},${position.y}`;
    countAt.set(key, (countAt.get(key) ?? 0) + 1);
  }
  let piled = 0;
  for (const count of countAt.values()) if (count > 1) piled += count;
  return piled > steps.length / 2;
}
