import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** The page's languages: Chinese first (the bureau's), English on request. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** Where the reader's choice is remembered in this browser. */
export const LANGUAGE_STORAGE_KEY = 'escalation.language';

function rememberedLanguage(): Language {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage blocked (private mode): Chinese, not an error
  }
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // not remembered, still switched
  }
  void i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return (LANGUAGES as readonly string[]).includes(i18next.language)
    ? (i18next.language as Language)
    : DEFAULT_LANGUAGE;
}

function syncDocument(language: string): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.title');
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', syncDocument);
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: rememberedLanguage(),
    fallbackLng: false,
    // A missing key shows as the key itself; the translation check fails the build's tests first.
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  syncDocument(i18next.language);
}
