/**
 * Which part of a drill's graph a canvas shows: the view that fits a set of
 * steps, and the view a drill opens in. A view is React Flow's viewport
 * (`x`, `y` in screen pixels, `zoom`); steps are boxes at their positions,
 * with their drawn sizes when known and the default card size otherwise.
 */
import { DEFAULT_NODE_HEIGHT, DEFAULT_NODE_WIDTH } from './layout';
import type { Edge, Step } from './model';

export type Viewport = { x: number; y: number; zoom: number };
/** A step's drawn size once it has been measured. */
export type SizeOf = (id: string) => { width: number; height: number } | undefined;
type Placed = Pick<Step, 'id' | 'position'>;

export const MIN_ZOOM = 0.05;
/** The zoom at which card titles can be read: a drill opens at least this close. */
export const READABLE_ZOOM = 0.6;
export const MAX_ZOOM = 2;
/** Fitting never zooms in beyond this: a three-step drill should not fill the screen with giant cards. */
const FIT_MAX_ZOOM = 1.1;
/** Room left around what a fit shows, as a share of the canvas (React Flow's fitView padding). */
const FIT_PADDING = 0.12;
/** Margin around what the opening view shows when the drill does not fit, in screen pixels. */
const VIEW_MARGIN = 40;

const noSizes: SizeOf = () => undefined;

function boundsOf(steps: readonly Placed[], sizeOf: SizeOf) {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const step of steps) {
    const size = sizeOf(step.id);
    left = Math.min(left, step.position.x);
    top = Math.min(top, step.position.y);
    right = Math.max(right, step.position.x + (size?.width ?? DEFAULT_NODE_WIDTH));
    bottom = Math.max(bottom, step.position.y + (size?.height ?? DEFAULT_NODE_HEIGHT));
  }
  return { left, top, right, bottom };
}

/**
 * The view that shows these steps, centred, in a canvas of this size with a
 * margin (zoom between `MIN_ZOOM` and 1.1); the plain view for no steps.
 */
export function viewportToFit(steps: readonly Placed[], width: number, height: number, sizeOf: SizeOf = noSizes): Viewport {
  if (steps.length === 0) return { x: 0, y: 0, zoom: 1 };
  const { left, top, right, bottom } = boundsOf(steps, sizeOf);
  const room = 1 / (1 + FIT_PADDING);
  const zoom = Math.min(FIT_MAX_ZOOM, Math.max(MIN_ZOOM, Math.min((width * room) / (right - left), (height * room) / (bottom - top))));
  return { x: width / 2 - ((left + right) / 2) * zoom, y: height / 2 - ((top + bottom) / 2) * zoom, zoom };
}

/**
 * Where a drill begins: its first step in reading order among the steps
 * nothing leads to (the leftmost, then the topmost), or the leftmost step
 * when every step has a predecessor (a draft with a cycle).
 */
export function firstStepOf<S extends Placed>(steps: readonly S[], edges: readonly Pick<Edge, 'target'>[]): S | null {
  const targets = new Set(edges.map((edge) => edge.target));
  const starts = steps.filter((step) => !targets.has(step.id));
  let first: S | null = null;
  for (const step of starts.length > 0 ? starts : steps)
    if (!first || step.position.x < first.position.x || (step.position.x === first.position.x && step.position.y < first.position.y)) first = step;
  return first;
}

/**
 * The view a drill opens in (and returns to after auto-layout): the whole
 * drill when it fits at a zoom where card titles can be read (at least
 * `READABLE_ZOOM`); otherwise `READABLE_ZOOM` with the drill's first step at
 * the left edge, as much of the drill around it as the height allows, the
 * rest to the right (the minimap and "fit all" show all of it).
 */
export function openingViewportOf(steps: readonly Placed[], edges: readonly Pick<Edge, 'target'>[], width: number, height: number, sizeOf: SizeOf = noSizes): Viewport {
  const all = viewportToFit(steps, width, height, sizeOf);
  const first = firstStepOf(steps, edges);
  if (!first || all.zoom >= READABLE_ZOOM) return all;
  const zoom = READABLE_ZOOM;
  const { top: drillTop, bottom: drillBottom } = boundsOf(steps, sizeOf);
  const firstHeight = sizeOf(first.id)?.height ?? DEFAULT_NODE_HEIGHT;
  const margin = VIEW_MARGIN / zoom;
  const viewHeight = height / zoom;
  // The top of the view, in flow units: the drill centred when its height fits; else the first
  // step in the middle, with no empty band above the drill, and the first step always in view.
  const top =
    drillBottom - drillTop + 2 * margin <= viewHeight
      ? drillTop - (viewHeight - (drillBottom - drillTop)) / 2
      : Math.min(first.position.y - margin, Math.max(drillTop - margin, first.position.y + firstHeight / 2 - viewHeight / 2));
  return { x: -(first.position.x - margin) * zoom, y: -top * zoom, zoom };
}
