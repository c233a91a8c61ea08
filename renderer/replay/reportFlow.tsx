/**
 * The after-action report (演练总结报告) as a printable flow: the four
 * sections of Chinese practice and the appendix of evidence, laid out by the
 * print view's A4 pager (renderer/print/Paged) so it looks like every other
 * document DrillDesk prints.
 */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { wholeMinutesOf, type AfterActionReport, type FindingItem, type ProblemItem } from '../../shared/report';
import { PARTICIPANT_CATEGORIES } from '../../shared/model';
import { clockAt, longDateOf, tPlusOf } from '../../shared/time';
import { InfoTable, Lines, SectionHeading, TitleBlock, whenInZone } from '../print/docParts';
import { contentWidthOf, type Flow, type FlowPart } from '../print/Paged';
import { attachmentContextOf, attachmentTitleOf, findingTextOf, overrunTextOf, problemTextOf, timelineNoteOf } from '../../shared/docText';
import { photoBoxOf } from '../../shared/images';
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

  const timing = overview.timing;
  const overrunText =
    timing === null || overview.overrun === null
      ? '—'
      : timing.minutes === 0
        ? t('replay.report.overrunNone')
        : overview.overrun > 0
          ? t('replay.report.overrunLate', { minutes: timing.minutes })
          : t('replay.report.overrunEarly', { minutes: timing.minutes });
  parts.push(block('title', <TitleBlock drillTitle={overview.title} title={t('replay.report.docTitle')} />));
  const inCount = (c: (typeof PARTICIPANT_CATEGORIES)[number]) => c !== 'observer' && c !== 'simulator';
  const people = PARTICIPANT_CATEGORIES.filter((c) => inCount(c) && overview.peopleByCategory[c] > 0)
    .map((c) => `${t(`category.${c}`)} ${overview.peopleByCategory[c]}`)
    .join(t('listSep'));
  // Simulators and observers are counted apart from the people taking part.
  const apart = PARTICIPANT_CATEGORIES.filter((c) => !inCount(c) && overview.peopleByCategory[c] > 0)
    .map((c) => t('replay.report.apartCount', { category: t(`category.${c}`), count: overview.peopleByCategory[c] }))
    .join(t('listSep'));
  parts.push(
    block(
      'facts',
      <InfoTable
        rows={[
          {
            label: t('replay.report.runName'),
            value: (
              <>
                {overview.title}
                <br />
                <span className="aar-run-name">{overview.runName}</span>
              </>
            ),
            wide: true,
          },
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
          { label: t('replay.report.units'), value: overview.units.join(t('listSep')) || '—', wide: true },
          {
            label: t('replay.report.people'),
            value:
              overview.peopleCount > 0 || apart
                ? t('replay.report.peopleCount', { count: overview.peopleCount }) + (people && !overview.peopleEntered ? t('bracketed', { text: people }) : '') + (apart ? t('replay.report.clauseSep') + apart : '')
                : '—',
            wide: true,
          },
          {
            label: t('replay.report.length'),
            value: t('replay.report.lengthValue', {
              planned: minutes(overview.plannedMinutes),
              actual: minutes(overview.actualMinutes),
              overrun: overrunText,
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
        {/* What played out (the injects delivered, with their times), not the planning text of the script. */}
        <Paragraph>
          {overview.scenes.length > 0
            ? t('replay.report.scenes', { list: overview.scenes.map((scene) => t('replay.report.scene', { time: clock(scene.atMs), step: scene.step.title })).join(t('replay.report.clauseSep')) })
            : t('replay.report.noScenes')}
        </Paragraph>
        <Paragraph>
          {t('replay.report.stepSummary', {
            total: overview.stepCounts.total,
            done: overview.stepCounts.done,
            skipped: overview.stepCounts.skipped,
            notTaken: overview.stepCounts.notTaken,
            open: overview.stepCounts.unfinished + overview.stepCounts.notStarted,
          })}
          {overview.lostTimeSteps.length > 0
            ? t('replay.report.lostTimeSummary', { count: overview.lostTimeSteps.length, steps: overview.lostTimeSteps.map((step) => step.title).join(t('listSep')) })
            : ''}
          {report.knockOnLateCount > 0 ? t('replay.report.knockOnSummary', { count: report.knockOnLateCount }) : ''}
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
  parts.push(
    block(
      'overrun',
      <Paragraph>
        <span data-testid="report-timing" data-kind={overview.timing?.kind ?? 'none'}>
          {overrunTextOf(t, report)}
        </span>
      </Paragraph>,
    ),
  );
  if (report.problems.length === 0) parts.push(block('no-problems', <Paragraph>{t('replay.report.noProblems')}</Paragraph>));
  report.problems.forEach((problem, i) => parts.push(block(`problem-${i}`, <ProblemView problem={problem} n={i + 1} t={t} at={at} span={span} stepTitle={stepTitle} />)));
  if (report.knockOnLateCount > 0) parts.push(block('knock-on', <p className="doc-note aar-knock-on" data-testid="report-knock-on">{t('replay.report.knockOn', { count: report.knockOnLateCount })}</p>));

  // 三、经验和教训
  heading('h3', t('replay.report.section3'));
  // 经验: what went well (notes, items achieved); 教训: what went wrong (notes, items short of their criterion).
  const { learned } = report;
  const itemLine = (result: (typeof learned.achieved)[number], n: number, mark: string) => (
    <p className="aar-item">
      <span className="aar-n">{n}.</span>
      {`${result.number} ${result.item.content}`}
      {result.entries.at(-1)?.event.text ? t('colon') + result.entries.at(-1)!.event.text : ''}
      {mark ? t('bracketed', { text: mark }) : ''}
    </p>
  );
  const listOf = (key: string, notes: FindingItem[], items: typeof learned.achieved, marked: boolean) => {
    notes.forEach((item, i) => parts.push(block(`${key}-note-${i}`, <FindingLine item={item} n={i + 1} t={t} at={at} />)));
    items.forEach((result, i) =>
      parts.push(block(`${key}-item-${i}`, itemLine(result, notes.length + i + 1, marked && result.rating ? t(`evaluation.outcome.${result.rating.outcome}`) : ''))),
    );
    if (notes.length + items.length === 0) parts.push(block(`${key}-none`, <Paragraph>{t('replay.report.noLessons')}</Paragraph>));
  };
  sub('experience', t('replay.report.experience'));
  listOf('good', learned.wentWell, learned.achieved, false);
  sub('lessons', t('replay.report.lessonsLearned'));
  listOf('bad', learned.wentWrong, learned.shortfalls, true);

  // 四、改进建议
  heading('h4', t('replay.report.section4'));
  if (report.improvementLines.length === 0) parts.push(block('no-improvements', <Paragraph>{t('replay.report.noImprovements')}</Paragraph>));
  else
    parts.push({
      kind: 'table',
      key: 'improvements',
      className: 'aar-table',
      columns: columns(9, 70, 34, 26, 14),
      head: (
        <tr>
          <th>{t('replay.report.col.n')}</th>
          <th>{t('replay.report.col.action')}</th>
          <th>{t('replay.report.col.unit')}</th>
          <th>{t('replay.report.col.due')}</th>
          <th>{t('replay.report.col.state')}</th>
        </tr>
      ),
      units: report.improvementLines.map(({ n, item, unit }) => ({
        key: item.annotation.id,
        node: (
          <tr data-testid="report-improvement">
            <td className="doc-center">{n}</td>
            <td>
              {item.annotation.text}
              {item.step ? <span className="muted">{t('bracketed', { text: item.step.title })}</span> : null}
            </td>
            <td>{unit || t('replay.report.unowned')}</td>
            <td className="doc-center">{item.annotation.dueDate ? longDateOf(item.annotation.dueDate, language) : t('replay.report.noDue')}</td>
            <td className="doc-center">{item.annotation.done ? t('replay.report.done') : t('replay.report.open')}</td>
          </tr>
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
          <td>{timelineNoteOf(t, row)}</td>
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

  // 附件: the photos, each a block of known height (its box is sized from the image's own dimensions, so the page
  // breaks are right before the image has loaded).
  if (report.attachments.length > 0) {
    heading('attachments', t('replay.report.attachments'));
    for (const row of report.attachments) {
      const { width, height } = photoBoxOf(row.attachment.width, row.attachment.height);
      parts.push(
        block(
          `attachment-${row.attachment.id}`,
          <figure className="aar-photo" data-testid="report-attachment">
            <img src={`data:${row.attachment.mime};base64,${row.attachment.dataBase64}`} alt={row.attachment.caption || t('replay.report.attachmentNumber', { n: row.n })} style={{ width: `${width}mm`, height: `${height}mm` }} />
            <figcaption>
              <strong>{attachmentTitleOf(t, row)}</strong> <span className="muted">{attachmentContextOf(t, row, clock(row.atMs))}</span>
            </figcaption>
          </figure>,
        ),
      );
    }
    parts.push(block('attachments-note', <p className="doc-note">{t('replay.report.attachmentsNote')}</p>));
  }

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
    problem.kind === 'objective-not-met'
      ? { 'data-testid': 'report-objective-problem' }
      : problem.kind === 'not-started'
        ? { 'data-testid': 'report-not-started' }
        : problem.kind === 'late-step'
          ? { 'data-late-step': problem.comparison.step.id }
          : {};
  return (
    <p className="aar-item" {...attributes}>
      <span className="aar-n">{props.n}.</span>
      {problemTextOf(props.t, problem, { span: props.span, stepTitle: props.stepTitle, atMin: props.at })}
    </p>
  );
}
