import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../i18n/i18n';

const NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

/** 中文 / English, remembered in this browser. Each name is written in its own language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('app.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === current}
          onClick={() => setLanguage(language)}
        >
          {NAMES[language]}
        </button>
      ))}
    </div>
  );
}
