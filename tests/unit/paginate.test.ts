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

  it('never opens a page with a sign-off kept with what precedes it: the last row or block goes over with it', () => {
    const signOff: MeasuredPart = { kind: 'block', height: 50, keepWithPrevious: true };
    // A table that fills the page: its last row goes to the next page, under its header, with the sign-off.
    expect(paginate([block(100), table([200, 200, 220]), signOff], 800).map((page) => page.pieces)).toEqual([
      [{ part: 0, kind: 'block' }, { part: 1, kind: 'table', from: 0, to: 2 }],
      [{ part: 1, kind: 'table', from: 2, to: 3 }, { part: 2, kind: 'block' }],
    ]);
    // A one-row table piece alone after a block goes over whole; a block goes over the same way.
    expect(paginate([block(500), table([250], 20), signOff], 800).map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0], [1, 2]]);
    expect(paginate([block(400), block(380), signOff], 800).map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0], [1, 2]]);
    // A heading kept with the block that goes over goes with it, never left to end the page.
    expect(paginate([block(400), block(40, true), block(340), signOff], 800).map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0], [1, 2, 3]]);
    // Where it fits, nothing moves; where nothing can go with it (the page holds one block), it opens the next page.
    expect(paginate([block(700), signOff], 800).map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0, 1]]);
    expect(paginate([block(780), signOff], 800).map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0], [1]]);
    // A row group carried over with its tail (broken across pages) is not moved again.
    const broken: MeasuredPart = { kind: 'table', headHeight: 40, unitHeights: [1000], chrome: 0, splits: [[{ head: 700, tail: 300 }]] };
    expect(paginate([broken, { ...signOff, height: 500 }], 800).map((page) => page.pieces.map((piece) => piece.part))).toEqual([[0], [0], [1]]);
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

  it('ends a page with the head of a row group that offers ways to break, the fullest that fits, and opens the next with its tail', () => {
    const part: MeasuredPart = {
      kind: 'table',
      headHeight: 40,
      chrome: 0,
      unitHeights: [300, 500, 100],
      splits: [[], [{ head: 200, tail: 320 }, { head: 380, tail: 140 }, { head: 470, tail: 60 }], []],
    };
    // 40 + 300 leaves 460 on an 800 px page: the second way's head (380) is the largest that fits; its tail opens page 2.
    expect(paginate([part], 800)).toEqual([
      { pieces: [{ part: 0, kind: 'table', from: 0, to: 1, head: 1 }], overflows: false },
      { pieces: [{ part: 0, kind: 'table', from: 1, to: 3, tail: 1 }], overflows: false },
    ]);
  });

  it('moves a row group whole when none of its heads fits, and never breaks one that fits', () => {
    const part: MeasuredPart = { kind: 'table', headHeight: 40, chrome: 0, unitHeights: [500, 500], splits: [[], [{ head: 300, tail: 250 }]] };
    // 40 + 500 leaves 260: the head (300) does not fit, so the second row group opens page 2 whole.
    expect(paginate([part], 800).map((page) => page.pieces)).toEqual([
      [{ part: 0, kind: 'table', from: 0, to: 1 }],
      [{ part: 0, kind: 'table', from: 1, to: 2 }],
    ]);
    // With room for it whole, it is not broken.
    expect(paginate([{ ...part, unitHeights: [200, 500] }], 800).map((page) => page.pieces)).toEqual([[{ part: 0, kind: 'table', from: 0, to: 2 }]]);
  });

  it('breaks a row group taller than a page rather than let it overflow, and the running head counts on the page its tail opens', () => {
    const part: MeasuredPart = { kind: 'table', headHeight: 40, chrome: 0, unitHeights: [1000], splits: [[{ head: 500, tail: 520 }, { head: 700, tail: 320 }]] };
    // The first page holds the larger head (700 of 760); the tail (320) fits a later page of 700 with its header.
    expect(paginate([part], 800, 700)).toEqual([
      { pieces: [{ part: 0, kind: 'table', from: 0, to: 0, head: 1 }], overflows: false },
      { pieces: [{ part: 0, kind: 'table', from: 0, to: 1, tail: 1 }], overflows: false },
    ]);
  });

  it('makes no page for an empty table and none for nothing', () => {
    expect(paginate([table([])], 800)).toEqual([]);
    expect(paginate([], 800)).toEqual([]);
  });
});
