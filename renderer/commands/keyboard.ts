/**
 * Keys to commands, the same way on every screen: one window-level keydown
 * listener asks the screen's registry which command a key belongs to and
 * runs it, unless the key belongs to something else — an input method
 * composing, a text field, an open dialog, or a focused button pressed with
 * Space or Enter.
 */
import { useEffect } from 'react';
import { isCancelKey, isComposingKey } from '../components/keys';
import type { AnyCommand, CommandRegistry } from './registry';

/** Whether keys typed here belong to a text field rather than to the screen's commands. */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'color', 'range'].includes(target.type);
  return false;
}

/** A modal dialog has the keyboard. */
export const modalOpen = () => document.querySelector('dialog[open]') !== null;

/** Space or Enter on a focused button presses that button, unless the button is the command's own (`data-command`). */
function pressesButton(event: KeyboardEvent, command: AnyCommand): boolean {
  if (event.key !== ' ' && event.key !== 'Enter') return false;
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return event.target instanceof HTMLButtonElement && event.target.dataset.command !== command.name;
}

export type KeyBinding<C extends AnyCommand> = {
  registry: CommandRegistry<C>;
  /** Whether the command can run now. */
  enabled: (command: C) => boolean;
  /** Runs it (the key event is there for commands that look at which arrow was pressed). */
  run: (command: C, event: KeyboardEvent) => void;
};

/** The keydown handler of a screen: finds the command, swallows the key and runs it when it is enabled. */
export function commandKeyHandler<C extends AnyCommand>(binding: KeyBinding<C>) {
  return (event: KeyboardEvent) => {
    if (event.defaultPrevented || isComposingKey(event) || modalOpen()) return;
    const inField = isTextTarget(event.target);
    // Escape in a field hands the keyboard back to the screen (the selection stays), so the next key is a command.
    if (inField && isCancelKey(event) && event.target instanceof HTMLElement) {
      event.target.blur();
      return;
    }
    const command = binding.registry.forKey(event, inField);
    if (!command || pressesButton(event, command)) return;
    if (!binding.enabled(command)) {
      // Still swallow the browser's own meaning of our shortcuts (Ctrl+S, Ctrl+F…).
      if (event.ctrlKey || event.metaKey) event.preventDefault();
      return;
    }
    event.preventDefault();
    binding.run(command, event);
  };
}

/** Installs a keydown handler on the window while `active`. */
export function useWindowKeys(handler: (event: KeyboardEvent) => void, active = true) {
  useEffect(() => {
    if (!active) return;
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [handler, active]);
}
