/**
 * The one message catalogue: every user-visible string of DrillDesk, in
 * Simplified Chinese (the default) and English, one namespace per screen or
 * document. The renderer serves it through i18next; the back end and the
 * command line read the same entries.
 */
import { en } from './en';
import { zh } from './zh';

export type Language = 'zh' | 'en';
export const LANGUAGES: readonly Language[] = ['zh', 'en'];
export const catalogues = { zh, en } as const;
export type { Catalogue } from './zh';

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * One catalogue entry by its dotted key, with `{{name}}` filled in from
 * `params` (i18next's syntax, so the renderer reads the same entries), e.g.
 * `messageOf('en', 'files.encoding.notText', { kind: 'drill file' })`.
 * A key that names no message gives the key itself, as i18next does; a
 * numeric `count` picks the plural form `key_one` where the language has one.
 */
export function messageOf(language: Language, key: string, params: MessageParams = {}): string {
  const entryOf = (path: string): unknown => {
    let entry: unknown = catalogues[language];
    for (const part of path.split('.')) entry = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)[part] : undefined;
    return entry;
  };
  // Plural forms as i18next picks them: `key_one` for a count of 1 in English, else `key` itself.
  const count = params.count;
  const plural = typeof count === 'number' ? entryOf(`${key}_${new Intl.PluralRules(language).select(count)}`) : undefined;
  const entry = typeof plural === 'string' ? plural : entryOf(key);
  if (typeof entry !== 'string') return key;
  return entry.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
