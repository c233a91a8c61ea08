/** Keyboard shortcuts of commands: matching a key event, telling two shortcuts apart, and writing one for people to read. */

export type Shortcut = { key: string; mod?: boolean; shift?: boolean; alt?: boolean };

/** The parts of a key event a shortcut looks at (a DOM `KeyboardEvent` is one). */
export type KeyLike = { key: string; code: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean };

/** Keys that are typed with Shift anyway, so Shift is not compared for them. */
const SHIFTED_KEYS = new Set(['?', '+']);

const keyOf = (event: KeyLike) =>
  /^Digit\d$/.test(event.code) ? event.code.slice(5) : event.key.length === 1 ? event.key.toLowerCase() : event.key;

/**
 * What identifies a shortcut: two shortcuts with the same id are pressed the
 * same way (`{ key: 'Z', mod: true }` and `{ key: 'z', mod: true }`; `?` with
 * or without Shift).
 */
export function shortcutIdOf(shortcut: Shortcut): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toLowerCase() : shortcut.key;
  const shift = Boolean(shortcut.shift) && !SHIFTED_KEYS.has(shortcut.key);
  return [shortcut.mod && 'mod', shortcut.alt && 'alt', shift && 'shift', key].filter(Boolean).join('+');
}

/** Whether a key event is this shortcut. Ctrl and ⌘ count as the same modifier. */
export function shortcutMatches(shortcut: Shortcut, event: KeyLike): boolean {
  if (Boolean(shortcut.mod) !== (event.ctrlKey || event.metaKey)) return false;
  if (Boolean(shortcut.alt) !== event.altKey) return false;
  if (!SHIFTED_KEYS.has(shortcut.key) && Boolean(shortcut.shift) !== event.shiftKey) return false;
  return keyOf(event) === shortcut.key.toLowerCase() || event.key === shortcut.key;
}

const platform = (globalThis as { navigator?: { platform?: string } }).navigator?.platform ?? '';
const isMac = /Mac/.test(platform);
const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Delete: 'Del',
  Backspace: '⌫',
  Escape: 'Esc',
  Enter: 'Enter',
  ' ': 'Space',
};

/**
 * A shortcut as the user reads it, e.g. `Ctrl+Shift+Z`. Keys are named as
 * their keycaps are printed, except the unprinted space bar, which `t` names
 * in the UI language (`keys.space`: 空格).
 */
export function shortcutLabel(shortcut: Shortcut, t?: (key: string) => string): string {
  const parts: string[] = [];
  if (shortcut.mod) parts.push(isMac ? '⌘' : 'Ctrl');
  if (shortcut.alt) parts.push(isMac ? '⌥' : 'Alt');
  if (shortcut.shift) parts.push('Shift');
  if (shortcut.key === ' ' && t) parts.push(t('keys.space'));
  else parts.push(KEY_NAMES[shortcut.key] ?? (shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key));
  return parts.join('+');
}
