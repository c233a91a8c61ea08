/**
 * The replay of a recorded run (route `#/replay/<runId>`), for the debrief:
 * the player bar, the graph at t, the events and annotations beside it, the
 * plan-against-actual bars under it; the analysis of plan against reality;
 * and the after-action report, ready to print.
 */
import { errorTextOf } from '../i18n';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runAnalysisOf, runEndMsOf } from '../../shared/analysis';
import { itemResultsOf, objectiveEvaluationsOf, placedItemsOf } from '../../shared/evaluation';
import { evalItemLabelOf } from '../../shared/model';
import { ratingLabelOf } from '../evaluation/labels';
import type { EvaluationMark } from './Scrubber';
import { effectiveEventsOf, type Annotation, type Attachment, type DocFields, type Run, type RunEvent } from '../../shared/model';
import { replayIndexOf, replaySpanOf, stateAtTime } from '../../shared/replay';
import { photoCountsOf, reportOf } from '../../shared/report';
import { dateTimeAt } from '../../shared/time';
import { api } from '../api';
import { notifyError } from '../components/toasts';
import { navigate } from '../app/router';
import { DrillZone } from '../components/DrillZone';
import { AnalysisView } from './AnalysisView';
import { AnnotationsPanel } from './AnnotationsPanel';
import { useWindowKeys } from '../commands/keyboard';
import { shortcutLabel } from '../commands/shortcuts';
import { handleReplayKey, replayCommands } from './commands';
import { EventList } from './EventList';
import { PlanActualBars } from './PlanActualBars';
import { PlayerBar } from './PlayerBar';
import { ReplayGraph } from './ReplayGraph';
import { EvaluationReportView, ReportView } from './ReportView';
import { evaluationReportOf } from '../../shared/evaluationReport';
import { loadReplay, pause, seek, unloadReplay } from './store';
import './replay.css';

type Tab = 'replay' | 'analysis' | 'report' | 'evaluation';
type Side = 'events' | 'annotations';
const TABS: Tab[] = ['replay', 'analysis', 'report', 'evaluation'];

/** The tab last shown for a run survives a reload (the hash route names only the run). */
function useRememberedTab(runId: string): [Tab, (tab: Tab) => void] {
  const key = `drilldesk.replay.tab.${runId}`;
  const [tab, setTab] = useState<Tab>(() => {
    // `?tab=report` in the address opens a tab directly (the command line's `drill report` prints through it).
    const saved = new URLSearchParams(window.location.search).get('tab') ?? sessionStorage.getItem(key);
    return TABS.includes(saved as Tab) ? (saved as Tab) : 'replay';
  });
  return [
    tab,
    (next: Tab) => {
      sessionStorage.setItem(key, next);
      setTab(next);
    },
  ];
}

