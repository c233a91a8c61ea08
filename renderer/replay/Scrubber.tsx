/**
 * The scrubber over the whole run: where the events fall (a density strip),
 * the debrief annotations as marks above it, the evaluation entries (scores
 * and on-the-spot comments) as marks below it, and the playhead. Dragging it
 * seeks continuously; each move costs one seek in the replay index.
 */
import { memo, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../shared/model';
import { clockAt, clockSecondsAt } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';
import { offsetOf } from './format';
import { pause, seek, setScrubbing, useReplay } from './store';
import { runReplayCommand } from './commands';

const BUCKETS = 240;

/** Event counts in equal slices of the span, scaled 0–1 by the square root so a few events still show. */
function densityOf(times: Float64Array, startMs: number, endMs: number): number[] {
  const counts = new Array<number>(BUCKETS).fill(0);
  const span = Math.max(1, endMs - startMs);
  for (const t of times) {
    if (!Number.isFinite(t)) continue;
    counts[Math.min(BUCKETS - 1, Math.max(0, Math.floor(((t - startMs) / span) * BUCKETS)))]++;
  }
  const most = Math.max(1, ...counts);
  return counts.map((count) => Math.sqrt(count / most));
}

const Density = memo(function Density(props: { times: Float64Array; startMs: number; endMs: number }) {
  const heights = useMemo(() => densityOf(props.times, props.startMs, props.endMs), [props.times, props.startMs, props.endMs]);
  return (
    <svg className="scrub-density" viewBox={`0 0 ${BUCKETS} 10`} preserveAspectRatio="none" aria-hidden>
      {heights.map((h, i) => (h > 0 ? <rect key={i} x={i + 0.1} width={0.8} y={10 - Math.max(1.2, h * 10)} height={Math.max(1.2, h * 10)} /> : null))}
    </svg>
  );
});

function Playhead(props: { startMs: number; endMs: number }) {
  const t = useReplay((state) => state.t);
  const fraction = Math.min(1, Math.max(0, (t - props.startMs) / Math.max(1, props.endMs - props.startMs)));
  return (
    <>
      <div className="scrub-progress" style={{ width: `${fraction * 100}%` }} />
      <div className="scrub-head" style={{ left: `${fraction * 100}%` }} />
    </>
  );
}

/** An evaluation entry as a mark: where it falls and what its tooltip says. */
export type EvaluationMark = { seq: number; atMs: number; kind: 'evaluation-scored' | 'hot-wash'; title: string };

export function Scrubber(props: { times: Float64Array; annotations: readonly Annotation[]; onMarkClick: (annotation: Annotation) => void; evaluationMarks?: readonly EvaluationMark[] }) {
  const { t: translate } = useTranslation();
  const zone = useDrillZone();
  const startMs = useReplay((state) => state.startMs);
  const runStartMs = useReplay((state) => state.runStartMs);
  const endMs = useReplay((state) => state.endMs);
  const now = useReplay((state) => Math.round(state.t / 1000));
  const track = useRef<HTMLDivElement>(null);
  const span = Math.max(1, endMs - startMs);

  const seekAt = (clientX: number) => {
    const box = track.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    seek(startMs + ((clientX - box.left) / box.width) * span);
  };
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    pause();
    setScrubbing(true);
    seekAt(event.clientX);
  };
  const onPointerUp = () => setScrubbing(false);
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (event.currentTarget.hasPointerCapture(event.pointerId)) seekAt(event.clientX);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Arrows on the focused scrubber move by events, like everywhere else in the replay; PageUp/PageDown by 5 minutes.
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      runReplayCommand(event.key === 'ArrowRight' ? 'next-event' : 'previous-event');
      event.preventDefault();
      event.stopPropagation();
    } else if (event.key === 'PageUp' || event.key === 'PageDown') {
      pause();
      seek(useReplay.getState().t + (event.key === 'PageDown' ? 5 : -5) * 60_000);
      event.preventDefault();
    }
  };

  return (
    <div className="scrubber">
      <div className="scrub-marks" aria-label={translate('replay.player.marks')}>
        {props.annotations.map((annotation) => {
          const at = Date.parse(annotation.at);
          const fraction = Math.min(1, Math.max(0, (at - startMs) / span));
          return (
            <button
              key={annotation.id}
              type="button"
              className={`scrub-mark mark-${annotation.kind}`}
              style={{ left: `${fraction * 100}%` }}
              title={`${clockSecondsAt(at, zone)} ${translate(`replay.annotation.kind.${annotation.kind}`)}${translate('colon')}${annotation.text}`}
              onClick={() => props.onMarkClick(annotation)}
              data-testid="scrub-mark"
              data-kind={annotation.kind}
            />
          );
        })}
      </div>
      <div
        ref={track}
        className="scrub-track"
        data-testid="replay-scrubber"
        role="slider"
        tabIndex={0}
        aria-label={translate('replay.player.scrubber')}
        aria-valuemin={Math.round(startMs / 1000)}
        aria-valuemax={Math.round(endMs / 1000)}
        aria-valuenow={now}
        aria-valuetext={`${clockSecondsAt(now * 1000, zone)} ${offsetOf(now * 1000, runStartMs)}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onLostPointerCapture={onPointerUp}
        onKeyDown={onKeyDown}
      >
        <Density times={props.times} startMs={startMs} endMs={endMs} />
        <Playhead startMs={startMs} endMs={endMs} />
      </div>
      {props.evaluationMarks && props.evaluationMarks.length > 0 && (
        <div className="scrub-eval-marks" aria-label={translate('replay.player.evaluationMarks')}>
          {props.evaluationMarks.map((mark) => (
            <button
              key={mark.seq}
              type="button"
              className={`scrub-eval-mark mark-${mark.kind}`}
              style={{ left: `${Math.min(1, Math.max(0, (mark.atMs - startMs) / span)) * 100}%` }}
              title={`${clockAt(mark.atMs, zone)} ${mark.title}`}
              onClick={() => {
                pause();
                seek(mark.atMs);
              }}
              data-testid="scrub-eval-mark"
              data-kind={mark.kind}
            />
          ))}
        </div>
      )}
      <div className="scrub-ends" aria-hidden>
        <span>{clockSecondsAt(startMs, zone)}</span>
        <span>{clockSecondsAt(endMs, zone)}</span>
      </div>
    </div>
  );
}
