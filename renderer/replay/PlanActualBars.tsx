/**
 * Plan against reality as bars: for every step, its planned bar above its
 * actual bar, on one time axis from the run start, with a cursor at t. The
 * actual bars grow with the replay. Only the rows in view are drawn; a row
 * re-renders only while t is inside its actual bar.
 *
 * (The planned timeline of the conduct screens lays steps out in lanes by
 * role for planning; here each step needs its own row with two bars and a
 * cursor, so this is a compact view of its own.)
 */
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StepComparison } from '../../shared/analysis';
import { tPlusOf } from '../../shared/time';
import { tickStepOf } from '../timeline/lanes';
import { deltaText } from './format';
import { pause, seek, useReplay } from './store';

const ROW_PX = 28;
const LABEL_PX = 210;
const OVERSCAN = 4;
const AXIS_PX = 22;

const ActualBar = memo(function ActualBar(props: { comparison: StepComparison; startMs: number; ppm: number; offset: number }) {
  const { comparison: c, startMs, ppm, offset } = props;
  const from = c.actualStart!;
  const to = c.actualFinish!;
  // Minutes of the bar shown at t: none before it started, growing while it runs, all of it after.
  const shown = useReplay((state) => {
    const now = (state.t - startMs) / 60_000;
    return now < from ? null : Math.min(now, to);
  });
  if (shown === null) return null;
  const running = shown < to;
  return (
    <div
      className={`pa-actual${c.late ? ' is-late' : ''}${running ? ' is-running' : ''}${c.outcome === 'unfinished' ? ' is-unfinished' : ''}`}
      style={{ left: (from + offset) * ppm, width: Math.max(3, (shown - from) * ppm) }}
    />
  );
});

const Row = memo(function Row(props: { comparison: StepComparison; index: number; startMs: number; ppm: number; offset: number }) {
  const { t } = useTranslation();
  const { comparison: c, ppm, offset } = props;
  const planned = c.plannedStart !== null && c.plannedFinish !== null;
  const jumpTo = () => {
    const minutes = c.actualStart ?? c.plannedStart;
    if (minutes === null) return;
    pause();
    seek(props.startMs + minutes * 60_000);
  };
  const title = [
    c.step.title,
    planned ? t('replay.bars.plannedRange', { start: tPlusOf(c.plannedStart!), end: tPlusOf(c.plannedFinish!) }) : null,
    c.actualStart !== null ? t('replay.bars.actualRange', { start: tPlusOf(c.actualStart), end: tPlusOf(c.actualFinish ?? c.actualStart) }) : t(`replay.outcome.${c.outcome}`),
    c.finishDelay !== null ? t('replay.bars.delay', { delta: deltaText(c.finishDelay) }) : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div className={`pa-row outcome-${c.outcome}`} style={{ top: props.index * ROW_PX }} data-testid="pa-row" data-step-id={c.step.id} data-late={c.late ? 'true' : 'false'}>
      <button type="button" className="pa-label" onClick={jumpTo} title={title}>
        <span className={`pa-kind kind-dot-${c.step.kind}`} aria-hidden />
        <span className="pa-title">{c.step.title}</span>
        {c.late && <span className="pa-delta">{deltaText(c.finishDelay)}</span>}
        {(c.outcome === 'skipped' || c.outcome === 'not-taken') && <span className="pa-tag">{t(`replay.outcome.${c.outcome}`)}</span>}
      </button>
      <div className="pa-track" style={{ left: LABEL_PX }} title={title}>
        {planned && (
          <div
            className={`pa-plan${c.plannedCritical ? ' is-critical' : ''}`}
            style={{ left: (c.plannedStart! + offset) * ppm, width: Math.max(3, (c.plannedFinish! - c.plannedStart!) * ppm) }}
          />
        )}
        {c.actualStart !== null && c.actualFinish !== null && <ActualBar comparison={c} startMs={props.startMs} ppm={ppm} offset={offset} />}
      </div>
    </div>
  );
});

function Cursor(props: { startMs: number; ppm: number; offset: number }) {
  const left = useReplay((state) => ((state.t - props.startMs) / 60_000 + props.offset) * props.ppm);
  return <div className="pa-cursor" style={{ left: LABEL_PX + left }} data-testid="pa-cursor" />;
}

export function PlanActualBars(props: { comparisons: readonly StepComparison[]; runStartMs: number; spanMinutes: number }) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 900, height: 200 });
  const [scrollTop, setScrollTop] = useState(0);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, []);

  const { comparisons, runStartMs } = props;
  // The axis runs from the earliest moment anything happened (never after T0) to the latest.
  const offset = useMemo(() => Math.max(0, -Math.min(0, ...comparisons.map((c) => c.actualStart ?? 0))), [comparisons]);
  const minutes = Math.max(1, props.spanMinutes + offset);
  const trackWidth = Math.max(100, size.width - LABEL_PX - 16);
  const ppm = trackWidth / minutes;
  const tick = tickStepOf(trackWidth / Math.max(1, minutes), 90);
  const ticks: number[] = [];
  for (let m = 0; m <= minutes; m += tick) ticks.push(m);

  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN);
  const last = Math.min(comparisons.length, Math.ceil((scrollTop + size.height) / ROW_PX) + OVERSCAN);
  return (
    <div className="plan-actual" data-testid="plan-actual">
      <div className="pa-legend">
        <b>{t('replay.bars.title')}</b>
        <span className="pa-key pa-key-plan">{t('replay.bars.plan')}</span>
        <span className="pa-key pa-key-critical">{t('replay.bars.critical')}</span>
        <span className="pa-key pa-key-actual">{t('replay.bars.actual')}</span>
        <span className="pa-key pa-key-late">{t('replay.bars.late')}</span>
      </div>
      <div className="pa-axis" style={{ height: AXIS_PX }}>
        {ticks.map((m) => (
          <span key={m} className="pa-tick" style={{ left: LABEL_PX + m * ppm }}>
            {tPlusOf(m - offset)}
          </span>
        ))}
      </div>
      <div className="pa-rows" ref={scroller} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div className="pa-spacer" style={{ height: comparisons.length * ROW_PX }}>
          {comparisons.slice(first, last).map((c, k) => (
            <Row key={c.step.id} comparison={c} index={first + k} startMs={runStartMs} ppm={ppm} offset={offset} />
          ))}
          <Cursor startMs={runStartMs} ppm={ppm} offset={offset} />
        </div>
      </div>
    </div>
  );
}
