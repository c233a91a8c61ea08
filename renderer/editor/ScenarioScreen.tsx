/**
 * A scenario's screen: a header with its title and a tab per view, and the
 * view the route names. The scenario itself is held by the editor store
 * (`useEditor`), opened here for every view, so each view sees the latest
 * edits.
 *
 * To add a view, add one line to `views` (the router already knows the
 * names `editor`, `timeline`, `evaluation`, `runs` and `print`), e.g.
 *   timeline: { labelKey: 'nav.timeline', Component: TimelineView },
 */
import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { hashOf, navigate, type Route } from '../app/router';
import { RunsView } from '../conduct/RunsView';
import { PrintScreen } from '../print/PrintScreen';
import { TimelineView } from '../timeline/TimelineView';
import { EvaluationView } from '../evaluation/EvaluationView';
import { PickBanner } from '../evaluation/pick';
import { EditorView } from './EditorView';
import { OpenImprovements } from '../replay/OpenImprovements';
import { Icon } from './icons';
import { closeScenario, openDialog, openScenario, useEditor } from './store';

export type ScenarioView = Extract<Route, { screen: 'scenario' }>['view'];
export type ScenarioViewProps = { scenarioId: string };

/** The views of a scenario, in tab order. */
export const views: Partial<Record<ScenarioView, { labelKey: string; Component: ComponentType<ScenarioViewProps> }>> = {
  editor: { labelKey: 'nav.editor', Component: EditorView },
  timeline: { labelKey: 'nav.timeline', Component: TimelineView },
  evaluation: { labelKey: 'evaluation.tab', Component: EvaluationView },
  runs: { labelKey: 'conduct.runs.title', Component: RunsView },
  print: { labelKey: 'nav.print', Component: PrintScreen },
};

export function ScenarioScreen(props: { scenarioId: string; view: string }) {
  const { t } = useTranslation();
  const phase = useEditor((state) => state.phase);
  const title = useEditor((state) => state.body.title);
  const loadError = useEditor((state) => state.loadError);
  useEffect(() => {
    void openScenario(props.scenarioId, api);
    return () => closeScenario();
  }, [props.scenarioId]);

  const entry = views[props.view as ScenarioView];
  return (
    <div className="scenario-screen">
      <div className="scenario-header">
        <button type="button" className="back-button" onClick={() => navigate({ screen: 'home' })} title={t('nav.home')} data-testid="back-home">
          <Icon name="chevron" size={14} className="flip" />
          {t('nav.home')}
        </button>
        <h1 data-testid="scenario-title" title={title}>
          {phase === 'ready' ? title : ''}
        </h1>
        {phase === 'ready' && props.view === 'editor' && (
          <button type="button" className="icon-button title-edit" onClick={() => openDialog('meta')} aria-label={t('editor.command.edit-meta')}>
            <Icon name="edit" size={14} />
          </button>
        )}
        <nav className="view-tabs" aria-label={t('editor.views')}>
          {(Object.keys(views) as ScenarioView[]).map((view) => (
            <a
              key={view}
              href={hashOf({ screen: 'scenario', scenarioId: props.scenarioId, view })}
              className={view === props.view ? 'view-tab is-active' : 'view-tab'}
              aria-current={view === props.view ? 'page' : undefined}
              data-testid={`view-tab-${view}`}
            >
              {t(views[view]!.labelKey)}
            </a>
          ))}
        </nav>
      </div>
      {phase === 'ready' && props.view === 'editor' && <OpenImprovements scenarioId={props.scenarioId} />}
      {phase === 'ready' && props.view === 'editor' && <PickBanner />}
      {phase === 'failed' ? (
        <p className="error-state" data-testid="load-error">
          {t('editor.loadFailed')} {loadError}
        </p>
      ) : phase !== 'ready' ? (
        <p className="loading">{t('state.loading')}</p>
      ) : entry ? (
        <entry.Component scenarioId={props.scenarioId} />
      ) : (
        <p className="empty-state">{t('editor.viewMissing')}</p>
      )}
    </div>
  );
}
