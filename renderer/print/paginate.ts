/**
 * Page breaking for the printed documents, as plain arithmetic over measured
 * heights: the print view measures every block and every table row group
 * once on screen, this decides which go on which page, and the same page
 * boxes are shown in the preview and printed. So the preview is the print.
 *
 * Rules: a block never breaks; a table breaks between row groups, or inside
 * a row group that offers ways to break (`splits`: a head that ends a page
 * and the tail, marked 「（续）」, that opens the next), and repeats its header
 * on every page it spans; rather than leave the rest of a page empty, a row
 * group that does not fit there is broken by the way whose head fills most
 * of what is left; a block marked `keepWithNext`
 * (a section heading) goes to the next page rather than end a page alone;
 * a block marked `breakBefore` starts a new page; a block marked
 * `keepWithPrevious` (a sign-off line, a closing note) that does not fit takes
 * the last block or table row group before it to the next page rather than
 * open a page alone.
 * Something taller than a whole page gets a page of its own (and is flagged).
 */

/** One part of a document as measured, heights in CSS pixels. */
export type MeasuredPart =
  | { kind: 'block'; height: number; keepWithNext?: boolean; breakBefore?: boolean; keepWithPrevious?: boolean }
  /** `chrome`: what a table fragment costs besides its header and rows (borders, spacing). */
  | { kind: 'table'; headHeight: number; unitHeights: number[]; chrome: number; splits?: SplitHeights[][] };

/**
 * One way to break a row group across pages, as measured: the part that ends
 * a page (`head`) and the part that opens the next (`tail`).
 */
export type SplitHeights = { head: number; tail: number };

/**
 * What one page holds: whole blocks, and runs of table row groups `[from, to)`
 * that may open with the tail of row group `from` (broken by its way number
 * `tail`) and end with the head of row group `to` (broken by its way `head`).
 */
export type PagePiece =
  | { part: number; kind: 'block' }
  | { part: number; kind: 'table'; from: number; to: number; tail?: number; head?: number };

export type PageLayout = { pieces: PagePiece[]; overflows: boolean };

/** Height of the first thing a part puts on a page (a table's header, chrome and first row group). */
function leadOf(part: MeasuredPart): number {
  if (part.kind === 'block') return part.height;
  return part.chrome + part.headHeight + (part.unitHeights[0] ?? 0);
}

/** The way to break a row group whose head fills most of `room`; undefined when none fits. */
function bestWayOf(ways: readonly SplitHeights[] | undefined, room: number): number | undefined {
  let best: number | undefined;
  ways?.forEach((way, i) => {
    if (way.head <= room && (best === undefined || way.head > ways[best].head)) best = i;
  });
  return best;
}

/**
 * Splits parts into pages of `pageHeight` (`laterPageHeight` from the second
 * page on, where a running head takes room). Example: a 300 px heading marked
 * keep-with-next, then a table with a 40 px header and ten 100 px rows, on
 * 800 px pages: the heading, header and four rows on page 1 (740 px), the
 * header and the other six rows on page 2.
 */
export function paginate(parts: readonly MeasuredPart[], firstPageHeight: number, laterPageHeight = firstPageHeight): PageLayout[] {
  const pages: PageLayout[] = [];
  let page: PageLayout = { pieces: [], overflows: false };
  let used = 0;
  let pageHeight = firstPageHeight;
  const newPage = () => {
    if (page.pieces.length > 0) pages.push(page);
    page = { pieces: [], overflows: false };
    used = 0;
    if (pages.length > 0) pageHeight = laterPageHeight;
  };

  /**
   * Moves the last thing on the page (a block, or the last row group of a
   * table that ends there whole) to a new page, for a `keepWithPrevious`
   * block of `height` that does not fit after it; false when it cannot (the
   * page would be left empty, or the two would not fit a page together).
   */
  const carryLastOver = (height: number): boolean => {
    const last = page.pieces[page.pieces.length - 1];
    if (!last) return false;
    if (last.kind === 'block') {
      // The block, and a heading kept with it, so that no heading is left to end the page.
      const heightOf = (piece: PagePiece) => (parts[piece.part] as Extract<MeasuredPart, { kind: 'block' }>).height;
      let count = 1;
      while (count < page.pieces.length) {
        const before = page.pieces[page.pieces.length - 1 - count];
        const part = parts[before.part];
        if (before.kind !== 'block' || part.kind !== 'block' || !part.keepWithNext) break;
        count++;
      }
      const carried = page.pieces.slice(-count);
      const moved = carried.reduce((sum, piece) => sum + heightOf(piece), 0);
      if (count >= page.pieces.length || moved + height > laterPageHeight) return false;
      page.pieces.splice(-count);
      newPage();
      page.pieces.push(...carried);
      used = moved;
      return true;
    }
    const table = parts[last.part] as Extract<MeasuredPart, { kind: 'table' }>;
    const alone = last.to - last.from === 1;
    if (last.head !== undefined || (alone && (last.tail !== undefined || page.pieces.length < 2))) return false;
    const unit = last.to - 1;
    const moved = table.chrome + table.headHeight + table.unitHeights[unit];
    if (moved + height > laterPageHeight) return false;
    if (alone) page.pieces.pop();
    else last.to = unit;
    newPage();
    page.pieces.push({ part: last.part, kind: 'table', from: unit, to: unit + 1 });
    used = moved;
    return true;
  };

  parts.forEach((part, index) => {
    if (part.kind === 'block') {
      let needed = part.height;
      const next = parts[index + 1];
      if (part.keepWithNext && next) needed += leadOf(next);
      const fits = used + needed <= pageHeight;
      if (used > 0 && !part.breakBefore && !fits && part.keepWithPrevious && carryLastOver(part.height)) {
        // The block follows what was carried over.
      } else if (used > 0 && (part.breakBefore || !fits)) newPage();
      page.pieces.push({ part: index, kind: 'block' });
      used += part.height;
      if (part.height > pageHeight) page.overflows = true;
      return;
    }
    const units = part.unitHeights;
    if (units.length === 0) return;
    let from = 0;
    /** How row group `from` was broken at the end of the last page: its tail opens this one. */
    let tail: number | undefined;
    while (from < units.length) {
      const start = part.chrome + part.headHeight;
      const first = tail === undefined ? units[from] : part.splits![from][tail].tail;
      if (used + start + first > pageHeight) {
        // It does not fit in what is left: end the page with a head of it if one fits, else start a new page.
        const way = tail === undefined ? bestWayOf(part.splits?.[from], pageHeight - used - start) : undefined;
        if (way !== undefined) {
          page.pieces.push({ part: index, kind: 'table', from, to: from, head: way });
          tail = way;
          newPage();
          continue;
        }
        if (used > 0) {
          newPage();
          continue;
        }
      }
      let height = used + start + first;
      let to = from + 1;
      while (to < units.length && height + units[to] <= pageHeight) {
        height += units[to];
        to++;
      }
      const head = to < units.length ? bestWayOf(part.splits?.[to], pageHeight - height) : undefined;
      if (head !== undefined) height += part.splits![to][head].head;
      if (height > pageHeight) page.overflows = true;
      page.pieces.push({ part: index, kind: 'table', from, to, ...(tail === undefined ? {} : { tail }), ...(head === undefined ? {} : { head }) });
      used = height;
      from = to;
      tail = head;
      if (from < units.length) newPage();
    }
  });
  newPage();
  return pages;
}
