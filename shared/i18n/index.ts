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
