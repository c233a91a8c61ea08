/** How the replay writes spans of time: T+ offsets from the run start and minutes. Clock times and dates come from shared/time, in the drill's zone. */
import { tPlusOf } from '../../shared/time';

/**
 * `T+1:05` for an instant `ms` after the run start, counted in whole seconds
 * of both (a clock shown to the second at the start reads T+0, not T-1, when
 * the run began part-way through a second).
 */
export function offsetOf(ms: number, startMs: number): string {
  return tPlusOf(Math.floor((Math.floor(ms / 1000) - Math.floor(startMs / 1000)) / 60));
}

export { deltaText, minutesText } from '../../shared/docText';
