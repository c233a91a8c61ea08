import { describe, expect, it } from 'vitest';
import type { Position } from '../../shared/model';
import { DEFAULT_NODE_HEIGHT, DEFAULT_NODE_WIDTH, LARGE_LAYOUT_STEPS, layoutOf, needsLayoutOf } from '../../shared/layout';

const steps = (...ids: string[]) => ids.map((id) => ({ id }));
const edges = (...pairs: string[]) =>
  pairs.map((pair) => {
    const [source, target] = pair.split('>');
    return { source, target };
  });

/** The pairs of nodes whose boxes overlap. */
function overlapsOf(positions: Map<string, Position>, width = DEFAULT_NODE_WIDTH, height = DEFAULT_NODE_HEIGHT): string[] {
  const entries = [...positions];
  const overlaps: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, p] = entries[i];
      const [b, q] = entries[j];
      if (p.x < q.x + width && q.x < p.x + width && p.y < q.y + height && q.y < p.y + height) overlaps.push(`${a}/${b}`);
    }
  }
  return overlaps;
}

/** A flood drill shape: an inject, a decision with two branches of different lengths, a merge. */
const floodDrill = {
  steps: steps('flood', 'decide', 'sample', 'analyse', 'truck', 'report', 'end', 'press'),
  edges: edges('flood>decide', 'decide>sample', 'sample>analyse', 'decide>truck', 'analyse>report', 'truck>report', 'report>end', 'flood>press'),
};

describe('layoutOf', () => {
  it('lays a chain out left to right with increasing x on one row', () => {
    const positions = layoutOf({ steps: steps('a', 'b', 'c'), edges: edges('a>b', 'b>c') });
    const [a, b, c] = ['a', 'b', 'c'].map((id) => positions.get(id)!);
    expect(a.x).toBeLessThan(b.x);
    expect(b.x).toBeLessThan(c.x);
    expect(b.x - a.x).toBe(DEFAULT_NODE_WIDTH + 80);
    expect(new Set([a.y, b.y, c.y]).size).toBe(1);
  });

  it('lays a chain out top to bottom when asked', () => {
    const positions = layoutOf({ steps: steps('a', 'b'), edges: edges('a>b') }, { direction: 'TB' });
    expect(positions.get('b')!.y - positions.get('a')!.y).toBe(DEFAULT_NODE_HEIGHT + 80);
    expect(positions.get('a')!.x).toBe(positions.get('b')!.x);
  });

  it('gives top-left corners, so a lone step sits at the origin', () => {
    expect(layoutOf({ steps: steps('only'), edges: [] })).toEqual(new Map([['only', { x: 0, y: 0 }]]));
  });

  it('places every step after its predecessors and keeps boxes apart', () => {
    const positions = layoutOf(floodDrill);
    expect(positions.size).toBe(floodDrill.steps.length);
    for (const { source, target } of floodDrill.edges)
      expect(positions.get(source)!.x).toBeLessThan(positions.get(target)!.x);
    expect(overlapsOf(positions)).toEqual([]);
  });

  it('keeps larger custom nodes apart too', () => {
    const positions = layoutOf(floodDrill, { nodeWidth: 300, nodeHeight: 150 });
    expect(overlapsOf(positions, 300, 150)).toEqual([]);
  });

  it('keeps nodes of a wider random graph apart', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `s${i}`);
    const pairs = ids.slice(1).flatMap((id, i) => [`s${Math.floor(i / 3)}>${id}`, `s${(i * 7) % (i + 1)}>${id}`]);
    const positions = layoutOf({ steps: steps(...ids), edges: edges(...pairs) });
    expect(overlapsOf(positions)).toEqual([]);
  });

  it('lays out a large drill by dependency depth, keeping boxes apart', () => {
    // Ten parallel working groups of 40 steps after one inject, with links between groups and one loop back.
    const ids = ['start'];
    const pairs: string[] = [];
    for (let lane = 0; lane < 10; lane++) {
      for (let k = 0; k < 40; k++) {
        ids.push(`l${lane}k${k}`);
        pairs.push(`${k === 0 ? 'start' : `l${lane}k${k - 1}`}>l${lane}k${k}`);
        if (k > 2 && (lane + k) % 4 === 0) pairs.push(`l${(lane + 3) % 10}k${k - 2}>l${lane}k${k}`);
      }
    }
    pairs.push('l0k39>l0k10');
    expect(ids.length).toBeGreaterThan(LARGE_LAYOUT_STEPS);
    const positions = layoutOf({ steps: steps(...ids), edges: edges(...pairs) });
    expect(positions.size).toBe(ids.length);
    for (const pair of pairs.slice(0, -1)) {
      const [source, target] = pair.split('>');
      expect(positions.get(source)!.x).toBeLessThan(positions.get(target)!.x);
    }
    // Steps without predecessors come first: the inject is in the leftmost column.
    expect(Math.min(...[...positions.values()].map((p) => p.x))).toBe(positions.get('start')!.x);
    expect(overlapsOf(positions)).toEqual([]);
  });

  it('ignores self-edges and edges to missing steps, and survives a cycle', () => {
    const positions = layoutOf({ steps: steps('a', 'b'), edges: edges('a>a', 'a>ghost', 'a>b', 'b>a') });
    expect([...positions.keys()]).toEqual(['a', 'b']);
    expect(overlapsOf(positions)).toEqual([]);
  });
});

describe('needsLayoutOf', () => {
  const at = (...points: [number, number][]) => points.map(([x, y]) => ({ position: { x, y } }));

  it('needs a layout when no step was ever placed', () => {
    expect(needsLayoutOf(at([0, 0], [0, 0], [0, 0]))).toBe(true);
    expect(needsLayoutOf(at([0, 0]))).toBe(true);
  });

  it('needs a layout when more than half the steps are piled on each other', () => {
    expect(needsLayoutOf(at([100, 50], [100, 50], [300, 50], [100, 50]))).toBe(true);
    expect(needsLayoutOf(at([100, 50], [100, 50], [300, 50], [500, 50]))).toBe(false);
  });

  it('leaves placed steps and an empty scenario alone', () => {
    expect(needsLayoutOf(at([0, 0], [300, 0], [600, 0]))).toBe(false);
    expect(needsLayoutOf([])).toBe(false);
  });
});
