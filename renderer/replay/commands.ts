/**
 * The replay's commands as data: each has a name, a label key, the keys that
 * trigger it and what it does. The player bar's tooltips, the keyboard
 * handler and the shortcut list all read this one registry.
 */
import { pause, seek, setSpeed, SPEEDS, stepEvent, togglePlay, useReplay } from './store';

export type ReplayCommand = {
  name: string;
  labelKey: string;
  /** How the keys are shown, e.g. `Space`. */
  keys: string;
  keyTest: (event: KeyboardEvent) => boolean;
  perform: () => void;
};

const plain = (event: KeyboardEvent) => !event.ctrlKey && !event.metaKey && !event.altKey;
const nudge = (minutes: number) => {
  pause();
  seek(useReplay.getState().t + minutes * 60_000);
};
const changeSpeed = (direction: 1 | -1) => {
  const at = SPEEDS.indexOf(useReplay.getState().speed);
  setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, at + direction))]);
};

export const replayCommands: ReplayCommand[] = [
  { name: 'play-pause', labelKey: 'replay.command.playPause', keys: 'Space', keyTest: (e) => plain(e) && e.key === ' ', perform: togglePlay },
  { name: 'previous-event', labelKey: 'replay.command.previousEvent', keys: '←', keyTest: (e) => plain(e) && !e.shiftKey && e.key === 'ArrowLeft', perform: () => stepEvent(-1) },
  { name: 'next-event', labelKey: 'replay.command.nextEvent', keys: '→', keyTest: (e) => plain(e) && !e.shiftKey && e.key === 'ArrowRight', perform: () => stepEvent(1) },
  { name: 'back-minute', labelKey: 'replay.command.backMinute', keys: 'Shift+←', keyTest: (e) => plain(e) && e.shiftKey && e.key === 'ArrowLeft', perform: () => nudge(-1) },
  { name: 'forward-minute', labelKey: 'replay.command.forwardMinute', keys: 'Shift+→', keyTest: (e) => plain(e) && e.shiftKey && e.key === 'ArrowRight', perform: () => nudge(1) },
  { name: 'slower', labelKey: 'replay.command.slower', keys: '↓', keyTest: (e) => plain(e) && e.key === 'ArrowDown', perform: () => changeSpeed(-1) },
  { name: 'faster', labelKey: 'replay.command.faster', keys: '↑', keyTest: (e) => plain(e) && e.key === 'ArrowUp', perform: () => changeSpeed(1) },
  {
    name: 'to-start',
    labelKey: 'replay.command.toStart',
    keys: 'Home',
    keyTest: (e) => plain(e) && e.key === 'Home',
    perform: () => {
      pause();
      seek(useReplay.getState().startMs);
    },
  },
  {
    name: 'to-end',
    labelKey: 'replay.command.toEnd',
    keys: 'End',
    keyTest: (e) => plain(e) && e.key === 'End',
    perform: () => {
      pause();
      seek(useReplay.getState().endMs);
    },
  },
];

export const commandNamed = (name: string) => replayCommands.find((command) => command.name === name)!;

/** Where typing must not trigger commands: text fields, lists, buttons that use Space themselves. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** The keyboard handler for the replay screen: the first command whose key test matches runs. */
export function handleReplayKey(event: KeyboardEvent) {
  if (event.defaultPrevented || isTyping(event.target)) return;
  if (event.key === ' ' && event.target instanceof HTMLButtonElement && event.target.dataset.command !== 'play-pause') {
    // Space on a focused button presses that button; it is not play/pause.
    return;
  }
  const command = replayCommands.find((candidate) => candidate.keyTest(event));
  if (!command) return;
  event.preventDefault();
  command.perform();
}
