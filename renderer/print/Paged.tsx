/**
 * A4 page boxes for printed documents. Each document is a list of flows
 * (one role sheet, the roster, the script); each flow starts on a new page.
 * The parts of every flow are measured once in a hidden box of the page's
 * content width, `paginate` decides the page breaks, and the pages are drawn
 * as fixed A4 boxes with their footer: the same boxes on screen and on paper.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { paginate, type MeasuredPart, type PageLayout, type PagePiece, type SplitHeights } from './paginate';

/** A page format: A4 upright or across, or A5 upright (the one-page task card). */
export type Orientation = 'portrait' | 'landscape' | 'a5';

export type FlowPart =
  | { kind: 'block'; key: string; node: ReactNode; keepWithNext?: boolean; breakBefore?: boolean; keepWithPrevious?: boolean }
  | {
      kind: 'table';
      key: string;
      className?: string;
      /** Column widths in millimetres; they add up to the content width. */
      columns: number[];
      /** The header rows (`<tr>`), repeated on every page the table spans. */
      head: ReactNode;
      /**
       * Row groups (`<tr>`s), each kept on one page unless it offers ways to
       * break (`splits`, between its paragraphs): the head that then ends a
       * page and the tail, marked 「（续）」, that opens the next.
       */
      units: TableUnit[];
    };

export type TableUnit = { key: string; node: ReactNode; splits?: { head: ReactNode; tail: ReactNode }[] };

export type Flow = {
  key: string;
  orientation: Orientation;
  /** Left part of the footer: the document (and role). */
  footer: string;
  /**
   * The line at the top of every page but the first, e.g. 「【供水保障组】岗位任务卡（续）」; none for a
   * document whose repeated table header and footer already say what a later page is (the drill script).
   */
  runningHead?: string;
  parts: FlowPart[];
  /** Margins other than the page format's, in millimetres (the drill script, a wide table, has narrower ones). */
  margins?: Margins;
};

export type Margins = { top: number; right: number; bottom: number; left: number };

/** Page size and margins in millimetres. */
export const PAGE = {
  portrait: { width: 210, height: 297, top: 15, right: 18, bottom: 17, left: 18 },
  landscape: { width: 297, height: 210, top: 13, right: 15, bottom: 15, left: 15 },
  a5: { width: 148, height: 210, top: 10, right: 10, bottom: 13, left: 10 },
} as const;

/** Width of the text area in millimetres. */
export const contentWidthOf = (orientation: Orientation, margins: Margins = PAGE[orientation]) => PAGE[orientation].width - margins.left - margins.right;

/** A flow's margins: its own, or its page format's. */
const marginsOf = (flow: Flow): Margins => flow.margins ?? PAGE[flow.orientation];

const PX_PER_MM = 96 / 25.4;
/** Head-room left on every page for the small differences between screen and print text layout. */
const SLACK_MM = 2;

/** Height of the running head on later pages, its gap included (.sheet-running in print.css). */
const RUNNING_HEAD_MM = 8;

const contentHeightPx = (flow: Flow) => (PAGE[flow.orientation].height - marginsOf(flow).top - marginsOf(flow).bottom - SLACK_MM) * PX_PER_MM;

/** Marks the document as a print route while mounted (print.css hides the app's chrome and sizes pages). */
export function usePrintRoute() {
  useEffect(() => {
    document.documentElement.classList.add('print-route');
    return () => document.documentElement.classList.remove('print-route');
  }, []);
}

export type LaidPage = { flow: number; number: number; count: number; pieces: PagePiece[]; overflows: boolean };

type TablePart = Extract<FlowPart, { kind: 'table' }>;
type TablePiece = Extract<PagePiece, { kind: 'table' }>;

function Columns(props: { widths: number[] }) {
  return (
    <colgroup>
      {props.widths.map((width, i) => (
        <col key={i} style={{ width: `${width}mm` }} />
      ))}
    </colgroup>
  );
}

