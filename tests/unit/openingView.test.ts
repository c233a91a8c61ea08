import { describe, expect, it } from 'vitest';
import { DEFAULT_NODE_HEIGHT as NODE_HEIGHT, DEFAULT_NODE_WIDTH as NODE_WIDTH } from '../../shared/layout';
import { firstStepOf, openingViewportOf, READABLE_ZOOM, viewportToFit, type Viewport } from '../../shared/viewport';

const step = (id: string, x: number, y: number) => ({ id, position: { x, y } });
const chainOf = (n: number, gap = 360) => ({
  steps: Array.from({ length: n }, (_, i) => step(`s${i}`, i * gap, 0)),
  edges: Array.from({ length: n - 1 }, (_, i) => ({ target: `s${i + 1}` })),
});
/** Where a step's box lands on a canvas, in screen pixels. */
const onScreen = (view: Viewport, s: { position: { x: number; y: number } }) => ({
  left: s.position.x * view.zoom + view.x,
  top: s.position.y * view.zoom + view.y,
  right: (s.position.x + NODE_WIDTH) * view.zoom + view.x,
  bottom: (s.position.y + NODE_HEIGHT) * view.zoom + view.y,
});
const inside = (box: ReturnType<typeof onScreen>, width: number, height: number) => box.left >= 0 && box.top >= 0 && box.right <= width && box.bottom <= height;

describe('the opening view of a drill', () => {
  it('shows the whole drill when it fits at a readable zoom', () => {
    const { steps, edges } = chainOf(3);
    const view = openingViewportOf(steps, edges, 1100, 700);
    expect(view.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    for (const s of steps) expect(inside(onScreen(view, s), 1100, 700)).toBe(true);
  });

  it('starts a long drill at its first step, at the readable zoom, with as many steps after it as fit', () => {
    const { steps, edges } = chainOf(40);
    const view = openingViewportOf(steps, edges, 1100, 700);
    expect(view.zoom).toBe(READABLE_ZOOM);
    const first = onScreen(view, steps[0]);
    expect(inside(first, 1100, 700)).toBe(true);
    expect(first.left).toBeLessThan(100);
    expect(steps.filter((s) => inside(onScreen(view, s), 1100, 700)).length).toBeGreaterThanOrEqual(4);
  });

  it('starts where nothing leads to, even when a later step was dragged further left', () => {
    const { steps, edges } = chainOf(40);
    steps[30] = step('s30', -2000, 600);
    expect(firstStepOf(steps, edges)?.id).toBe('s0');
    const view = openingViewportOf(steps, edges, 1100, 700);
    expect(inside(onScreen(view, steps[0]), 1100, 700)).toBe(true);
    expect(inside(onScreen(view, steps[30]), 1100, 700)).toBe(false);
  });

  it('keeps the first step in view in a drill taller than the canvas, and shows no empty band above the drill', () => {
    const steps = Array.from({ length: 30 }, (_, i) => step(`r${i}`, (i % 3) * 360, Math.floor(i / 3) * 200));
    steps.push(step('start', -360, 900));
    const edges = steps.filter((s) => s.id !== 'start').map((s) => ({ target: s.id }));
    const view = openingViewportOf(steps, edges, 1100, 700);
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(inside(onScreen(view, steps.at(-1)!), 1100, 700)).toBe(true);
    const top = onScreen(view, steps[0]).top;
    expect(top).toBeLessThanOrEqual(40);
  });

  it('falls back to the leftmost step when every step has a predecessor', () => {
    const steps = [step('a', 300, 0), step('b', 0, 100)];
    expect(firstStepOf(steps, [{ target: 'a' }, { target: 'b' }])?.id).toBe('b');
    expect(firstStepOf([], [])).toBeNull();
    expect(openingViewportOf([], [], 800, 600)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
