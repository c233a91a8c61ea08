/**
 * The evaluation report (演练评估报告) as a printable flow, A4 portrait, laid
 * out by the print view's pager like every document DrillDesk prints:
 *   一、演练基本情况  二、评估方法与评估组  三、评估结果 (per form, with totals,
 *   pass or fail, and the on-the-spot comments)  四、演练目标达成情况 (with
 *   the rule)  五、未达到的评估内容及依据  六、主要优点  七、存在的问题  八、改进建议
 */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { ItemResult } from '../../shared/evaluation';
import type { EvaluationReport, NoteItem, ShortfallItem } from '../../shared/evaluationReport';
import { InfoTable, Lines, SectionHeading, TitleBlock } from '../print/docParts';
import { clockAt, dateAt, longDateOf } from '../../shared/time';
import { contentWidthOf, type Flow, type FlowPart } from '../print/Paged';
import { objectiveBasisOf, ratingLabelOf } from '../evaluation/labels';
import { fieldGapOf, formTotalsTextOf, shortfallLinesOf } from '../../shared/docText';

const WIDTH = contentWidthOf('portrait');
const columns = (...weights: number[]) => {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (w / total) * WIDTH);
};
const block = (key: string, node: ReactNode, keepWithNext = false): FlowPart => ({ kind: 'block', key, node, keepWithNext });


function NoteLine(props: { note: NoteItem; n: number; t: TFunction; withOwner?: boolean; language: string }) {
  const { note, t } = props;
  return (
    <p className="aar-item">
      <span className="aar-n">{props.n}.</span>
      {note.step && <b>{t('replay.report.stepMark', { step: note.step.title })}</b>}
      {note.annotation.text}
      {props.withOwner &&
        (note.owner || note.annotation.dueDate) &&
        t('evaluation.report.recommendationOwner', {
          owner: note.owner?.name ?? t('replay.report.unowned'),
          due: note.annotation.dueDate ? longDateOf(note.annotation.dueDate, props.language) : t('evaluation.report.noDue'),
        })}
    </p>
  );
}

