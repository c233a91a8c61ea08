/**
 * Page breaking for the printed documents, as plain arithmetic over measured
 * heights: the print view measures every block and every table row group
 * once on screen, this decides which go on which page, and the same page
 * boxes are shown in the preview and printed. So the preview is the print.
 *
 * Rules: a block never breaks; a table breaks only between row groups and
 * repeats its header on every page it spans; a block marked `keepWithNext`
 * (a section heading) goes to the next page rather than end a page alone;
 * a block marked `breakBefore` starts a new page.
 * Something taller than a whole page gets a page of its own (and is flagged).
 */

/** One part of a document as measured, heights in CSS pixels. */
export type MeasuredPart =
  | { kind: 'block'; height: number; keepWithNext?: boolean; breakBefore?: boolean }
  /** `chrome`: what a table fragment costs besides its header and rows (borders, spacing). */
  | { kind: 'table'; headHeight: number; unitHeights: number[]; chrome: number };

/** What one page holds: whole blocks and runs of table row groups `[from, to)`. */
export type PagePiece = { part: number; kind: 'block' } | { part: number; kind: 'table'; from: number; to: number };

export type PageLayout = { pieces: PagePiece[]; overflows: boolean };

/** Height of the first thing a part puts on a page (a table's header, chrome and first row group). */
function leadOf(part: MeasuredPart): number {
  if (part.kind === 'block') return part.height;
  return part.chrome + part.headHeight + (part.unitHeights[0] ?? 0);
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

  parts.forEach((part, index) => {
    if (part.kind === 'block') {
      let needed = part.height;
      const next = parts[index + 1];
      if (part.keepWithNext && next) needed += leadOf(next);
      if (used > 0 && (part.breakBefore || used + needed > pageHeight)) newPage();
      page.pieces.push({ part: index, kind: 'block' });
      used += part.height;
      if (part.height > pageHeight) page.overflows = true;
      return;
    }
    const units = part.unitHeights;
    if (units.length === 0) return;
    let from = 0;
    while (from < units.length) {
      const start = part.chrome + part.headHeight;
      if (used > 0 && used + start + units[from] > pageHeight) newPage();
      let height = used + start;
      let to = from;
      while (to < units.length && (to === from || height + units[to] <= pageHeight)) {
        height += units[to];
        to++;
      }
      if (height > pageHeight) page.overflows = true;
      page.pieces.push({ part: index, kind: 'table', from, to });
      used = height;
      from = to;
      if (from < units.length) newPage();
    }
  });
  newPage();
  return pages;
}
