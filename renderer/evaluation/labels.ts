/** How ratings read on screen and on paper: a grade's short name, or points. */
import type { TFunction } from 'i18next';
import { NOT_APPLICABLE } from '../../shared/evaluation';
import type { EvalScheme } from '../../shared/model';

/** `达到`, `P`, `7.5 分`, `不适用`: a rating under its form's scheme. */
export function ratingLabelOf(t: TFunction, scheme: EvalScheme, value: string): string {
  if (scheme === 'points' && value !== NOT_APPLICABLE) return t('evaluation.points', { value });
  return t(`evaluation.valueShort.${value}`);
}