function Shortfall(props: { item: ShortfallItem; t: TFunction; clock: (ms: number) => string; stepTitle: (id: string) => string; span: (from: number | null, to: number | null) => string }) {
  const { item, t } = props;
  const { result } = item;
  const scheme = result.form.scheme;
  const lines = shortfallLinesOf(t, item, { clock: props.clock, span: props.span, stepTitle: props.stepTitle });
  return (
    <div className="aar-item doc-eval-shortfall" data-testid="evaluation-shortfall" data-item-id={result.item.id}>
      <div>
        <b>{t('evaluation.report.unmetHeading', { n: result.number, content: result.item.content })}</b>
        {fieldGapOf(t)}
        <span className={`aar-status-${result.rating?.outcome === 'partly' ? 'partly' : 'not-achieved'}`}>{result.rating ? ratingLabelOf(t, scheme, result.rating.value, true) : ''}</span>
      </div>
      {result.item.criterion && <div className="doc-small">{t('evaluation.report.criterion', { text: result.item.criterion })}</div>}
      <ul className="doc-eval-evidence">
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

function ResultRow(props: { result: ItemResult; t: TFunction }) {
  const { result, t } = props;
  const latest = result.entries.at(-1);
  return (
    <tr data-testid="evaluation-result-row" data-item-id={result.item.id}>
      <td className="doc-center">
        {result.number}
        {result.item.critical ? t('evaluation.form.criticalMark') : ''}
      </td>
      <td>{result.item.content}</td>
      <td className={`doc-center aar-status-${result.rating?.outcome ?? 'not-evaluated'}`}>{result.rating ? ratingLabelOf(t, result.form.scheme, result.rating.value, true) : t('evaluation.console.unrated')}</td>
      <td>{latest?.event.person ?? ''}</td>
      <td>
        {latest?.event.text ?? ''}
        {latest?.enteredLater && <span className="doc-eval-late">{t('evaluation.enteredLater')}</span>}
      </td>
    </tr>
  );
}

export function evaluationReportFlowOf(report: EvaluationReport, t: TFunction, language: string): Flow {
  const { basics } = report;
  const titleOf = new Map(report.analysis.steps.map((c) => [c.step.id, c.step.title]));
  const stepTitle = (id: string) => titleOf.get(id) ?? id;
  const clock = (ms: number) => clockAt(ms, basics.timeZone);
  const at = (minutes: number) => clock(basics.startedAtMs + minutes * 60_000);
  const span = (from: number | null, to: number | null) => (from === null ? '—' : `${at(from)}–${at(to ?? from)}`);
  const parts: FlowPart[] = [];
  const heading = (key: string, text: string) => parts.push(block(key, <SectionHeading text={text} />, true));
  const sub = (key: string, text: string) => parts.push(block(key, <h3 className="aar-sub">{text}</h3>, true));
  const paragraph = (key: string, text: string) => parts.push(block(key, <p className="aar-paragraph">{text}</p>));

  parts.push(block('title', <TitleBlock drillTitle={basics.title} title={t('evaluation.report.docTitle')} />));
  parts.push(
    block(
      'facts',
      <InfoTable
        rows={[
          { label: t('evaluation.report.runName'), value: basics.runName, wide: true },
          {
            label: t('evaluation.report.time'),
            value: `${longDateOf(dateAt(basics.startedAtMs, basics.timeZone), language)} ${clockAt(basics.startedAtMs, basics.timeZone)}–${basics.endedAtMs === null ? t('replay.report.notEnded') : clockAt(basics.endedAtMs, basics.timeZone)}`,
          },
          { label: t('evaluation.report.place'), value: basics.location || '—' },
          { label: t('evaluation.report.organiser'), value: basics.organiser || '—', wide: true },
        ]}
      />,
    ),
  );

  // 一、演练基本情况
  heading('h1', t('evaluation.report.section1'));
  sub('objectives-list', t('evaluation.report.objectives'));
  parts.push(
    block(
      'objectives-body',
      basics.objectives.length > 0 ? (
        <ol className="aar-list">
          {basics.objectives.map((o) => (
            <li key={o.id}>{o.text}</li>
          ))}
        </ol>
      ) : (
        <p className="aar-paragraph">{t('replay.report.noObjectives')}</p>
      ),
    ),
  );

  // 二、评估方法与评估组
  heading('h2', t('evaluation.report.section2'));
  paragraph('method', t('evaluation.report.method'));
  if (report.team.length > 0)
    parts.push({
      kind: 'table',
      key: 'team',
      className: 'aar-table',
      columns: columns(30, 26, 50, 40),
      head: (
        <tr>
          <th>{t('evaluation.report.col.evaluator')}</th>
          <th>{t('evaluation.report.col.role')}</th>
          <th>{t('evaluation.report.col.forms')}</th>
          <th>{t('evaluation.report.col.scope')}</th>
        </tr>
      ),
      units: report.team.map((member, i) => ({
        key: `team-${i}`,
        node: (
          <tr>
            <td>
              {member.who}
              {member.lead ? t('evaluation.report.lead') : ''}
            </td>
            <td>{member.role?.name ?? ''}</td>
            <td>{member.forms.map((form) => form.title).join(t('listSep'))}</td>
            <td>
              {[
                ...member.forms.map((form) => (form.sections.length > 0 ? t('evaluation.report.sectionsScope', { list: form.sections.join(t('listSep')) }) : t('evaluation.report.wholeForm'))),
                ...(member.sites.length > 0 ? [t('evaluation.report.sitesScope', { list: member.sites.join(t('listSep')) })] : []),
              ].join(t('comma'))}
            </td>
          </tr>
        ),
      })),
    });

  // 三、评估结果
  heading('h3', t('evaluation.report.section3'));
  report.forms.forEach((result, f) => {
    sub(`form-${f}`, t('evaluation.report.formHeading', { title: result.form.title, scheme: t(`evaluation.schemeShort.${result.form.scheme}`) }));
    parts.push(
      block(
        `form-${f}-totals`,
        <p className="aar-paragraph" data-testid="evaluation-form-totals" data-status={result.totals.status}>
          {formTotalsTextOf(t, result)}
          {result.totals.criticalFailures > 0 && ` ${t('evaluation.report.criticalFailed', { count: result.totals.criticalFailures })}`}
        </p>,
      ),
    );
    parts.push({
      kind: 'table',
      key: `form-${f}-items`,
      className: 'aar-table aar-small',
      columns: columns(11, 70, 16, 18, 50),
      head: (
        <tr>
          <th>{t('evaluation.report.col.n')}</th>
          <th>{t('evaluation.report.col.content')}</th>
          <th>{t('evaluation.report.col.result')}</th>
          <th>{t('evaluation.report.col.by')}</th>
          <th>{t('evaluation.report.col.note')}</th>
        </tr>
      ),
      units: result.items.map((item) => ({ key: item.item.id, node: <ResultRow result={item} t={t} /> })),
    });
  });
  sub('hot-wash', t('evaluation.report.hotWash'));
  if (report.hotWash.length === 0) paragraph('no-hot-wash', t('evaluation.report.noHotWash'));
  report.hotWash.forEach((comment, i) =>
    parts.push(
      block(
        `hot-wash-${i}`,
        <p className="aar-item" data-testid="evaluation-hot-wash">
          <span className="aar-n">{i + 1}.</span>
          {comment.who && <b>{comment.who}{t('colon')}</b>}
          <Lines text={comment.text} />
          <span className="aar-when">{t('bracketed', { text: clock(comment.atMs) })}</span>
        </p>,
      ),
    ),
  );

  // 四、演练目标达成情况
  heading('h4', t('evaluation.report.section4'));
  parts.push({
    kind: 'table',
    key: 'objectives',
    className: 'aar-table',
    columns: columns(64, 18, 48),
    head: (
      <tr>
        <th>{t('evaluation.report.col.objective')}</th>
        <th>{t('evaluation.report.col.status')}</th>
        <th>{t('evaluation.report.col.basis')}</th>
      </tr>
    ),
    units:
      report.objectives.length === 0
        ? [{ key: 'none', node: <tr><td colSpan={3} className="doc-empty">{t('replay.report.noObjectives')}</td></tr> }]
        : report.objectives.map((o) => ({
            key: o.objective.id,
            node: (
              <tr data-testid="evaluation-objective" data-status={o.status}>
                <td>{o.objective.text}</td>
                <td className={`doc-center aar-status-${o.status}`}>{t(`evaluation.objective.${o.status}`)}</td>
                <td>{objectiveBasisOf(t, o)}</td>
              </tr>
            ),
          })),
  });
  parts.push(block('rule', <p className="doc-note">{t('evaluation.report.rule')}</p>));

  // 五、未达到的评估内容及依据
  heading('h5', t('evaluation.report.section5'));
  if (report.shortfalls.length === 0) paragraph('no-shortfalls', t('evaluation.report.noUnmet'));
  report.shortfalls.forEach((item) => parts.push(block(`shortfall-${item.result.item.id}`, <Shortfall clock={clock} item={item} t={t} stepTitle={stepTitle} span={span} />)));

  // 六、主要优点
  heading('h6', t('evaluation.report.section6'));
  if (report.strengths.notes.length === 0 && report.strengths.items.length === 0) paragraph('no-strengths', t('evaluation.report.noStrengths'));
  report.strengths.notes.forEach((note, i) => parts.push(block(`strength-${i}`, <NoteLine note={note} n={i + 1} t={t} language={language} />)));
  if (report.strengths.items.length > 0) {
    paragraph('strength-items-head', t('evaluation.report.strengthsFromItems'));
    report.strengths.items.forEach((item) =>
      parts.push(
        block(
          `strength-item-${item.item.id}`,
          <p className="aar-item">
            <b>{item.number} {item.item.content}</b>
            {t('colon')}
            {item.entries.at(-1)?.event.text}
          </p>,
        ),
      ),
    );
  }

  // 七、存在的问题
  heading('h7', t('evaluation.report.section7'));
  const problems = [
    ...report.problems.map((note, i) => <NoteLine key={`n${i}`} note={note} n={i + 1} t={t} language={language} />),
    ...report.shortfalls.map((item, i) => (
      <p key={`s${i}`} className="aar-item">
        <span className="aar-n">{report.problems.length + i + 1}.</span>
        {item.result.number} {item.result.item.content}
        {t('colon')}
        {item.result.rating ? ratingLabelOf(t, item.result.form.scheme, item.result.rating.value, true) : ''}
        {item.entries.at(-1)?.event.text ? t('bracketed', { text: item.entries.at(-1)!.event.text }) : ''}
      </p>
    )),
  ];
  if (problems.length === 0) paragraph('no-problems', t('evaluation.report.noProblems'));
  problems.forEach((node, i) => parts.push(block(`problem-${i}`, node)));

  // 八、改进建议
  heading('h8', t('evaluation.report.section8'));
  if (report.recommendations.length === 0) paragraph('no-recommendations', t('evaluation.report.noRecommendations'));
  report.recommendations.forEach((note, i) => parts.push(block(`recommendation-${i}`, <NoteLine note={note} n={i + 1} t={t} withOwner language={language} />)));

  return {
    key: 'evaluation-report',
    orientation: 'portrait',
    footer: `${basics.title} · ${t('evaluation.report.docTitle')}`,
    runningHead: t('evaluation.report.runningHead', { title: basics.title }),
    parts,
  };
}
