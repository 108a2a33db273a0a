import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/contract/app';
import { en } from './en';
import { zhCN } from './zh-CN';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/**
 * One instance per mounted app (not the i18next global), so tests that switch language
 * cannot leak it into the next test.
 */
export function createI18n(language: Language = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    // Resources are bundled, so init can finish synchronously and the first render is already translated.
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return instance;
}
