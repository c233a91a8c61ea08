/**
 * Keys and clipboard events to commands. One window-level keydown listener
 * asks the registry which command a key belongs to; copy, cut and paste come
 * as the browser's clipboard events (so the system clipboard carries the
 * steps between windows and scenarios) and run the same commands.
 */
import { useEffect } from 'react';
import { clipboardTextOf } from '../../shared/clipboard';
import { usePrefs } from '../app/prefs';
import { isComposingKey } from '../components/keys';
import { canvasPointer } from './pointer';
import { commandByName, commandForKey, copiedFragment, runCommand, type CommandContext } from './commands';
import { useEditor } from './store';

/** The context a command runs in, read fresh from the stores. */
export function contextOf(extra: Partial<CommandContext> = {}): CommandContext {
  const prefs = usePrefs.getState();
  return {
    state: useEditor.getState(),
    snap: prefs.prefs.snapToGrid,
    setSnap: (on) => void prefs.update({ snapToGrid: on }),
    pointer: canvasPointer(),
    ...extra,
  };
}

/** Runs a command by name (toolbar buttons and menu entries). */
export function runNamed(name: string) {
  const command = commandByName.get(name);
  if (command) runCommand(command, contextOf());
}

/** Whether keys typed here belong to a text field rather than to the editor. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'color', 'range'].includes(target.type);
  return false;
}

const modalOpen = () => document.querySelector('dialog[open]') !== null;

function onKeyDown(event: KeyboardEvent) {
  if (event.defaultPrevented || isComposingKey(event) || modalOpen()) return;
  const inField = isTextTarget(event.target);
  // Escape in a field hands the keyboard back to the canvas (the selection stays), so the next key is a command.
  if (inField && event.key === 'Escape' && event.target instanceof HTMLElement && event.target.closest('.side-panel')) {
    event.target.blur();
    return;
  }
  const command = commandForKey(event, inField);
  if (!command) return;
  const ctx = contextOf({ event });
  if (command.enabled && !command.enabled(ctx.state)) {
    // Still swallow the browser's own meaning of our shortcuts (Ctrl+S, Ctrl+F…).
    if (event.ctrlKey || event.metaKey) event.preventDefault();
    return;
  }
  event.preventDefault();
  runCommand(command, ctx);
}

/**
 * Copy, cut and paste of steps, when the focus is not in a text field (and,
 * for copy and cut, no page text is selected): the steps go on the system
 * clipboard as DrillDesk JSON, and a paste takes them from there, or from
 * this window's own clipboard when the system one holds something else.
 */
function onClipboard(event: ClipboardEvent) {
  if (modalOpen() || isTextTarget(event.target) || isTextTarget(document.activeElement)) return;
  const name = event.type as 'copy' | 'cut' | 'paste';
  const command = commandByName.get(name);
  if (!command) return;
  if (name === 'paste') {
    const ctx = contextOf({ clipboardText: event.clipboardData?.getData('text/plain') });
    const result = command.perform(ctx);
    if (!result || !('ops' in result)) return;
    event.preventDefault();
    // Bypass `enabled`: it looks at this window's clipboard, the event may carry another window's.
    runCommand({ ...command, enabled: undefined, perform: () => result }, ctx);
    return;
  }
  if ((window.getSelection()?.toString() ?? '') !== '') return;
  if (useEditor.getState().selection.stepIds.length === 0) return;
  runCommand(command, contextOf());
  const fragment = copiedFragment();
  if (fragment && event.clipboardData) {
    event.clipboardData.setData('text/plain', clipboardTextOf(fragment));
    event.preventDefault();
  }
}

/** Installs the editor's key and clipboard handlers while the editor is shown. */
export function useCommandKeys() {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onClipboard);
    document.addEventListener('cut', onClipboard);
    document.addEventListener('paste', onClipboard);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onClipboard);
      document.removeEventListener('cut', onClipboard);
      document.removeEventListener('paste', onClipboard);
    };
  }, []);
}
