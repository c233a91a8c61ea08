/**
 * The command registry of DrillDesk's screens (the editor, the replay): every
 * command as data — a name, a label key, its shortcuts, `enabled(state)` and
 * `perform(context)`, which returns what changes (an edit, a new moment, a
 * dialog to open) for the screen to apply. Menus, toolbars, the help lists
 * and the keyboard all read a screen's registry, so a shortcut lives in one
 * place, and registering a shortcut twice is refused before anything runs.
 */
import { shortcutIdOf, shortcutLabel, shortcutMatches, type KeyLike, type Shortcut } from './shortcuts';

export type Command<Context extends { state: unknown }, Result> = {
  name: string;
  /** Catalogue key of what menus and the help list call it. */
  labelKey: string;
  /** Where menus and the help list put it. */
  group: string;
  /** The keys that run it; the first is the one menus show. */
  shortcuts: readonly Shortcut[];
  /** Whether it can run in this state; a command without it always can. */
  enabled?: (state: Context['state']) => boolean;
  /** What running it changes, as data; it shows nothing and reads no page. */
  perform: (context: Context) => Result;
  /** Its keys work even while the focus is in a text field (find, save). */
  inFields?: boolean;
  /** The browser's copy/cut/paste events run it, not its keys. */
  clipboardEvent?: 'copy' | 'cut' | 'paste';
  /** The icon its toolbar button shows. */
  icon?: string;
};

/** A command of any screen (the registry only reads its name, shortcuts and flags). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any, any>;

export type CommandRegistry<C extends AnyCommand> = {
  /** Which screen the commands belong to, e.g. `editor`. */
  readonly scope: string;
  /** In the order they were registered (menus and help lists keep it). */
  readonly commands: readonly C[];
  readonly byName: ReadonlyMap<string, C>;
  /** The command a key event runs, if any: clipboard commands never (their events run them), others only outside text fields unless `inFields`. */
  forKey(event: KeyLike, inField: boolean): C | null;
};

/**
 * Registers a screen's commands. Refuses two commands of one name, and a
 * shortcut claimed by two commands (e.g. `Ctrl+Z` for both undo and another):
 * which of them a key runs would depend on the order of the list.
 */
export function registerCommands<C extends AnyCommand>(scope: string, commands: readonly C[]): CommandRegistry<C> {
  const byName = new Map<string, C>();
  const claimedBy = new Map<string, string>();
  for (const command of commands) {
    if (byName.has(command.name)) throw new Error(`${scope} commands: two are named "${command.name}"`);
    byName.set(command.name, command);
    for (const shortcut of command.shortcuts) {
      const id = shortcutIdOf(shortcut);
      const owner = claimedBy.get(id);
      if (owner !== undefined && owner !== command.name)
        throw new Error(`${scope} commands: the shortcut ${shortcutLabel(shortcut)} is claimed by both "${owner}" and "${command.name}"`);
      claimedBy.set(id, command.name);
    }
  }
  return {
    scope,
    commands: [...commands],
    byName,
    forKey(event, inField) {
      for (const command of commands) {
        if (command.clipboardEvent) continue;
        if (inField && !command.inFields) continue;
        if (command.shortcuts.some((shortcut) => shortcutMatches(shortcut, event))) return command;
      }
      return null;
    },
  };
}
