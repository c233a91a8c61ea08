/** The player bar: play/pause, previous/next event, speed, the clock at t, jump to a clock time, and the scrubber. */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../shared/model';
import { clockSecondsAt, instantOfClockText } from '../../shared/time';
import { useDrillZone } from '../components/DrillZone';
import { Scrubber, type EvaluationMark } from './Scrubber';
import { commandNamed, runReplayCommand } from './commands';
import { shortcutLabel } from '../commands/shortcuts';
import { offsetOf } from './format';
import { advance, pause, seek, setSpeed, SPEEDS, useReplay } from './store';

/** Drives a playing replay from animation frames. */
function usePlayLoop() {
  const playing = useReplay((state) => state.playing);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      advance(Math.min(250, now - last));
      last = now;
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);
}

function Clock() {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const at = useReplay((state) => Math.floor(state.t / 1000) * 1000);
  const startMs = useReplay((state) => state.runStartMs);
  const paused = useReplay((state) => state.paused);
  const ended = useReplay((state) => state.ended);
  return (
    <div className="replay-clock" data-testid="replay-clock" data-time={new Date(at).toISOString()}>
      <span className="replay-clock-time">{clockSecondsAt(at, zone)}</span>
      <span className="replay-clock-offset">{offsetOf(at, startMs)}</span>
      {paused && <span className="replay-run-flag">{t('replay.player.runPaused')}</span>}
      {ended && <span className="replay-run-flag is-ended">{t('replay.player.runEnded')}</span>}
    </div>
  );
}

function JumpToTime() {
  const { t } = useTranslation();
  const zone = useDrillZone();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { startMs, endMs } = useReplay.getState();
    const at = instantOfClockText(text, startMs, endMs, zone);
    setInvalid(at === null);
    if (at === null) return;
    pause();
    seek(at);
  };
  return (
    <form className="replay-jump" onSubmit={submit}>
      <input
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setInvalid(false);
        }}
        placeholder={t('replay.player.jumpPlaceholder')}
        aria-label={t('replay.player.jumpLabel')}
        aria-invalid={invalid}
        title={invalid ? t('replay.player.jumpInvalid') : t('replay.player.jumpLabel')}
        data-testid="replay-jump-input"
      />
      <button type="submit" data-testid="replay-jump">
        {t('replay.player.jump')}
      </button>
    </form>
  );
}

export function PlayerBar(props: { times: Float64Array; annotations: readonly Annotation[]; onMarkClick: (annotation: Annotation) => void; evaluationMarks?: readonly EvaluationMark[] }) {
  const { t } = useTranslation();
  const playing = useReplay((state) => state.playing);
  const speed = useReplay((state) => state.speed);
  usePlayLoop();
  const tip = (name: string) => `${t(commandNamed(name).labelKey)} (${commandNamed(name).shortcuts.map((shortcut) => shortcutLabel(shortcut, t)).join(' / ')})`;
  return (
    <div className="replay-player" data-testid="replay-player">
      <div className="replay-transport">
        <button type="button" className="player-button" onClick={() => runReplayCommand('previous-event')} title={tip('previous-event')} aria-label={t('replay.command.previousEvent')} data-testid="replay-previous">
          <svg viewBox="0 0 16 16" aria-hidden><path d="M3 3h2v10H3zM13 3v10L6 8z" /></svg>
        </button>
        <button
          type="button"
          className="player-button player-play"
          onClick={() => runReplayCommand('play-pause')}
          title={tip('play-pause')}
          aria-label={playing ? t('replay.player.pause') : t('replay.player.play')}
          aria-pressed={playing}
          data-command="play-pause"
          data-testid="replay-play"
          data-playing={playing ? 'true' : 'false'}
        >
          {playing ? (
            <svg viewBox="0 0 16 16" aria-hidden><path d="M4 3h3v10H4zM9 3h3v10H9z" /></svg>
          ) : (
            <svg viewBox="0 0 16 16" aria-hidden><path d="M4 2.5v11L13 8z" /></svg>
          )}
        </button>
        <button type="button" className="player-button" onClick={() => runReplayCommand('next-event')} title={tip('next-event')} aria-label={t('replay.command.nextEvent')} data-testid="replay-next">
          <svg viewBox="0 0 16 16" aria-hidden><path d="M11 3h2v10h-2zM3 3v10l7-5z" /></svg>
        </button>
      </div>
      <Clock />
      <div className="replay-speeds" role="group" aria-label={t('replay.player.speed')} title={`${t('replay.command.slower')} ↓ / ${t('replay.command.faster')} ↑`}>
        {SPEEDS.map((value) => (
          <button key={value} type="button" className={value === speed ? 'speed is-active' : 'speed'} aria-pressed={value === speed} onClick={() => setSpeed(value)} data-testid={`replay-speed-${value}`}>
            {value}×
          </button>
        ))}
      </div>
      <Scrubber times={props.times} annotations={props.annotations} onMarkClick={props.onMarkClick} evaluationMarks={props.evaluationMarks} />
      <JumpToTime />
    </div>
  );
}
