/**
 * The after-action report (演练总结报告) as a printable flow: the four
 * sections of Chinese practice and the appendix of evidence, laid out by the
 * print view's A4 pager (renderer/print/Paged) so it looks like every other
 * document DrillDesk prints.
 */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { AfterActionReport, FindingItem, ProblemItem } from '../../shared/report';
import { PARTICIPANT_CATEGORIES } from '../../shared/model';
import { clockAt, longDateOf, tPlusOf } from '../../shared/time';
import { InfoTable, Lines, SectionHeading, TitleBlock, whenInZone } from '../print/docParts';
import { contentWidthOf, type Flow, type FlowPart } from '../print/Paged';
import { findingTextOf, overrunTextOf, problemTextOf } from '../../shared/docText';
import { shortCauseTextOf } from './causes';
import { objectiveBasisOf } from '../evaluation/labels';
import { deltaText, minutesText } from './format';

/** Rows of the run timeline printed at most; a longer log is summarised with a note. */
export const MAX_TIMELINE_ROWS = 800;

const WIDTH = contentWidthOf('portrait');
/** Column widths in mm scaled to the content width. */
const columns = (...weights: number[]) => {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (w / total) * WIDTH);
};

const block = (key: string, node: ReactNode, keepWithNext = false): FlowPart => ({ kind: 'block', key, node, keepWithNext });

function Paragraph(props: { children: ReactNode }) {
  return <p className="aar-paragraph">{props.children}</p>;
}

