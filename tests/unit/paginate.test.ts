import { describe, expect, it } from 'vitest';
import { paginate, type MeasuredPart } from '../../renderer/print/paginate';

const block = (height: number, keepWithNext = false): MeasuredPart => ({ kind: 'block', height, keepWithNext });
const table = (rows: number[], headHeight = 40, chrome = 0): MeasuredPart => ({ kind: 'table', headHeight, unitHeights: rows, chrome });

describe('paginate', () => {
  it('puts everything on one page when it fits', () => {
    expect(paginate([block(100), table([100, 100])], 800)).toEqual([
      { pieces: [{ part: 0, kind: 'block' }, { part: 1, kind: 'table', from: 0, to: 2 }], overflows: false },
    ]);
  });

  it('breaks a table between rows and repeats its header on the next page', () => {
    const pages = paginate([block(300, true), table(Array(10).fill(100))], 800);
    expect(pages.map((page) => page.pieces)).toEqual([
      [{ part: 0, kind: 'block' }, { part: 1, kind: 'table', from: 0, to: 4 }],
      [{ part: 1, kind: 'table', from: 4, to: 10 }],
    ]);
  });

  it('never ends a page with a heading kept with what follows', () => {
    const pages = paginate([block(650), block(50, true), table([200, 100])], 800);
    expect(pages.map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0], [1, 2]]);
  });

  it('starts a new page before a block marked so', () => {
    const pages = paginate([block(100), { kind: 'block', height: 50, breakBefore: true }, block(100)], 800);
    expect(pages.map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0], [1, 2]]);
  });

  it('moves a block that does not fit to the next page whole', () => {
    const pages = paginate([block(500), block(400), block(100)], 800);
    expect(pages.map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0], [1, 2]]);
  });

  it('gives a row taller than a page a page of its own and flags it', () => {
    const pages = paginate([table([100, 900, 100])], 800);
    expect(pages.map((page) => [page.pieces, page.overflows])).toEqual([
      [[{ part: 0, kind: 'table', from: 0, to: 1 }], false],
      [[{ part: 0, kind: 'table', from: 1, to: 2 }], true],
      [[{ part: 0, kind: 'table', from: 2, to: 3 }], false],
    ]);
  });

  it('leaves room for the running head from the second page on', () => {
    const rows = Array(10).fill(100);
    expect(paginate([table(rows)], 800, 700).map((page) => page.pieces)).toEqual([
      [{ part: 0, kind: 'table', from: 0, to: 7 }],
      [{ part: 0, kind: 'table', from: 7, to: 10 }],
    ]);
    expect(paginate([table(Array(14).fill(100))], 800, 700).map((page) => page.pieces.map((p) => (p.kind === 'table' ? p.to - p.from : 0)))).toEqual([[7], [6], [1]]);
  });

  it('counts the table chrome on every page the table spans', () => {
    const pages = paginate([table([380, 380], 20, 30)], 800);
    expect(pages).toHaveLength(2);
    expect(paginate([table([370, 370], 20, 30)], 800)).toHaveLength(1);
  });

  it('makes no page for an empty table and none for nothing', () => {
    expect(paginate([table([])], 800)).toEqual([]);
    expect(paginate([], 800)).toEqual([]);
  });
});
