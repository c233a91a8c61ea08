/**
 * Preferences (language, last scenario, editor toggles): small settings kept
 * in a JSON file by `conf`, the engine electron-store is built on. The desktop
 * app passes an electron-store instance, browser mode a plain `Conf`; both
 * write atomically (temp file and rename). Drills never live here.
 */
import { DEFAULT_PREFS, PrefsSchema, type Prefs } from '../../shared/api';

/** The part of electron-store / Conf this module uses. */
export type ConfLike = { store: Record<string, unknown>; set: (object: Record<string, unknown>) => void };

export type PrefsStore = { read: () => Prefs; write: (patch: Partial<Prefs>) => Prefs };

/** Options to construct the Conf / electron-store behind preferences: a damaged file is reset, not fatal; the file is the user's alone (0600). */
export const PREFS_CONF_OPTIONS = { name: 'preferences', clearInvalidConfig: true, configFileMode: 0o600 } as const;

/** Reads each field through the schema, so a hand-edited or half-written value falls back to its default. */
export function prefsOf(raw: Record<string, unknown>): Prefs {
  const prefs = { ...DEFAULT_PREFS };
  for (const key of Object.keys(DEFAULT_PREFS) as (keyof Prefs)[]) {
    const field = PrefsSchema.shape[key].safeParse(raw[key]);
    if (field.success) (prefs as Record<string, unknown>)[key] = field.data;
  }
  return prefs;
}

export function prefsStoreOf(conf: ConfLike): PrefsStore {
  return {
    read: () => prefsOf(conf.store),
    write: (patch) => {
      const next = { ...prefsOf(conf.store), ...patch };
      conf.set(next);
      return next;
    },
  };
}

/** Preferences kept in memory only, for tests and the command line. */
export function memoryPrefsStore(): PrefsStore {
  const conf: ConfLike = { store: {}, set: (object) => Object.assign(conf.store, object) };
  return prefsStoreOf(conf);
}
