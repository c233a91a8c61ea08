/**
 * The planned timeline of a scenario: one lane per role, a bar per step at
 * its planned time, the critical path marked, slack drawn as a whisker, an
 * axis in T+ minutes and (when the start time is set) clock time. It reads
 * the scenario and the selection from the editor store, so it shows the
 * latest edits and shares the selection with the graph: clicking a bar
 * selects its step there, a step selected in the graph is highlighted here,
 * and double-clicking a bar (or "Show in graph") opens the graph centred on it.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioBody } from '../../shared/model';
import { scheduleOf, type OkSchedule } from '../../shared/schedule';
import { clockOf, tPlusOf } from '../../shared/time';
import { navigate } from '../app/router';
import { flowInstance, revealStep, select, useEditor } from '../editor/store';
import { lanesOf, phaseBandsOf, tickStepOf, ticksOf, type TimelineBar, type TimelineLane } from './lanes';
import './timeline.css';

const LANE_HEADER_PX = 188;
const ROW_PX = 30;
const PHASE_ROW_PX = 24;
/** A phase of milestones only still shows its name. */
const PHASE_MIN_PX = 96;
const LANE_PAD_PX = 6;
/** Room a bar's label needs when the bar is too short to hold it, and the bar width from which it fits inside. */
const LABEL_PX = 140;
const INSIDE_LABEL_PX = 64;
const MIN_PPM = 0.5;
const MAX_PPM = 40;

const round = (minutes: number) => Math.round(minutes * 10) / 10;

function Bar(props: { bar: TimelineBar; ppm: number; selected: boolean; onSelect: (id: string) => void; onOpen: (id: string) => void; describe: (bar: TimelineBar) => string }) {
  const { bar, ppm } = props;
  const width = (bar.finish - bar.start) * ppm;
  const top = LANE_PAD_PX + bar.row * ROW_PX;
  const milestone = bar.kind === 'milestone' || width < 2;
  const labelInside = width >= INSIDE_LABEL_PX;
  const classes = ['tl-bar', `tl-${bar.kind}`, bar.critical ? 'tl-critical' : '', props.selected ? 'tl-selected' : '', milestone ? 'tl-point' : ''].filter(Boolean).join(' ');
  return (
    <>
      {!bar.critical && bar.latestFinish > bar.finish && (
        <div className="tl-slack" style={{ left: bar.finish * ppm, width: (bar.latestFinish - bar.finish) * ppm, top: top + ROW_PX / 2 - 1 }} aria-hidden />
      )}
      <button
        type="button"
        className={classes}
        style={{ left: bar.start * ppm - (milestone ? 7 : 0), top: top + 3, width: milestone ? 14 : Math.max(width, 6) }}
        title={props.describe(bar)}
        onClick={() => props.onSelect(bar.stepId)}
        onDoubleClick={() => props.onOpen(bar.stepId)}
        data-testid="timeline-bar"
        data-step-id={bar.stepId}
        data-critical={bar.critical ? 'true' : 'false'}
        aria-pressed={props.selected}
      >
        {labelInside && !milestone && <span className="tl-label">{bar.title}</span>}
      </button>
      {(!labelInside || milestone) && (
        <span className={`tl-label-outside${props.selected ? ' tl-selected-label' : ''}`} style={{ left: bar.start * ppm + (milestone ? 10 : Math.max(width, 6) + 4), top: top + 3 }} aria-hidden>
          {bar.title}
        </span>
      )}
    </>
  );
}

function Lane(props: { lane: TimelineLane; ppm: number; width: number; tickPx: number; selected: ReadonlySet<string>; onSelect: (id: string) => void; onOpen: (id: string) => void; describe: (bar: TimelineBar) => string; unassigned: string }) {
  const { lane } = props;
  const height = lane.rows * ROW_PX + LANE_PAD_PX * 2;
  return (
    <div className="tl-lane" data-testid="timeline-lane" data-role-id={lane.roleId ?? ''}>
      <div className="tl-lane-name" style={{ height, borderLeftColor: lane.color }}>
        <span className="tl-lane-title">{lane.roleId ? lane.name : props.unassigned}</span>
        {lane.group && lane.group !== lane.name && <span className="tl-lane-group">{lane.group}</span>}
      </div>
      <div className="tl-track" style={{ height, width: props.width, backgroundSize: `${props.tickPx}px 100%` }}>
        {lane.bars.map((bar) => (
          <Bar key={bar.stepId} bar={bar} ppm={props.ppm} selected={props.selected.has(bar.stepId)} onSelect={props.onSelect} onOpen={props.onOpen} describe={props.describe} />
        ))}
      </div>
    </div>
  );
}

const NO_SELECTION: readonly string[] = [];

