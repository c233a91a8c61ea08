/**
 * A blank evaluation form (演练评估表) for paper use, one flow per form, A4
 * landscape: the drill's facts with blanks for the site and the evaluator,
 * who is assigned to what, the instructions, the table (评估项目 merged down
 * its items | 序号 | 评估内容 | 评估标准 | 分值 | 评估结果 boxes | 说明), the
 * scoring rule and a signature line.
 */
import type { TFunction } from 'i18next';
import type { BlankForm } from '../../shared/evaluationSheets';
import { contentWidthOf, type Flow, type FlowPart } from './Paged';
import { InfoTable, Lines, TitleBlock } from './docParts';
import { longDateOf } from '../../shared/time';

/** Column weights scaled to the landscape text width. */
function columnsOf(points: boolean): number[] {
  const weights = [26, 12, 78, 78, ...(points ? [12] : []), 36, 30];
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (w / total) * contentWidthOf('landscape'));
}

export function evaluationFormFlow(form: BlankForm, t: TFunction, language: string): Flow {
  const points = form.scheme === 'points';
  const col = (key: string) => t(`evaluation.form.col.${key}`);
  const result = form.scheme === 'checklist' ? t('evaluation.form.checklistBoxes') : form.scheme === 'hseep' ? t('evaluation.form.hseepBoxes') : t('evaluation.form.pointsBlank');
  const when = form.drill.drillDate ? `${longDateOf(form.drill.drillDate, language)}${form.drill.startTime ? ` ${form.drill.startTime}` : ''}` : (form.drill.startTime ?? '');
  const blank = '＿＿＿＿＿＿＿＿';
  const assigned = form.assignees.map((a) =>
    t('evaluation.form.assignedLine', {
      who: `${a.who}${a.who !== a.roleName ? t('bracketed', { text: a.roleName }) : ''}${a.lead ? t('evaluation.report.lead') : ''}`,
      what: [
        a.sections.length > 0 ? t('evaluation.report.sectionsScope', { list: a.sections.join(t('listSep')) }) : t('evaluation.form.allSections'),
        a.sites.length > 0 ? t('evaluation.report.sitesScope', { list: a.sites.join(t('listSep')) }) : null,
      ]
        .filter(Boolean)
        .join(t('comma')),
    }),
  );
  const parts: FlowPart[] = [
    { kind: 'block', key: 'title', node: <TitleBlock drillTitle={form.drill.title} title={form.title} subtitle={t(`evaluation.scheme.${form.scheme}`)} /> },
    {
      kind: 'block',
      key: 'facts',
      node: (
        <InfoTable
          rows={[
            { label: t('evaluation.form.drill'), value: form.drill.title, wide: true },
            { label: t('evaluation.form.time'), value: when || blank },
            { label: t('evaluation.form.place'), value: blank },
            { label: t('evaluation.form.evaluator'), value: blank },
            { label: t('evaluation.form.date'), value: blank },
            ...(assigned.length > 0 ? [{ label: t('evaluation.form.assignedTo'), value: assigned.join('；'), wide: true }] : []),
          ]}
        />
      ),
    },
  ];
  if (form.description.trim()) parts.push({ kind: 'block', key: 'description', node: <Lines text={form.description} className="doc-note" /> });
  parts.push({
    kind: 'table',
    key: 'items',
    className: 'doc-eval-form',
    columns: columnsOf(points),
    head: (
      <tr>
        <th>{col('group')}</th>
        <th>{col('n')}</th>
        <th>{col('content')}</th>
        <th>{col('criterion')}</th>
        {points && <th>{col('points')}</th>}
        <th>{col('result')}</th>
        <th>{col('note')}</th>
      </tr>
    ),
    units: form.sections.map((section) => ({
      key: `s${section.number}`,
      node: (
        <>
          {section.items.map((item, i) => (
            <tr key={item.number} data-testid="eval-form-row">
              {i === 0 && (
                <td rowSpan={section.items.length} className="doc-center doc-eval-group">
                  {section.number}.{section.title}
                </td>
              )}
              <td className="doc-center">
                {item.number}
                {item.critical ? t('evaluation.form.criticalMark') : ''}
              </td>
              <td>
                {item.content}
                {item.site && <div className="doc-small">{t('evaluation.form.place')}{t('colon')}{item.site}</div>}
              </td>
              <td>
                <Lines text={item.criterion} />
                {item.guidance && <div className="doc-small doc-muted">{item.guidance}</div>}
              </td>
              {points && <td className="doc-center">{item.weight !== 1 ? `${item.maxPoints}×${item.weight}` : item.maxPoints}</td>}
              <td className="doc-eval-boxes">{result}</td>
              <td />
            </tr>
          ))}
        </>
      ),
    })),
  });
  parts.push({ kind: 'block', key: 'rule', node: <p className="doc-note">{t(`evaluation.form.schemeNote.${form.scheme}`, { pass: form.passPercent })}</p> });
  parts.push({
    kind: 'block',
    key: 'signature',
    node: (
      <p className="doc-eval-signature">
        {t('evaluation.form.signature')}
        {t('colon')}
        {blank}
        {'　　'}
        {t('evaluation.form.date')}
        {t('colon')}
        {blank}
      </p>
    ),
  });
  return {
    key: `evaluation-${form.id}`,
    orientation: 'landscape',
    footer: t('evaluation.form.footer', { title: form.drill.title }),
    runningHead: t('evaluation.form.runningHead', { title: form.title }),
    parts,
  };
}
