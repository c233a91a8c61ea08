/** Sentences that explain a late step, shared by the analysis view and the printed report. */
import type { TFunction } from 'i18next';
import type { DelayCause } from '../../shared/analysis';

export { causeTextOf, shortCauseTextOf } from '../../shared/docText';

/** The main cause as a short label: 上游延误 / 起步晚 / 用时超出. */
export const mainCauseLabelOf = (t: TFunction, cause: DelayCause) => t(`replay.cause.main.${cause.main}`);

