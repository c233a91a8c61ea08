/**
 * Plan against reality: the totals, the few steps that lost the time, the
 * run's actual critical path, the objectives achieved or not (by the
 * evaluation, with the steps serving them), and the table of
 * every step with planned and actual times and, for late steps, why.
 * Clicking a step shows its moment in the replay.
 */
import type { ObjectiveEvaluation } from '../../shared/evaluation';
import { objectiveBasisOf } from '../evaluation/labels';
import { useTranslation } from 'react-i18next';
import type { RunAnalysis, StepComparison } from '../../shared/analysis';
import type { ScenarioBody } from '../../shared/model';
import { clockAt } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';
import { causeTextOf, mainCauseLabelOf } from './causes';
import { deltaText, minutesText } from './format';

function Fact(props: { label: string; value: string; tone?: 'bad' | 'good'; testId?: string }) {
  return (
    <div className={`fact${props.tone ? ` is-${props.tone}` : ''}`} data-testid={props.testId}>
      <span className="fact-label">{props.label}</span>
      <span className="fact-value">{props.value}</span>
    </div>
  );
}

export function AnalysisView(props: { analysis: RunAnalysis; objectives: readonly ObjectiveEvaluation[]; plan: ScenarioBody; runStartMs: number; onShowStep: (stepId: string, minutes: number) => void }) {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const { analysis, plan, runStartMs } = props;
  const titles = new Map(plan.steps.map((step) => [step.id, step.title]));
  const roleNames = new Map(plan.roles.map((role) => [role.id, role.name]));
  const titleOf = (id: string) => titles.get(id) ?? id;
  const clock = (minutes: number | null) => (minutes === null ? '—' : clockAt(runStartMs + minutes * 60_000, zone));
  const range = (from: number | null, to: number | null) => (from === null ? '—' : `${clock(from)}–${clock(to ?? from)}`);
  const causes = new Map(analysis.lateSteps.map((cause) => [cause.stepId, cause]));
  const minutes = (value: number | null) => (value === null ? '—' : t('replay.analysis.minutes', { count: Math.round(value), value: minutesText(value) }));

  const row = (c: StepComparison) => {
    const cause = causes.get(c.step.id);
    return (
      <tr
        key={c.step.id}
        className={`outcome-${c.outcome}${c.late ? ' is-late' : ''}${c.onActualCriticalPath ? ' is-critical' : ''}`}
        onClick={() => props.onShowStep(c.step.id, c.actualStart ?? c.plannedStart ?? 0)}
        data-testid="analysis-row"
        data-step-id={c.step.id}
        data-late={c.late ? 'true' : 'false'}
      >
        <td className="an-step">
          <span className={`pa-kind kind-dot-${c.step.kind}`} aria-hidden />
          {c.step.title}
          {c.onActualCriticalPath && <span className="an-critical" title={t('replay.analysis.onCriticalPath')}>◆</span>}
        </td>
        <td className="an-roles">{c.step.roleIds.map((id) => roleNames.get(id) ?? id).join(t('listSep'))}</td>
        <td className="an-time">{range(c.plannedStart, c.plannedFinish)}</td>
        <td className="an-time">{c.outcome === 'done' || c.outcome === 'unfinished' ? range(c.actualStart, c.actualFinish) : t(`replay.outcome.${c.outcome}`)}</td>
        <td className="an-delta">{deltaText(c.startDelay)}</td>
        <td className={`an-delta${c.late ? ' is-bad' : ''}`}>{deltaText(c.finishDelay)}</td>
        <td className="an-cause">
          {cause ? (
            <>
              <b>{mainCauseLabelOf(t, cause)}</b> {causeTextOf(t, cause, titleOf)}
            </>
          ) : c.outcome === 'skipped' && c.skippedReason ? (
            <span className="muted">{c.skippedReason}</span>
          ) : null}
        </td>
      </tr>
    );
  };

  const overrun = analysis.overrun;
  return (
    <div className="analysis" data-testid="analysis-view">
      <section className="analysis-summary">
        <div className="facts">
          <Fact label={t('replay.analysis.planned')} value={minutes(analysis.plannedLength)} />
          <Fact label={t('replay.analysis.actual')} value={minutes(analysis.actualLength)} />
          <Fact
            label={t('replay.analysis.overrun')}
            value={overrun === null ? '—' : `${deltaText(overrun)} ${t('unit.min')}`}
            tone={overrun !== null && overrun > 1 ? 'bad' : 'good'}
            testId="analysis-overrun"
          />
          <Fact label={t('replay.analysis.lateSteps')} value={String(analysis.lateSteps.length)} tone={analysis.lateSteps.length > 0 ? 'bad' : 'good'} />
          <Fact label={t('replay.analysis.paused')} value={minutes(analysis.pausedMinutes)} />
        </div>
        <div className="analysis-columns">
          <div className="analysis-block" data-testid="analysis-contributors">
            <h3>{t('replay.analysis.lostWhere')}</h3>
            {analysis.contributors.length === 0 ? (
              <p className="muted">{overrun !== null && overrun > 1 ? t('replay.analysis.noContributors') : t('replay.analysis.onTime')}</p>
            ) : (
              <ol className="contributors">
                {analysis.contributors.map((c) => (
                  <li key={c.stepId}>
                    <button type="button" className="link-like" onClick={() => props.onShowStep(c.stepId, analysis.byStep.get(c.stepId)?.actualStart ?? 0)}>
                      {titleOf(c.stepId)}
                    </button>
                    <span className="contributor-bar" style={{ width: `${Math.min(100, c.share * 100)}%` }} aria-hidden />
                    <span className="contributor-minutes">
                      {t('replay.analysis.contribution', { minutes: minutesText(c.minutes), share: Math.round(c.share * 100) })}
                    </span>
                    <span className="contributor-split muted">
                      {[c.startedLate >= 0.5 ? t('replay.analysis.splitStart', { minutes: minutesText(c.startedLate) }) : null, c.overran >= 0.5 ? t('replay.analysis.splitRun', { minutes: minutesText(c.overran) }) : null]
                        .filter(Boolean)
                        .join(t('comma'))}
                    </span>
                  </li>
                ))}
              </ol>
            )}
            {analysis.lostMinutes - Math.max(overrun ?? 0, 0) >= 1 && (
              <p className="muted small recovered-note">{t('replay.analysis.recovered', { lost: minutesText(analysis.lostMinutes), recovered: minutesText(analysis.lostMinutes - Math.max(overrun ?? 0, 0)) })}</p>
            )}
          </div>
          <div className="analysis-block">
            <h3>{t('replay.analysis.criticalPath')}</h3>
            <p className="critical-chain" data-testid="analysis-critical-path">
              {analysis.criticalPath.length === 0 ? t('replay.analysis.nothingDone') : analysis.criticalPath.map(titleOf).join(' → ')}
            </p>
            <h3>{t('replay.analysis.objectives')}</h3>
            {props.objectives.length === 0 ? (
              <p className="muted">{t('replay.analysis.noObjectives')}</p>
            ) : (
              <ul className="objective-list">
                {props.objectives.map((o) => (
                  <li key={o.objective.id} className={`objective is-${o.status}`} data-testid="analysis-objective" data-status={o.status}>
                    <span className="objective-status">{t(`evaluation.objective.${o.status}`)}</span>
                    <span className="objective-text">{o.objective.text}</span>
                    <span className="muted objective-count">{objectiveBasisOf(t, o)}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>
      <table className="analysis-table">
        <thead>
          <tr>
            <th>{t('replay.analysis.col.step')}</th>
            <th>{t('replay.analysis.col.roles')}</th>
            <th>{t('replay.analysis.col.planned')}</th>
            <th>{t('replay.analysis.col.actual')}</th>
            <th>{t('replay.analysis.col.startDelta')}</th>
            <th>{t('replay.analysis.col.finishDelta')}</th>
            <th>{t('replay.analysis.col.cause')}</th>
          </tr>
        </thead>
        <tbody>{analysis.steps.map(row)}</tbody>
      </table>
    </div>
  );
}