export function reportFlowOf(report: AfterActionReport, t: TFunction, language: string): Flow {
  const { overview } = report;
  const start = overview.startedAtMs;
  // Clock times on the drill's wall clocks, whatever the zone of the computer printing the report.
  const clock = (ms: number) => clockAt(ms, overview.timeZone);
  const at = (minutes: number) => clock(start + minutes * 60_000);
  const span = (from: number | null, to: number | null) => (from === null ? '—' : `${at(from)}–${at(to ?? from)}`);
  const titleOf = new Map(report.analysis.steps.map((c) => [c.step.id, c.step.title]));
  const stepTitle = (id: string) => titleOf.get(id) ?? id;
  const minutes = (value: number | null) => (value === null ? '—' : t('replay.report.minutes', { value: minutesText(value) }));
  const parts: FlowPart[] = [];
  const heading = (key: string, text: string) => parts.push(block(key, <SectionHeading text={text} />, true));
  const sub = (key: string, text: string) => parts.push(block(key, <h3 className="aar-sub">{text}</h3>, true));

  parts.push(block('title', <TitleBlock drillTitle={overview.title} title={t('replay.report.docTitle')} />));
  const people = PARTICIPANT_CATEGORIES.filter((c) => overview.peopleByCategory[c] > 0)
    .map((c) => `${t(`category.${c}`)} ${overview.peopleByCategory[c]}`)
    .join(t('listSep'));
  parts.push(
    block(
      'facts',
      <InfoTable
        rows={[
          { label: t('replay.report.runName'), value: overview.runName, wide: true },
          {
            label: t('replay.report.time'),
            value: whenInZone(
              `${longDateOf(overview.drillDate, language)} ${clock(start)}–${overview.endedAtMs === null ? t('replay.report.notEnded') : clock(overview.endedAtMs)}`,
              overview.timeZone,
              t,
            ),
          },
          { label: t('replay.report.place'), value: overview.location || '—' },
          { label: t('replay.report.organiser'), value: overview.organiser || '—' },
          { label: t('replay.report.source'), value: t(`replay.report.source_${overview.source}`) },
          { label: t('replay.report.units'), value: overview.units.join(t('listSep')) || '—', wide: true },
          { label: t('replay.report.people'), value: overview.peopleCount > 0 ? t('replay.report.peopleCount', { count: overview.peopleCount }) + t('bracketed', { text: people }) : '—', wide: true },
          {
            label: t('replay.report.length'),
            value: t('replay.report.lengthValue', {
              planned: minutes(overview.plannedMinutes),
              actual: minutes(overview.actualMinutes),
              overrun: overview.overrun === null ? '—' : deltaText(overview.overrun),
            }),
            wide: true,
          },
        ]}
      />,
    ),
  );

  // 一、演练基本概要
  heading('h1', t('replay.report.section1'));
  sub('purpose', t('replay.report.purpose'));
  parts.push(
    block(
      'purpose-body',
      overview.objectives.length > 0 ? (
        <ol className="aar-list">
          {overview.objectives.map((o) => (
            <li key={o.objective.id}>{o.objective.text}</li>
          ))}
        </ol>
      ) : (
        <Paragraph>{t('replay.report.noObjectives')}</Paragraph>
      ),
    ),
  );
  sub('scenario', t('replay.report.scenario'));
  parts.push(
    block(
      'scenario-body',
      <>
        {overview.description.trim() ? <Lines text={overview.description} className="aar-paragraph" /> : <Paragraph>—</Paragraph>}
        <Paragraph>
          {t('replay.report.stepSummary', {
            total: overview.stepCounts.total,
            done: overview.stepCounts.done,
            skipped: overview.stepCounts.skipped,
            notTaken: overview.stepCounts.notTaken,
            open: overview.stepCounts.unfinished + overview.stepCounts.notStarted,
            late: overview.stepCounts.late,
          })}
        </Paragraph>
      </>,
    ),
  );
  sub('units', t('replay.report.unitsAndPeople'));
  parts.push({
    kind: 'table',
    key: 'roles',
    className: 'aar-table',
    columns: columns(28, 30, 14, 60),
    head: (
      <tr>
        <th>{t('replay.report.col.group')}</th>
        <th>{t('replay.report.col.role')}</th>
        <th>{t('replay.report.col.category')}</th>
        <th>{t('replay.report.col.people')}</th>
      </tr>
    ),
    units: overview.roleGroups.map((group) => ({
      key: group.group,
      node: (
        <>
          {group.roles.map(({ role, people }, i) => (
            <tr key={role.id}>
              {i === 0 ? <td rowSpan={group.roles.length}>{group.group}</td> : null}
              <td>{role.name}</td>
              <td className="doc-center">{t(`category.${role.category}`)}</td>
              <td>{people.map((p) => (p.unit ? p.name + t('bracketed', { text: p.unit }) : p.name)).join(t('listSep')) || '—'}</td>
            </tr>
          ))}
        </>
      ),
    })),
  });
  sub('objectives', t('replay.report.objectivesMet'));
  parts.push({
    kind: 'table',
    key: 'objectives',
    className: 'aar-table',
    columns: columns(70, 18, 40),
    head: (
      <tr>
        <th>{t('replay.report.col.objective')}</th>
        <th>{t('replay.report.col.met')}</th>
        <th>{t('replay.report.col.evidence')}</th>
      </tr>
    ),
    units:
      overview.objectives.length === 0
        ? [{ key: 'none', node: <tr><td colSpan={3} className="doc-empty">{t('replay.report.noObjectives')}</td></tr> }]
        : overview.objectives.map((o) => ({
            key: o.objective.id,
            node: (
              <tr data-testid="report-objective" data-status={o.status}>
                <td>{o.objective.text}</td>
                <td className={`doc-center aar-status-${o.status}`}>{t(`evaluation.objective.${o.status}`)}</td>
                <td>{objectiveBasisOf(t, o)}</td>
              </tr>
            ),
          })),
  });
  if (overview.objectives.length > 0) parts.push(block('objective-rule', <p className="doc-note">{t('evaluation.report.rule')}</p>));

  // 二、发现的问题
  heading('h2', t('replay.report.section2'));
  parts.push(block('overrun', <Paragraph>{overrunTextOf(t, report)}</Paragraph>));
  if (report.problems.length === 0) parts.push(block('no-problems', <Paragraph>{t('replay.report.noProblems')}</Paragraph>));
  report.problems.forEach((problem, i) => parts.push(block(`problem-${i}`, <ProblemView problem={problem} n={i + 1} t={t} at={at} span={span} stepTitle={stepTitle} />)));
  if (report.knockOnLateCount > 0) parts.push(block('knock-on', <p className="doc-note aar-knock-on">{t('replay.report.knockOn', { count: report.knockOnLateCount })}</p>));

  // 三、经验和教训
  heading('h3', t('replay.report.section3'));
  if (report.lessons.length === 0) parts.push(block('no-lessons', <Paragraph>{t('replay.report.noLessons')}</Paragraph>));
  report.lessons.forEach((item, i) => parts.push(block(`lesson-${i}`, <FindingLine item={item} n={i + 1} t={t} at={at} />)));

  // 四、改进建议
  heading('h4', t('replay.report.section4'));
  if (report.improvements.length === 0) parts.push(block('no-improvements', <Paragraph>{t('replay.report.noImprovements')}</Paragraph>));
  else
    parts.push({
      kind: 'table',
      key: 'improvements',
      className: 'aar-table',
      columns: columns(24, 9, 66, 30, 26, 14),
      head: (
        <tr>
          <th>{t('replay.report.col.owner')}</th>
          <th>{t('replay.report.col.n')}</th>
          <th>{t('replay.report.col.action')}</th>
          <th>{t('replay.report.col.step')}</th>
          <th>{t('replay.report.col.due')}</th>
          <th>{t('replay.report.col.state')}</th>
        </tr>
      ),
      units: report.improvements.map((group) => ({
        key: group.role?.id ?? 'unowned',
        node: (
          <>
            {group.items.map((item, i) => (
              <tr key={item.annotation.id}>
                {i === 0 ? (
                  <td rowSpan={group.items.length} className="aar-owner">
                    {group.role?.name ?? t('replay.report.unowned')}
                  </td>
                ) : null}
                <td className="doc-center">{i + 1}</td>
                <td>{item.annotation.text}</td>
                <td>{item.step?.title ?? '—'}</td>
                <td className="doc-center">{item.annotation.dueDate ? longDateOf(item.annotation.dueDate, language) : t('replay.report.noDue')}</td>
                <td className="doc-center">{item.annotation.done ? t('replay.report.done') : t('replay.report.open')}</td>
              </tr>
            ))}
          </>
        ),
      })),
    });

  // 附录
  heading('appendix', t('replay.report.appendix'));
  sub('a1', t('replay.report.appendixTimeline'));
  const rows = report.appendix.timeline.filter((row) => row.kind !== 'observation');
  const shown = rows.slice(0, MAX_TIMELINE_ROWS);
  parts.push({
    kind: 'table',
    key: 'timeline',
    className: 'aar-table aar-small',
    columns: columns(14, 13, 17, 40, 22, 50),
    head: (
      <tr>
        <th>{t('replay.report.col.time')}</th>
        <th>T+</th>
        <th>{t('replay.report.col.event')}</th>
        <th>{t('replay.report.col.step')}</th>
        <th>{t('replay.report.col.role')}</th>
        <th>{t('replay.report.col.note')}</th>
      </tr>
    ),
    units: shown.map((row) => ({
      key: String(row.seq),
      node: (
        <tr>
          <td className="doc-center">{clock(row.atMs)}</td>
          <td className="doc-center">{tPlusOf(Math.floor(row.atMin))}</td>
          <td className="doc-center">{t(`replay.eventKind.${row.kind}`)}</td>
          <td>{row.step?.title ?? '—'}</td>
          <td>{row.role?.name ?? ''}</td>
          <td>
            {[
              row.branch ? `→ ${row.branch}` : null,
              row.shiftMin !== null ? t('replay.events.shift', { minutes: row.shiftMin }) : null,
              row.text && row.text !== row.branch ? row.text : null,
              row.corrected ? t('replay.report.correctedMark') : null,
            ]
              .filter(Boolean)
              .join(t('replay.report.clauseSep'))}
          </td>
        </tr>
      ),
    })),
  });
  if (rows.length > shown.length) parts.push(block('timeline-more', <p className="doc-note">{t('replay.report.timelineCut', { shown: shown.length, total: rows.length })}</p>));

  sub('a2', t('replay.report.appendixPlan'));
  parts.push({
    kind: 'table',
    key: 'plan-vs-actual',
    className: 'aar-table aar-small',
    columns: columns(30, 18, 18, 13, 13, 58),
    head: (
      <tr>
        <th>{t('replay.analysis.col.step')}</th>
        <th>{t('replay.analysis.col.planned')}</th>
        <th>{t('replay.analysis.col.actual')}</th>
        <th>{t('replay.report.col.startDelta')}</th>
        <th>{t('replay.report.col.finishDelta')}</th>
        <th>{t('replay.report.col.cause')}</th>
      </tr>
    ),
    units: report.appendix.planVsActual.map(({ comparison: c, cause }) => ({
      key: c.step.id,
      node: (
        <tr className={c.late ? 'aar-late' : undefined}>
          <td>
            {c.step.title}
            {c.onActualCriticalPath ? <span className="aar-critical"> ◆</span> : null}
          </td>
          <td className="doc-center">{span(c.plannedStart, c.plannedFinish)}</td>
          <td className="doc-center">{c.outcome === 'done' || c.outcome === 'unfinished' ? span(c.actualStart, c.actualFinish) : t(`replay.outcome.${c.outcome}`)}</td>
          <td className="doc-center">{deltaText(c.startDelay)}</td>
          <td className="doc-center">{deltaText(c.finishDelay)}</td>
          <td>{cause ? shortCauseTextOf(t, cause, stepTitle) : c.outcome === 'skipped' ? c.skippedReason : ''}</td>
        </tr>
      ),
    })),
  });
  parts.push(block('plan-note', <p className="doc-note">{t('replay.report.planNote')}</p>));

  sub('a3', t('replay.report.appendixObservations'));
  parts.push({
    kind: 'table',
    key: 'observations',
    className: 'aar-table aar-small',
    columns: columns(14, 30, 22, 80, 10),
    head: (
      <tr>
        <th>{t('replay.report.col.time')}</th>
        <th>{t('replay.report.col.step')}</th>
        <th>{t('replay.report.col.role')}</th>
        <th>{t('replay.report.col.observation')}</th>
        <th>{t('replay.report.col.rating')}</th>
      </tr>
    ),
    units:
      report.appendix.observations.length === 0
        ? [{ key: 'none', node: <tr><td colSpan={5} className="doc-empty">{t('replay.report.noObservations')}</td></tr> }]
        : report.appendix.observations.map((o, i) => ({
            key: `o-${i}`,
            node: (
              <tr>
                <td className="doc-center">{clock(o.atMs)}</td>
                <td>{o.step?.title ?? '—'}</td>
                <td>{o.role?.name ?? ''}</td>
                <td>{o.text}</td>
                <td className="doc-center">{o.rating ?? ''}</td>
              </tr>
            ),
          })),
  });

  return {
    key: 'after-action-report',
    orientation: 'portrait',
    footer: `${overview.title} · ${t('replay.report.docTitle')}`,
    runningHead: t('replay.report.runningHead', { title: overview.title }),
    parts,
  };
}

function FindingLine(props: { item: FindingItem; n: number; t: TFunction; at: (minutes: number) => string }) {
  return (
    <p className="aar-item">
      <span className="aar-n">{props.n}.</span>
      {findingTextOf(props.t, props.item, props.at)}
    </p>
  );
}

function ProblemView(props: { problem: ProblemItem; n: number; t: TFunction; at: (m: number) => string; span: (a: number | null, b: number | null) => string; stepTitle: (id: string) => string }) {
  const { problem } = props;
  const attributes =
    problem.kind === 'objective-not-met' ? { 'data-testid': 'report-objective-problem' } : problem.kind === 'late-step' ? { 'data-late-step': problem.comparison.step.id } : {};
  return (
    <p className="aar-item" {...attributes}>
      <span className="aar-n">{props.n}.</span>
      {problemTextOf(props.t, problem, { span: props.span, stepTitle: props.stepTitle, atMin: props.at })}
    </p>
  );
}
