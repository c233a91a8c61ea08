/** This window's clipboard of steps: survives navigation between scenarios, so steps copied in one paste into another. */
import type { FragmentBody } from '../../shared/model';

let copied: FragmentBody | null = null;

export const copiedFragment = () => copied;
export function setCopiedFragment(fragment: FragmentBody) {
  copied = fragment;
}
