/** Sentences that explain a late step, shared by the analysis view and the printed report. */
import type { TFunction } from 'i18next';
import type { DelayCause } from '../../shared/analysis';
import { minutesText, minutesText as decimalMinutesText } from './format';

/**
 * Why a step was late, in one sentence: e.g. 「上游“启动应急响应”晚完成，带来 4 分钟；自身起步晚 1 分钟；自身用时超出 7 分钟」.
 * Parts under half a minute are left out; `whole` gives the minutes as whole numbers (the printed report's prose).
 */
export function causeTextOf(t: TFunction, cause: DelayCause, titleOf: (stepId: string) => string, whole = false): string {
  // The printed report's prose gives whole minutes; the analysis tab one decimal under ten.
  const minutesText = whole ? (minutes: number) => String(Math.round(minutes)) : decimalMinutesText;
  const parts: string[] = [];
  if (cause.upstream && cause.upstream.minutes >= 0.5)
    parts.push(t('replay.cause.upstream', { step: titleOf(cause.upstream.stepId), minutes: minutesText(cause.upstream.minutes) }));
  if (cause.startedLate >= 0.5) parts.push(t('replay.cause.startedLate', { minutes: minutesText(cause.startedLate) }));
  if (cause.overran >= 0.5) parts.push(t('replay.cause.overran', { minutes: minutesText(cause.overran) }));
  if (cause.overran <= -0.5) parts.push(t('replay.cause.quicker', { minutes: minutesText(-cause.overran) }));
  const origins = cause.origins.filter((origin) => origin.stepId !== cause.upstream?.stepId || cause.origins.length > 1);
  if (cause.upstream && origins.length > 0)
    parts.push(t('replay.cause.origins', { steps: origins.map((o) => t('replay.cause.origin', { step: titleOf(o.stepId), minutes: minutesText(o.minutes) })).join(t('listSep')) }));
  return parts.join(t('replay.cause.separator'));
}

/** The main cause as a short label: 上游延误 / 起步晚 / 用时超出. */
export const mainCauseLabelOf = (t: TFunction, cause: DelayCause) => t(`replay.cause.main.${cause.main}`);

/** The same causes in a few words, for table cells: 「上游“启动应急响应”+4；超时 7」. */
export function shortCauseTextOf(t: TFunction, cause: DelayCause, titleOf: (stepId: string) => string): string {
  const parts: string[] = [];
  if (cause.upstream && cause.upstream.minutes >= 0.5)
    parts.push(t('replay.cause.short.upstream', { step: titleOf(cause.upstream.stepId), minutes: minutesText(cause.upstream.minutes) }));
  if (cause.startedLate >= 0.5) parts.push(t('replay.cause.short.startedLate', { minutes: minutesText(cause.startedLate) }));
  if (cause.overran >= 0.5) parts.push(t('replay.cause.short.overran', { minutes: minutesText(cause.overran) }));
  if (cause.overran <= -0.5) parts.push(t('replay.cause.short.quicker', { minutes: minutesText(-cause.overran) }));
  return parts.join(t('replay.cause.separator'));
}