function ShortcutHelp() {
  const { t } = useTranslation();
  return (
    <details className="replay-shortcuts">
      <summary>{t('replay.shortcuts')}</summary>
      <dl>
        {replayCommands.commands.map((command) => (
          <div key={command.name}>
            <dt>
              {command.shortcuts.map((shortcut) => (
                <kbd key={shortcutLabel(shortcut)}>{shortcutLabel(shortcut, t)}</kbd>
              ))}
            </dt>
            <dd>{t(command.labelKey)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function ReplayScreen(props: { runId: string }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ run: Run; events: RunEvent[] } | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useRememberedTab(props.runId);
  const [side, setSide] = useState<Side>('events');
  /** The names of the run's seats (联网导调): the log says which seat recorded an event. */
  const [seatNames, setSeatNames] = useState<Record<string, string>>({});

  // A note may come with photos: the run's photos are read again with its notes.
  const reloadAnnotations = useCallback(() => {
    api.listAnnotations({ runId: props.runId }).then(setAnnotations, (e: unknown) => setError(errorTextOf(e).text));
    api.listAttachments({ runId: props.runId }).then(setAttachments, (e: unknown) => setError(errorTextOf(e).text));
  }, [props.runId]);
  useEffect(() => {
    let live = true;
    api.getRun({ id: props.runId }).then(
      (result) => live && setLoaded(result),
      (e: unknown) => live && setError(errorTextOf(e).text),
    );
    reloadAnnotations();
    // Seats are optional (a run never shared has none; the desktop app serves them too): a refusal leaves the names out.
    api.listSeats({ runId: props.runId }).then(
      (seats) => live && setSeatNames(Object.fromEntries(seats.map((seat) => [seat.id, seat.name]))),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [props.runId, reloadAnnotations]);

  // The run's own document fields change without reloading the run (its replay index stays).
  const [runFields, setRunFields] = useState<DocFields | null>(null);
  useEffect(() => setRunFields(loaded ? loaded.run.docFields : null), [loaded]);
  const reportRun = useMemo(
    () => (loaded && runFields ? { runId: loaded.run.id, planFields: loaded.run.plan.docFields, runFields, onRunFields: setRunFields } : null),
    [loaded, runFields],
  );

  /** The photos of each record, marked in the list of events. */
  const photoCounts = useMemo(() => photoCountsOf(loaded?.events ?? [], attachments), [loaded, attachments]);
  const prepared = useMemo(() => {
    if (!loaded) return null;
    const { run } = loaded;
    const startMs = Date.parse(run.startedAt);
    const effective = effectiveEventsOf(loaded.events);
    const index = replayIndexOf(run.plan, effective, startMs);
    const endedAtMs = run.endedAt === null ? null : Date.parse(run.endedAt);
    const span = replaySpanOf(index, endedAtMs);
    const endMs = runEndMsOf(effective, startMs, endedAtMs);
    const analysis = runAnalysisOf(run.plan, effective, startMs, endMs, { stateAtEnd: stateAtTime(index, endMs) });
    const objectives = objectiveEvaluationsOf(run.plan.objectives, itemResultsOf(run.plan.evaluation, loaded.events, run.endedAt), analysis.objectives);
    return { run, startMs, effective, index, span, analysis, objectives };
  }, [loaded]);

  useEffect(() => {
    if (!prepared) return;
    loadReplay(prepared.run.id, prepared.index, prepared.span);
    return () => unloadReplay();
  }, [prepared]);

  useEffect(() => {
    if (tab !== 'replay') pause();
  }, [tab]);
  useWindowKeys(handleReplayKey, tab === 'replay');

  // The report is made only when its tab is open (a 100,000-event run's timeline takes a moment).
  const report = useMemo(
    () => (tab === 'report' && prepared && loaded ? reportOf(prepared.run, loaded.events, annotations, prepared.analysis, attachments, seatNames) : null),
    [tab, prepared, loaded, annotations, attachments, seatNames],
  );

  const evaluationMarks = useMemo((): EvaluationMark[] => {
    if (!prepared) return [];
    const placed = new Map(placedItemsOf(prepared.run.plan.evaluation).map((p) => [p.item.id, p]));
    return prepared.effective.flatMap((event): EvaluationMark[] => {
      if (event.kind !== 'evaluation-scored' && event.kind !== 'hot-wash') return [];
      const item = event.itemId ? placed.get(event.itemId) : undefined;
      const title =
        event.kind === 'hot-wash'
          ? `${t('replay.eventKind.hot-wash')}${t('colon')}${event.text}`
          : `${t('replay.eventKind.evaluation-scored')} ${item ? `${item.number} ${evalItemLabelOf(item.item)}` : ''} ${item && event.value ? ratingLabelOf(t, item.form.scheme, event.value) : ''}`;
      return [{ seq: event.seq, atMs: Date.parse(event.at), kind: event.kind, title }];
    });
  }, [prepared, t]);
  const evaluationReport = useMemo(
    () => (tab === 'evaluation' && prepared && loaded ? evaluationReportOf(prepared.run, loaded.events, annotations, prepared.analysis) : null),
    [tab, prepared, loaded, annotations],
  );

  if (error) return <p className="error-state" data-testid="replay-error">{t('replay.loadFailed')} {error}</p>;
  if (!prepared) return <p className="loading">{t('state.loading')}</p>;
  const { run, analysis } = prepared;
  const spanMinutes = Math.max((prepared.span.endMs - prepared.startMs) / 60_000, analysis.plannedLength ?? 0);
  const showStep = (_stepId: string, minutes: number) => {
    setTab('replay');
    seek(prepared.startMs + minutes * 60_000);
  };

  return (
    <DrillZone value={run.plan.timeZone}>
    <div className={`replay-screen tab-${tab}`} data-testid="replay-screen">
      <header className="replay-header">
        <button type="button" className="back-button" onClick={() => navigate({ screen: 'scenario', scenarioId: run.scenarioId, view: 'runs' })} data-testid="replay-back">
          ← {t('replay.back')}
        </button>
        <div className="replay-title">
          <h1 data-testid="replay-title">{run.plan.title}</h1>
          <span className="replay-run-name">
            {run.name} · {dateTimeAt(prepared.startMs, run.plan.timeZone)}
            {run.source === 'imported' && <span className="replay-chip">{t('replay.imported')}</span>}
            {run.status !== 'ended' && <span className="replay-chip is-warning">{t(`replay.runStatus.${run.status}`)}</span>}
          </span>
        </div>
        <nav className="view-tabs" aria-label={t('replay.tabsLabel')}>
          {TABS.map((name) => (
            <button key={name} type="button" className={name === tab ? 'view-tab is-active' : 'view-tab'} aria-current={name === tab ? 'page' : undefined} onClick={() => setTab(name)} data-testid={`replay-tab-${name}`}>
              {t(`replay.tab.${name}`)}
              {name === 'analysis' && analysis.lateSteps.length > 0 && <span className="tab-badge">{analysis.lateSteps.length}</span>}
            </button>
          ))}
        </nav>
        {tab === 'replay' && <ShortcutHelp />}
      </header>
      {tab === 'replay' && (
        <>
          <PlayerBar
            times={prepared.index.times}
            annotations={annotations}
            evaluationMarks={evaluationMarks}
            onMarkClick={(annotation) => {
              pause();
              seek(Date.parse(annotation.at));
              setSide('annotations');
            }}
          />
          <div className="replay-body">
            <div className="replay-main">
              <ReplayGraph plan={run.plan} />
              <ReplayLegend />
              <PlanActualBars comparisons={analysis.steps} runStartMs={prepared.startMs} spanMinutes={spanMinutes} />
            </div>
            <aside className="replay-side">
              <div className="side-tabs" role="tablist">
                <button type="button" role="tab" aria-selected={side === 'events'} className={side === 'events' ? 'is-active' : ''} onClick={() => setSide('events')} data-testid="side-events">
                  {t('replay.side.events')} <span className="muted">{prepared.effective.length}</span>
                </button>
                <button type="button" role="tab" aria-selected={side === 'annotations'} className={side === 'annotations' ? 'is-active' : ''} onClick={() => setSide('annotations')} data-testid="side-annotations">
                  {t('replay.side.annotations')} <span className="muted">{annotations.length}</span>
                </button>
              </div>
              {side === 'events' ? (
                <EventList events={prepared.effective} plan={run.plan} startMs={prepared.startMs} seatNames={seatNames} photoCounts={photoCounts} />
              ) : (
                <AnnotationsPanel runId={run.id} plan={run.plan} stepOrder={analysis.steps.map((c) => c.step.id)} annotations={annotations} onChanged={reloadAnnotations} />
              )}
            </aside>
          </div>
        </>
      )}
      {tab === 'analysis' && <AnalysisView analysis={analysis} objectives={prepared.objectives} plan={run.plan} runStartMs={prepared.startMs} onShowStep={showStep} />}
      {tab === 'report' && report && reportRun && (
        <ReportView
          report={report}
          run={reportRun}
          onParticipants={(participants) =>
            void api.setRunParticipants({ runId: prepared.run.id, participants }).then(
              (run) => setLoaded((current) => (current ? { ...current, run } : current)),
              (error) => notifyError(error),
            )
          }
        />
      )}
      {tab === 'evaluation' && evaluationReport && reportRun && <EvaluationReportView report={evaluationReport} run={reportRun} />}
    </div>
    </DrillZone>
  );
}

function ReplayLegend() {
  const { t } = useTranslation();
  return (
    <div className="replay-legend" aria-label={t('replay.legend.label')}>
      {(['waiting', 'ready', 'under-way', 'done', 'skipped', 'not-taken'] as const).map((status) => (
        <span key={status} className={`legend-item is-${status}`}>
          {t(`replay.status.${status}`)}
        </span>
      ))}
      <span className="legend-item is-late">{t('replay.legend.late')}</span>
      <span className="legend-item is-taken">{t('replay.legend.taken')}</span>
    </div>
  );
}
