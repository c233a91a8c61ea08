/**
 * The replay's commands, in the same registry as the editor's: each has a
 * name, a label key, its shortcuts, and `perform`, which returns the new
 * moment, play state or speed for `applyReplayPatch` to set. The player
 * bar's buttons and tooltips, the keyboard and the shortcut list read this
 * one registry.
 */
import { nextEventTimeOf, previousEventTimeOf, type ReplayIndex } from '../../shared/replay';
import { commandKeyHandler } from '../commands/keyboard';
import { registerCommands, type Command } from '../commands/registry';
import { pause, play, replayIndex, seek, setSpeed, SPEEDS, useReplay, type ReplayState, type Speed } from './store';

export type ReplayContext = { state: ReplayState; index: ReplayIndex | null };

/** What a replay command changes: the moment shown, playing or not, the speed. */
export type ReplayPatch = { t?: number; playing?: boolean; speed?: Speed };

export type ReplayCommand = Command<ReplayContext, ReplayPatch | null>;

const minutes = (n: number) => ({ state }: ReplayContext): ReplayPatch => ({ playing: false, t: state.t + n * 60_000 });
const speedStep = (direction: 1 | -1) => ({ state }: ReplayContext): ReplayPatch => {
  const at = SPEEDS.indexOf(state.speed);
  return { speed: SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + direction))] };
};
/** To the previous or next moment something was recorded; nothing when there is none. */
const eventStep = (direction: 1 | -1) => ({ state, index }: ReplayContext): ReplayPatch | null => {
  if (!index) return null;
  const t = direction > 0 ? nextEventTimeOf(index, state.t) : previousEventTimeOf(index, state.t);
  return t === null ? null : { playing: false, t };
};

export const replayCommands = registerCommands<ReplayCommand>('replay', [
  {
    name: 'play-pause',
    labelKey: 'replay.command.playPause',
    group: 'player',
    shortcuts: [{ key: ' ' }],
    // Played to the end, play starts again from the beginning.
    perform: ({ state }) => (state.playing ? { playing: false } : { playing: true, t: state.t >= state.endMs ? state.startMs : undefined }),
  },
  { name: 'previous-event', labelKey: 'replay.command.previousEvent', group: 'player', shortcuts: [{ key: 'ArrowLeft' }], perform: eventStep(-1) },
  { name: 'next-event', labelKey: 'replay.command.nextEvent', group: 'player', shortcuts: [{ key: 'ArrowRight' }], perform: eventStep(1) },
  { name: 'back-minute', labelKey: 'replay.command.backMinute', group: 'player', shortcuts: [{ key: 'ArrowLeft', shift: true }], perform: minutes(-1) },
  { name: 'forward-minute', labelKey: 'replay.command.forwardMinute', group: 'player', shortcuts: [{ key: 'ArrowRight', shift: true }], perform: minutes(1) },
  { name: 'slower', labelKey: 'replay.command.slower', group: 'player', shortcuts: [{ key: 'ArrowDown' }], perform: speedStep(-1) },
  { name: 'faster', labelKey: 'replay.command.faster', group: 'player', shortcuts: [{ key: 'ArrowUp' }], perform: speedStep(1) },
  { name: 'to-start', labelKey: 'replay.command.toStart', group: 'player', shortcuts: [{ key: 'Home' }], perform: ({ state }) => ({ playing: false, t: state.startMs }) },
  { name: 'to-end', labelKey: 'replay.command.toEnd', group: 'player', shortcuts: [{ key: 'End' }], perform: ({ state }) => ({ playing: false, t: state.endMs }) },
]);

export const commandNamed = (name: string) => replayCommands.byName.get(name)!;

/** Sets what a replay command returned: the speed, then the moment, then playing or paused. */
export function applyReplayPatch(patch: ReplayPatch | null): boolean {
  if (!patch) return false;
  if (patch.speed !== undefined) setSpeed(patch.speed);
  if (patch.playing === false) pause();
  if (patch.t !== undefined) seek(patch.t);
  if (patch.playing === true) play();
  return true;
}

/** Runs a replay command (the player bar's buttons, the keys). */
export function runReplayCommand(name: string): boolean {
  return applyReplayPatch(commandNamed(name).perform({ state: useReplay.getState(), index: replayIndex() }));
}

/** The keyboard handler for the replay screen. */
export const handleReplayKey = commandKeyHandler({
  registry: replayCommands,
  enabled: () => true,
  run: (command) => runReplayCommand(command.name),
});
