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
 * A key that names no message gives the key itself, as i18next does.
 */
export function messageOf(language: Language, key: string, params: MessageParams = {}): string {
  let entry: unknown = catalogues[language];
  for (const part of key.split('.')) entry = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>)[part] : undefined;
  if (typeof entry !== 'string') return key;
  return entry.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
