/**
 * What a key press means to a form, with input methods in mind. While a
 * Chinese input method composes (pinyin typed, a candidate being chosen),
 * Enter confirms the candidate and Escape drops the composition: those keys
 * belong to the input method, never to the page. Chromium marks them with
 * `isComposing` (and keyCode 229, which Safari also sends for the Enter that
 * ends a composition), so every handler asks here instead of testing
 * `event.key` itself.
 */

/** The parts of a key event looked at here: a DOM `KeyboardEvent` or React's wrapper around one. */
type KeyEventLike = { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean } & (
  | { isComposing?: boolean; keyCode?: number }
  | { nativeEvent: { isComposing: boolean; keyCode: number } }
);

/** Whether the key belongs to an input method composing text, e.g. the Enter that confirms a pinyin candidate. */
export function isComposingKey(event: KeyEventLike): boolean {
  const native = 'nativeEvent' in event ? event.nativeEvent : event;
  return native.isComposing === true || native.keyCode === 229;
}

/**
 * Whether this is an Enter that submits: Enter, not part of a composition,
 * with Ctrl/⌘ when `mod` asks for it (multi-line fields submit with Ctrl+Enter)
 * and without it otherwise.
 */
export function isSubmitKey(event: KeyEventLike, options: { mod?: boolean } = {}): boolean {
  if (event.key !== 'Enter' || isComposingKey(event)) return false;
  return Boolean(options.mod) === (event.ctrlKey || event.metaKey);
}

/** Whether this is an Escape that cancels (an Escape during a composition only drops the composition). */
export function isCancelKey(event: KeyEventLike): boolean {
  return event.key === 'Escape' && !isComposingKey(event);
}
