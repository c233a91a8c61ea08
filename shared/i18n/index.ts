/**
 * The one message catalogue: every user-visible string of DrillDesk, in
 * Simplified Chinese (the default) and English, one namespace per screen or
 * document. The renderer serves it through i18next; the back end and the
 * command line read the same entries. Errors travel as a `Message` (a key and
 * its parameters) and are worded only where they are shown.
 */
import { en } from './en';
import { zh } from './zh';
import type { Catalogue } from './zh';

export type Language = 'zh' | 'en';
export const LANGUAGES: readonly Language[] = ['zh', 'en'];
export const catalogues = { zh, en } as const;
export type { Catalogue } from './zh';

/** Every dotted key of a catalogue branch that names a message, e.g. `'errors.scenario.notFound'`. */
type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = KeysOf<Catalogue>;

/** A parameter of a message: a value, or another message worded in the same language (e.g. the reason inside "cannot import: {{reason}}"). */
export type MessageParam = string | number | Message;
export type MessageParams = Readonly<Record<string, MessageParam>>;
/** A message before it is worded: its catalogue key and parameters. What errors carry across every boundary. */
export type Message = { readonly key: string; readonly params?: MessageParams };

/** A message naming a typed key (checked by the compiler against the Chinese catalogue, whose shape the English one must have). */
export const msg = (key: MessageKey, params: MessageParams = {}): Message => ({ key, params });

/** A technical text (a library's or the system's own words) carried as a message; shown only as a secondary detail. */
export const technicalOf = (text: string): Message => ({ key: 'errors.technical', params: { text: text.slice(0, 500) } });

/**
 * One catalogue entry by its dotted key, with `{{name}}` filled in from
 * `params` (i18next's syntax, so the renderer reads the same entries), e.g.
 * `messageOf('en', 'files.encoding.notText', { kind: 'drill file' })`.
 * A parameter that is itself a message is worded in the same language.
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
  return entry.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? paramTextOf(language, params[name]) : whole));
}

function paramTextOf(language: Language, param: MessageParam): string {
  return typeof param === 'object' ? messageTextOf(language, param) : String(param);
}

/** One catalogue entry worded in every language, for results that carry both (the editor's findings): `{ zh: '…', en: '…' }`. */
export function inEveryLanguage(key: string, params: MessageParams = {}): Record<Language, string> {
  return { zh: messageOf('zh', key, params), en: messageOf('en', key, params) };
}

/** A message worded in a language: `messageTextOf('zh', { key: 'errors.scenario.notFound', params: { id: 'x' } })`. */
export function messageTextOf(language: Language, message: Message): string {
  return messageOf(language, message.key, message.params);
}
