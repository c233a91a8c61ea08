/** Where the pointer is over the canvas, in flow coordinates (null when it is elsewhere): pastes land there. */
import type { Position } from '../../shared/model';

let pointer: Position | null = null;

export const canvasPointer = () => pointer;
export function setCanvasPointer(position: Position | null) {
  pointer = position;
}
