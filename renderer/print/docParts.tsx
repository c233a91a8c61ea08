/** Pieces every printed document shares: the title block, the drill facts, times and multi-line text. */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { DrillHeader, PlannedTime, SheetVariant } from '../../shared/sheets';
import { docFootOf, docHeadTextOf, docSignLineOf, drillWhenOf } from '../../shared/docText';
import type { DocFields } from '../../shared/model';
import { longDateOf } from '../../shared/time';
import type { Flow, FlowPart } from './Paged';

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

/**
 * A document's flow with its head and foot fields (GB/T 9704 practice): the
 * classification mark at the top left and 编制单位 · 版本 · 日期 at the right
 * before the title; for a report sent up the line 主送 after the title and
 * 落款, date and 抄送 at the end; the sign-off line (编制 / 审核 / 签发) last,
 * except on an A5 pocket card (`sign: false`), which must stay one page.
 * The same fields print in the Word export (electron/core/docx).
 */
export function withDocFields(flow: Flow, fields: DocFields, t: TFunction, language: string, options: { report?: boolean; sign?: boolean } = {}): Flow {
  const head = docHeadTextOf(options.report ? { ...fields, unit: '', version: '', date: null } : fields, t, language);
  const sign = options.sign === false ? '' : docSignLineOf(fields, t);
  const before: FlowPart[] = [];
  if (fields.classification.trim() || head)
    before.push({
      kind: 'block',
      key: 'doc-fields-head',
      keepWithNext: true,
      node: (
        <div className="doc-fields-head" data-testid="doc-fields-head">
          <span className="doc-classification">{fields.classification}</span>
          <span>{head}</span>
        </div>
      ),
    });
  const [title, ...rest] = flow.parts;
  const afterTitle: FlowPart[] =
    options.report && fields.recipients.trim()
      ? [{ kind: 'block', key: 'doc-fields-recipients', node: <p className="doc-fields-line">{`${t('docFields.recipients')}${t('colon')}${fields.recipients}`}</p> }]
      : [];
  const after: FlowPart[] = [];
  const signer = fields.signOff.trim() || fields.unit.trim();
  if (options.report && (signer || fields.date))
    after.push({
      kind: 'block',
      key: 'doc-fields-signature',
      node: (
        <div className="doc-fields-signature" data-testid="doc-fields-signature">
          {signer && <div>{signer}</div>}
          {fields.date && <div>{longDateOf(fields.date, language)}</div>}
        </div>
      ),
    });
  if (options.report && fields.copyTo.trim())
    after.push({ kind: 'block', key: 'doc-fields-copy', node: <p className="doc-fields-line doc-fields-copy">{`${t('docFields.copyTo')}${t('colon')}${fields.copyTo}`}</p> });
  if (sign) after.push({ kind: 'block', key: 'doc-fields-sign', keepWithPrevious: true, node: <p className="doc-fields-sign" data-testid="doc-fields-sign">{sign}</p> });
  if (before.length + afterTitle.length + after.length === 0) return flow;
  return { ...flow, parts: [...before, ...(title ? [title] : []), ...afterTitle, ...rest, ...after] };
}

/** The right part of each page's footer: the document fields (编制单位 · 第 2 版 · 日期), or the scenario's revision when none is set. */
export function footerRightOf(fields: DocFields, fallback: string, t: TFunction, language: string): string {
  return docFootOf(fields, t, language) || fallback;
}
