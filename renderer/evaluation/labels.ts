/** How ratings read on screen and on paper: a grade's short name, or points. */
import type { TFunction } from 'i18next';
import { NOT_APPLICABLE, type ObjectiveEvaluation } from '../../shared/evaluation';
import type { EvalScheme } from '../../shared/model';

/** `达到`, `P`, `7.5 分`, `不适用`: a rating under its form's scheme; `long` for documents (`基本达到`, `P 顺利完成`). */
export function ratingLabelOf(t: TFunction, scheme: EvalScheme, value: string, long = false): string {
  if (scheme === 'points' && value !== NOT_APPLICABLE) return t('evaluation.points', { value });
  return t(`evaluation.${long ? 'value' : 'valueShort'}.${value}`);
}

/** Why an objective has its status, in one line: the rated linked items, the shortfalls by number, the steps serving it. */
export function objectiveBasisOf(t: TFunction, o: ObjectiveEvaluation): string {
  const parts = [o.ratedCount > 0 ? t('evaluation.report.objectiveBasis', { rated: o.ratedCount, achieved: o.achievedCount }) : t('evaluation.report.notEvaluatedBasis')];
  if (o.shortfalls.length > 0) parts.push(t('evaluation.report.shortfallNumbers', { list: o.shortfalls.map((r) => r.number).join(t('listSep')) }));
  if (o.steps && o.steps.stepIds.length > 0) parts.push(t('evaluation.report.objectiveSteps', { done: o.steps.doneCount, total: o.steps.stepIds.length }));
  return parts.join(t('comma')) + (o.loweredBySteps ? t('evaluation.report.lowered') : '');
}
