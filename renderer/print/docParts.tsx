/** Pieces every printed document shares: the title block, the drill facts, times and multi-line text. */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { DrillHeader, PlannedTime, SheetVariant } from '../../shared/sheets';
import { drillWhenOf } from '../../shared/docText';

/** Text with its line breaks kept; nothing when empty. */
export function Lines(props: { text: string; className?: string }) {
  if (props.text.trim() === '') return null;
  return <div className={`doc-lines ${props.className ?? ''}`}>{props.text}</div>;
}

/** The planned time: start in bold, end below, the T+ offset when the start is a clock time. */
export function TimeCell(props: { time: PlannedTime | null }) {
  const { time } = props;
  if (!time) return <span className="doc-muted">—</span>;
  return (
    <>
      <div className="doc-time">{time.start}</div>
      {time.end !== time.start && <div className="doc-time-end">–{time.end}</div>}
      {time.isClock && <div className="doc-offset">{time.offset}</div>}
    </>
  );
}

/** The title block: variant mark, drill name, document title, the double rule. */
export function TitleBlock(props: { drillTitle: string; title: string; subtitle?: string; mark?: { variant: SheetVariant; label: string } }) {
  return (
    <div className="doc-title-block">
      {props.mark && (
        <div className={`doc-mark doc-mark-${props.mark.variant}`} data-testid="sheet-variant">
          {props.mark.label}
        </div>
      )}
      <div className="doc-drill-title">{props.drillTitle}</div>
      <h1 className="doc-title">{props.title}</h1>
      {props.subtitle && <div className="doc-subtitle">{props.subtitle}</div>}
      <div className="doc-rule" />
    </div>
  );
}

export type InfoRow = { label: string; value: ReactNode; wide?: boolean };

/** Label/value pairs in a bordered four-column table; a pair marked `wide` takes a whole row. */
export function InfoTable(props: { rows: InfoRow[] }) {
  const lines: InfoRow[][] = [];
  for (const row of props.rows) {
    const last = lines.at(-1);
    if (!row.wide && last && last.length === 1 && !last[0].wide) last.push(row);
    else lines.push([row]);
  }
  return (
    <table className="doc-info">
      <colgroup>
        <col className="doc-info-label" />
        <col />
        <col className="doc-info-label" />
        <col />
      </colgroup>
      <tbody>
        {lines.map((line, i) => (
          <tr key={i}>
            {line.map((cell, j) => (
              <InfoCells key={j} label={cell.label} value={cell.value} span={line.length === 1 ? 3 : 1} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function InfoCells(props: { label: string; value: ReactNode; span: number }) {
  return (
    <>
      <th scope="row">{props.label}</th>
      <td colSpan={props.span}>{props.value}</td>
    </>
  );
}

export { whenInZone } from '../../shared/docText';

/**
 * The drill facts every document opens with; `beside` shares the first row
 * with the date. The date and start time are wall times of the drill's
 * zone, which is named when it is not the usual one (China's).
 */
export function drillFacts(drill: DrillHeader, t: TFunction, language: string, beside?: InfoRow): InfoRow[] {
  return [
    { label: t('print.header.drillDate'), value: drillWhenOf(drill, t, language), wide: beside === undefined },
    ...(beside ? [beside] : []),
    { label: t('print.header.location'), value: drill.location || '—', wide: true },
    { label: t('print.header.organiser'), value: drill.organiser || '—', wide: true },
  ];
}

/** A section heading that stays with what follows it. */
export function SectionHeading(props: { text: string; note?: ReactNode }) {
  return (
    <div className="doc-section">
      <h2>{props.text}</h2>
      {props.note && <div className="doc-section-note">{props.note}</div>}
    </div>
  );
}
