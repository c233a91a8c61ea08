/** i18next set up with the two catalogues; Chinese by default. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { errorTextOf as sharedErrorTextOf } from '../../shared/api';
import { RuleError } from '../../shared/rules';
import { catalogues, messageTextOf, type Language, type Message } from '../../shared/i18n';

export type { Language };

void i18next.use(initReactI18next).init({
  resources: { zh: { translation: catalogues.zh }, en: { translation: catalogues.en } },
  lng: 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(language: Language) {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  document.title = i18next.t('app.name');
}

export const i18n = i18next;

/** The language the UI speaks now. */
export const uiLanguage = (): Language => (i18next.language === 'en' ? 'en' : 'zh');

/** A message from the back end (a key and its parameters) in the UI language; nested messages are worded too. */
export const textOf = (message: Message): string => messageTextOf(uiLanguage(), message);

/**
 * Any failure of a call in the UI language: the headline from the catalogue
 * by the error's key, and its details (technical ones last in the back end's list).
 */
export function errorTextOf(error: unknown): { text: string; details: string[]; technical: string[] } {
  // An edit the rulebook refused here, before it was sent: the rule's own message.
  if (error instanceof RuleError) return { text: messageTextOf(uiLanguage(), { key: error.key, params: error.params }), details: [], technical: [] };
  return sharedErrorTextOf(error, uiLanguage());
}