/** Opens the graph of a scenario with a step selected and centred (once the canvas has mounted and fitted its view). */
export function showStepInGraph(scenarioId: string, stepId: string) {
  select({ stepIds: [stepId], edgeIds: [] });
  const before = flowInstance();
  navigate({ screen: 'scenario', scenarioId, view: 'editor' });
  const started = performance.now();
  const wait = () => {
    const ready = flowInstance() !== before || performance.now() - started > 1500;
    if (ready) setTimeout(() => revealStep(stepId), 50);
    else requestAnimationFrame(wait);
  };
  requestAnimationFrame(wait);
}

function TimelineBody(props: { scenarioId: string; scenario: ScenarioBody; schedule: OkSchedule }) {
  const { t } = useTranslation();
  const { scenario, schedule } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [ppm, setPpm] = useState<number | null>(null);
  const selectedIds = useEditor((state) => (state.selection.stepIds.length > 0 ? state.selection.stepIds : NO_SELECTION));
  const selectedId = selectedIds.length === 1 ? selectedIds[0] : null;
  const selectedSet = useMemo(() => new Set(selectedIds), [selectedIds]);
  const length = Math.max(schedule.length, 1);

  const fit = () => {
    const width = scroller.current?.clientWidth ?? 1200;
    setPpm(Math.min(MAX_PPM, Math.max(MIN_PPM, (width - LANE_HEADER_PX - LABEL_PX) / length)));
  };
  useLayoutEffect(fit, [length]);

  const zoom = ppm ?? 4;
  const lanes = useMemo(() => lanesOf(scenario, schedule, { insideMinutes: INSIDE_LABEL_PX / zoom, labelMinutes: LABEL_PX / zoom }), [scenario, schedule, zoom]);
  const phases = useMemo(() => phaseBandsOf(scenario, schedule), [scenario, schedule]);
  const tick = tickStepOf(zoom);
  const ticks = ticksOf(length, tick);
  const width = ticks[ticks.length - 1] * zoom + LABEL_PX;
  const stepById = useMemo(() => new Map(scenario.steps.map((step) => [step.id, step])), [scenario]);
  const roleNames = useMemo(() => new Map(scenario.roles.map((role) => [role.id, role.name])), [scenario]);
  const when = (minutes: number) => (scenario.startTime ? `${tPlusOf(minutes)} ${clockOf(scenario.startTime, minutes)}` : tPlusOf(minutes));
  const describe = (bar: TimelineBar) =>
    `${bar.title}\n${t('conduct.timeline.details', { start: when(bar.start), end: when(bar.finish), duration: round(bar.finish - bar.start), slack: round(bar.slack) })}${bar.critical ? `\n${t('conduct.timeline.critical')}` : ''}`;

  useEffect(() => {
    if (!selectedId || !scroller.current) return;
    scroller.current.querySelector<HTMLElement>(`[data-step-id="${CSS.escape(selectedId)}"]`)?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [selectedId, ppm === null]);

  const selected = selectedId ? schedule.byStep.get(selectedId) : undefined;
  const selectedStep = selectedId ? stepById.get(selectedId) : undefined;
  const choose = (id: string) => select({ stepIds: id === selectedId ? [] : [id], edgeIds: [] });
  const open = (id: string) => showStepInGraph(props.scenarioId, id);
  const criticalTitles = schedule.criticalPath.map((id) => stepById.get(id)?.title ?? id);

  return (
    <>
      <div className="tl-toolbar">
        <h2>{t('conduct.timeline.title')}</h2>
        <span className="tl-fact" data-testid="timeline-length">
          {t('conduct.timeline.length', { length: tPlusOf(schedule.length) })}
          {scenario.startTime && ` (${scenario.startTime}–${clockOf(scenario.startTime, schedule.length)})`}
        </span>
        <span className="tl-legend">
          <span className="tl-swatch tl-swatch-critical" /> {t('conduct.timeline.legendCritical')}
          <span className="tl-swatch tl-swatch-normal" /> {t('conduct.timeline.legendNormal')}
          <span className="tl-swatch tl-swatch-slack" /> {t('conduct.timeline.legendSlack')}
        </span>
        <span className="tl-spacer" />
        <div className="tl-zoom" role="group">
          <button onClick={() => setPpm(Math.max(MIN_PPM, zoom / 1.5))} title={t('conduct.timeline.zoomOut')} aria-label={t('conduct.timeline.zoomOut')}>
            −
          </button>
          <button onClick={fit}>{t('conduct.timeline.fit')}</button>
          <button onClick={() => setPpm(Math.min(MAX_PPM, zoom * 1.5))} title={t('conduct.timeline.zoomIn')} aria-label={t('conduct.timeline.zoomIn')}>
            +
          </button>
        </div>
      </div>
      <div className="tl-critical-path" data-testid="timeline-critical-path" title={criticalTitles.join(' → ')}>
        <span className="tl-critical-label">{t('conduct.timeline.critical')}</span>
        {schedule.criticalPath.map((id, i) => (
          <span key={id} className="tl-critical-step">
            {i > 0 && <span className="tl-arrow">→</span>}
            <button className={`tl-chip${selectedSet.has(id) ? ' tl-chip-selected' : ''}`} onClick={() => choose(id)}>
              {stepById.get(id)?.title ?? id}
            </button>
          </span>
        ))}
      </div>
      <div className="tl-scroll" ref={scroller} data-testid="timeline">
        <div className="tl-grid" style={{ width: LANE_HEADER_PX + width }}>
          <div className="tl-axis">
            <div className="tl-axis-corner">
              <span>{t('conduct.timeline.tPlus')}</span>
              {scenario.startTime && <span className="muted">{t('conduct.timeline.clockAxis')}</span>}
            </div>
            <div className="tl-axis-ticks" style={{ width }}>
              {ticks.map((minutes) => (
                <div key={minutes} className="tl-tick" style={{ left: minutes * zoom }}>
                  <span className="tl-tick-t">{tPlusOf(minutes)}</span>
                  {scenario.startTime && <span className="tl-tick-clock">{clockOf(scenario.startTime, minutes)}</span>}
                </div>
              ))}
            </div>
          </div>
          {phases.rows > 0 && (
            <div className="tl-phases" data-testid="timeline-phases">
              <div className="tl-lane-name tl-phase-name" style={{ height: phases.rows * PHASE_ROW_PX }}>
                {t('conduct.timeline.phases')}
              </div>
              <div className="tl-track" style={{ height: phases.rows * PHASE_ROW_PX, width }}>
                {phases.bands.map((band) => (
                  <div
                    key={band.phase}
                    className={`tl-phase tl-phase-${band.index % 2}`}
                    style={{ left: band.start * zoom, width: Math.max(PHASE_MIN_PX, (band.finish - band.start) * zoom), top: band.row * PHASE_ROW_PX }}
                    title={`${band.phase}  ${when(band.start)} – ${when(band.finish)}`}
                    data-testid="timeline-phase"
                  >
                    {band.phase}
                  </div>
                ))}
              </div>
            </div>
          )}
          {lanes.map((lane) => (
            <Lane
              key={lane.key}
              lane={lane}
              ppm={zoom}
              width={width}
              tickPx={tick * zoom}
              selected={selectedSet}
              onSelect={choose}
              onOpen={open}
              describe={describe}
              unassigned={t('conduct.timeline.unassigned')}
            />
          ))}
        </div>
      </div>
      {selected && selectedStep && (
        <div className="tl-detail" data-testid="timeline-selection">
          <span className={`tl-kind tl-kind-${selectedStep.kind}`}>{t(`kind.${selectedStep.kind}`)}</span>
          <strong>{selectedStep.title}</strong>
          <span>{t('conduct.timeline.details', { start: when(selected.earliestStart), end: when(selected.earliestFinish), duration: round(selected.duration), slack: round(selected.slack) })}</span>
          {selected.critical && <span className="tl-critical-badge">{t('conduct.timeline.critical')}</span>}
          <span className="muted">{selectedStep.roleIds.map((id) => roleNames.get(id) ?? id).join(t('listSep'))}</span>
          <span className="tl-spacer" />
          <button className="primary" onClick={() => open(selectedStep.id)} data-testid="show-in-graph">
            {t('conduct.timeline.showInGraph')}
          </button>
          <button onClick={() => select({ stepIds: [], edgeIds: [] })}>{t('conduct.timeline.clearSelection')}</button>
        </div>
      )}
    </>
  );
}

/** The timeline tab of a scenario (shown once the editor store has it open). */
export function TimelineView(props: { scenarioId: string }) {
  const { t } = useTranslation();
  const scenario = useEditor((state) => state.body);
  const schedule = useMemo(() => scheduleOf(scenario), [scenario]);

  let content;
  if (scenario.steps.length === 0) content = <p className="empty-state">{t('conduct.timeline.empty')}</p>;
  else if (!schedule.ok) {
    const titles = new Map(scenario.steps.map((step) => [step.id, step.title]));
    content = (
      <p className="error-state" data-testid="timeline-cycle">
        {t('conduct.timeline.noSchedule', { cycle: [...schedule.cycle, schedule.cycle[0]].map((id) => titles.get(id) ?? id).join(' → ') })}
      </p>
    );
  } else content = <TimelineBody scenarioId={props.scenarioId} scenario={scenario} schedule={schedule} />;
  return (
    <div className="timeline-view" data-testid="timeline-view">
      {content}
    </div>
  );
}