/** A table's row groups on one page: `[from, to)`, the first as its tail and a head of row group `to` after them when the piece says so. */
function bodiesOf(part: TablePart, piece?: TablePiece): { key: string; node: ReactNode }[] {
  const from = piece?.from ?? 0;
  const to = piece?.to ?? part.units.length;
  const bodies = part.units.slice(from, to).map((unit, i) =>
    i === 0 && piece?.tail !== undefined ? { key: `${unit.key}-tail`, node: unit.splits![piece.tail].tail } : { key: unit.key, node: unit.node },
  );
  if (piece?.head !== undefined) bodies.push({ key: `${part.units[to].key}-head`, node: part.units[to].splits![piece.head].head });
  return bodies;
}

function PartView(props: { part: FlowPart; piece?: TablePiece }) {
  const { part } = props;
  if (part.kind === 'block') return <div className="doc-part">{part.node}</div>;
  return (
    <div className="doc-part doc-part-table">
      <table className={`doc-table ${part.className ?? ''}`}>
        <Columns widths={part.columns} />
        <thead>{part.head}</thead>
        {bodiesOf(part, props.piece).map((body) => (
          <tbody key={body.key}>{body.node}</tbody>
        ))}
      </table>
    </div>
  );
}

/**
 * A table as measured: its row groups whole, and beside them (out of the
 * flow, so the part's height is the table's) every head and tail its row
 * groups may break into, each in a row group of its own.
 */
function MeasuredTable(props: { part: TablePart }) {
  const { part } = props;
  const ways = part.units.flatMap((unit, u) => (unit.splits ?? []).map((split, w) => ({ u, w, split })));
  return (
    <>
      <PartView part={part} />
      {ways.length > 0 && (
        <div className="print-measure-splits">
          <table className={`doc-table ${part.className ?? ''}`}>
            <Columns widths={part.columns} />
            {ways.flatMap(({ u, w, split }) => [
              <tbody key={`${u}-${w}-head`} data-unit={u} data-way={w} data-end="head">
                {split.head}
              </tbody>,
              <tbody key={`${u}-${w}-tail`} data-unit={u} data-way={w} data-end="tail">
                {split.tail}
              </tbody>,
            ])}
          </table>
        </div>
      )}
    </>
  );
}

/** One A4 page: its pieces of the flow, the running head from the second page on, the footer. */
function PageBox(props: { flow: Flow; page: LaidPage; index: number; footerRight: string; pageLabel: (page: number, pages: number) => string }) {
  const { flow, page } = props;
  const margins = marginsOf(flow);
  return (
    <section
      className={`sheet-page ${flow.orientation}${page.overflows ? ' overflows' : ''}`}
      data-testid="print-page"
      data-flow={flow.key}
      data-page={props.index + 1}
      style={{ padding: `${margins.top}mm ${margins.right}mm 0 ${margins.left}mm` }}
    >
      <div className="sheet-content doc" style={{ width: `${contentWidthOf(flow.orientation, margins)}mm` }}>
        {page.number > 1 && flow.runningHead && (
          <div className="sheet-running" data-testid="print-running-head">
            {flow.runningHead}
          </div>
        )}
        {page.pieces.map((piece) => {
          const part = flow.parts[piece.part];
          return piece.kind === 'block' ? (
            <PartView key={part.key} part={part} />
          ) : (
            <PartView key={`${part.key}-${piece.from}-${piece.tail ?? ''}`} part={part} piece={piece} />
          );
        })}
      </div>
      <footer className="sheet-footer" style={{ left: `${margins.left}mm`, right: `${margins.right}mm`, bottom: `${margins.bottom / 2 - 2.5}mm` }}>
        <span className="sheet-footer-doc">{flow.footer}</span>
        <span className="sheet-footer-page">{props.pageLabel(page.number, page.count)}</span>
        <span className="sheet-footer-revision">{props.footerRight}</span>
      </footer>
    </section>
  );
}

