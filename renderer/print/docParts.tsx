/** Pieces every printed document shares: the title block, the drill facts, times and multi-line text. */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { DrillHeader, PlannedTime, SheetVariant } from '../../shared/sheets';

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

/** The date in Chinese style when the language is Chinese: 2026年6月18日. */
export function dateOf(date: string, language: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return language.startsWith('zh') ? `${y}年${m}月${d}日` : date;
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

/** The drill facts every document opens with; `beside` shares the first row with the date. */
export function drillFacts(drill: DrillHeader, t: TFunction, language: string, beside?: InfoRow): InfoRow[] {
  const when = drill.drillDate
    ? drill.startTime
      ? t('print.header.dateTime', { date: dateOf(drill.drillDate, language), time: drill.startTime })
      : dateOf(drill.drillDate, language)
    : drill.startTime ?? '—';
  return [
    { label: t('print.header.drillDate'), value: when, wide: beside === undefined },
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
