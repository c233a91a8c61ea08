/** i18next set up with the two catalogues; Chinese by default. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogues, type Language } from '../../shared/i18n';

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
