/**
 * The editor's commands on keys, buttons and clipboard events. Keys go
 * through the shared key handler (renderer/commands/keyboard.ts) to the
 * editor's registry; copy, cut and paste come as the browser's clipboard
 * events (so the system clipboard carries steps between windows and
 * scenarios) and run the same commands. The context a command runs in is
 * read here, from the stores and the page, so the commands themselves never
 * touch either.
 */
import { useEffect } from 'react';
import { clipboardTextOf } from '../../shared/clipboard';
import type { Position } from '../../shared/model';
import { usePrefs } from '../app/prefs';
import { commandKeyHandler, isTextTarget, modalOpen, useWindowKeys } from '../commands/keyboard';
import { editorCommands, type EditorCommand, type EditorContext } from './commands';
import { applyOutcome } from './outcomes';
import { canvasPointer } from './pointer';
import { flowInstance, useEditor } from './store';
import { copiedFragment } from './windowClipboard';

/** The centre of the visible canvas, in flow coordinates. */
function viewCentre(): Position {
  const flow = flowInstance();
  const element = document.querySelector('.editor-canvas .react-flow');
  if (!flow || !element) return { x: 0, y: 0 };
  const rect = element.getBoundingClientRect();
  return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
}

/** The context a command runs in, read fresh from the stores and the page. */
export function contextOf(extra: Partial<EditorContext> = {}): EditorContext {
  return {
    state: useEditor.getState(),
    snap: usePrefs.getState().prefs.snapToGrid,
    pointer: canvasPointer(),
    viewCentre: viewCentre(),
    copied: copiedFragment(),
    ...extra,
  };
}

const enabledNow = (command: EditorCommand, ctx: EditorContext) => !command.enabled || command.enabled(ctx.state);

/** Runs a command when it is enabled and makes its outcome happen. */
export function runCommand(command: EditorCommand, ctx: EditorContext = contextOf()): boolean {
  return enabledNow(command, ctx) && applyOutcome(command.perform(ctx));
}

/** Runs a command by name (toolbar buttons and menu entries). */
export function runNamed(name: string) {
  const command = editorCommands.byName.get(name);
  if (command) runCommand(command);
}

const onKeyDown = commandKeyHandler({
  registry: editorCommands,
  enabled: (command) => enabledNow(command, contextOf()),
  run: (command, event) => runCommand(command, contextOf({ key: { key: event.key, shiftKey: event.shiftKey } })),
});

/**
 * Copy, cut and paste of steps, when the focus is not in a text field (and,
 * for copy and cut, no page text is selected): the steps go on the system
 * clipboard as DrillDesk JSON, and a paste takes them from there, or from
 * this window's own clipboard when the system one holds something else.
 */
function onClipboard(event: ClipboardEvent) {
  if (modalOpen() || isTextTarget(event.target) || isTextTarget(document.activeElement)) return;
  const name = event.type as 'copy' | 'cut' | 'paste';
  const command = editorCommands.byName.get(name);
  if (!command) return;
  if (name === 'paste') {
    const ctx = contextOf({ clipboardText: event.clipboardData?.getData('text/plain') });
    // Not asking `enabled`: it looks at this window's clipboard, the event may carry another window's steps.
    const outcome = command.perform(ctx);
    if (!outcome?.edit) return;
    event.preventDefault();
    applyOutcome(outcome);
    return;
  }
  if ((window.getSelection()?.toString() ?? '') !== '') return;
  const ctx = contextOf();
  if (ctx.state.selection.stepIds.length === 0) return;
  const outcome = command.perform(ctx);
  if (!outcome?.copy || !applyOutcome(outcome)) return;
  if (event.clipboardData) {
    event.clipboardData.setData('text/plain', clipboardTextOf(outcome.copy));
    event.preventDefault();
  }
}

/** Installs the editor's key and clipboard handlers while the editor is shown. */
export function useCommandKeys() {
  useWindowKeys(onKeyDown);
  useEffect(() => {
    document.addEventListener('copy', onClipboard);
    document.addEventListener('cut', onClipboard);
    document.addEventListener('paste', onClipboard);
    return () => {
      document.removeEventListener('copy', onClipboard);
      document.removeEventListener('cut', onClipboard);
      document.removeEventListener('paste', onClipboard);
    };
  }, []);
}
