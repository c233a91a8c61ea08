/** How the replay writes spans of time: T+ offsets from the run start and minutes. Clock times and dates come from shared/time, in the drill's zone. */
import { tPlusOf } from '../../shared/time';

/** `T+1:05` for an instant `ms` after the run start. */
export function offsetOf(ms: number, startMs: number): string {
  return tPlusOf(Math.floor((ms - startMs) / 60_000));
}

export { deltaText, minutesText } from '../../shared/docText';