/** Heights of a flow's parts as drawn in the measuring box. */
function measure(flowElement: Element): MeasuredPart[] {
  return Array.from(flowElement.children).map((element) => {
    const height = element.getBoundingClientRect().height;
    // The part's own table comes first; the heads and tails measured beside it follow.
    const table = element.querySelector('table');
    if (!table)
      return { kind: 'block', height, keepWithNext: element.hasAttribute('data-keep'), breakBefore: element.hasAttribute('data-break'), keepWithPrevious: element.hasAttribute('data-keep-previous') };
    const headHeight = table.tHead?.getBoundingClientRect().height ?? 0;
    const unitHeights = Array.from(table.tBodies).map((body) => body.getBoundingClientRect().height);
    const chrome = Math.max(0, height - headHeight - unitHeights.reduce((sum, h) => sum + h, 0));
    const splitBodies = element.querySelectorAll<HTMLElement>(':scope > .print-measure-splits tbody');
    if (splitBodies.length === 0) return { kind: 'table', headHeight, unitHeights, chrome };
    const splits: SplitHeights[][] = unitHeights.map(() => []);
    for (const body of Array.from(splitBodies)) {
      const way = (splits[Number(body.dataset.unit)][Number(body.dataset.way)] ??= { head: 0, tail: 0 });
      way[body.dataset.end === 'head' ? 'head' : 'tail'] = body.getBoundingClientRect().height;
    }
    return { kind: 'table', headHeight, unitHeights, chrome, splits };
  });
}

export function Paged(props: {
  flows: Flow[];
  /** Right part of every footer (the revision). */
  footerRight: string;
  pageLabel: (page: number, pages: number) => string;
  /** Preview scale on screen; printing always uses 1. */
  zoom?: number;
  /** Told the pages once they are laid out. */
  onLaidOut?: (pages: LaidPage[]) => void;
  /** Told when the flows changed and new pages are being laid out. */
  onLayingOut?: () => void;
}) {
  const { flows, onLaidOut } = props;
  const measureRef = useRef<HTMLDivElement>(null);
  /** Each flow's pages, kept while the flow object lives: toggling one role re-measures only that sheet. */
  const laidOut = useRef(new WeakMap<Flow, PageLayout[]>());
  const [, setMeasured] = useState(0);
  const [fontsReady, setFontsReady] = useState(false);
  const missing = flows.filter((flow) => !laidOut.current.has(flow));
  const current = fontsReady && missing.length === 0;

  useEffect(() => {
    let live = true;
    void document.fonts.ready.then(() => live && setFontsReady(true));
    return () => {
      live = false;
    };
  }, []);

  useLayoutEffect(() => {
    if (!fontsReady || missing.length === 0 || !measureRef.current) return;
    const flowElements = Array.from(measureRef.current.children);
    missing.forEach((flow, f) => {
      const height = contentHeightPx(flow);
      laidOut.current.set(flow, paginate(measure(flowElements[f]), height, flow.runningHead ? height - RUNNING_HEAD_MM * PX_PER_MM : height));
    });
    setMeasured((count) => count + 1);
  });

  const pages = useMemo(() => {
    if (!current) return null;
    return flows.flatMap((flow, f) => {
      const laid = laidOut.current.get(flow)!;
      return laid.map((page, i): LaidPage => ({ flow: f, number: i + 1, count: laid.length, pieces: page.pieces, overflows: page.overflows }));
    });
  }, [current, flows]);

  const { onLayingOut } = props;
  useEffect(() => {
    if (pages) onLaidOut?.(pages);
    else onLayingOut?.();
  }, [pages, onLaidOut, onLayingOut]);

  return (
    <>
      {fontsReady && missing.length > 0 && (
        <div className="print-measure doc" ref={measureRef} aria-hidden>
          {missing.map((flow) => (
            <div key={flow.key} className="doc-flow" style={{ width: `${contentWidthOf(flow.orientation, marginsOf(flow))}mm` }}>
              {flow.parts.map((part) => (
                <div
                  key={part.key}
                  data-keep={part.kind === 'block' && part.keepWithNext ? '' : undefined}
                  data-break={part.kind === 'block' && part.breakBefore ? '' : undefined}
                  data-keep-previous={part.kind === 'block' && part.keepWithPrevious ? '' : undefined}
                >
                  {part.kind === 'table' ? <MeasuredTable part={part} /> : <PartView part={part} />}
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
      <div className="print-pages" data-testid="print-pages" data-state={current ? 'ready' : 'laying-out'} style={{ zoom: props.zoom ?? 1 }}>
        {pages?.map((page, p) => (
          <PageBox
            key={`${flows[page.flow].key}-${page.number}`}
            flow={flows[page.flow]}
            page={page}
            index={p}
            footerRight={props.footerRight}
            pageLabel={props.pageLabel}
          />
        ))}
      </div>
    </>
  );
}
