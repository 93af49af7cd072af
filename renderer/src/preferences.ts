import { useEffect } from 'react';
import { i18n, languageFor, type Language } from './i18n/index';
import { useSettings, type LanguageChoice, type ThemeChoice } from './state/settings';

/** 'system' leaves the choice to CSS (prefers-color-scheme); an override pins it. */
export function applyTheme(theme: ThemeChoice): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function resolveLanguage(choice: LanguageChoice): Language {
  return choice === 'system' ? languageFor(navigator.language) : choice;
}

export function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

/** Keeps <html> in step with the settings, and with the OS language while that is followed. */
export function usePreferences(): void {
  const theme = useSettings((s) => s.theme);
  const language = useSettings((s) => s.language);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    applyLanguage(resolveLanguage(language));
    if (language !== 'system') return;
    const follow = (): void => applyLanguage(resolveLanguage('system'));
    window.addEventListener('languagechange', follow);
    return () => window.removeEventListener('languagechange', follow);
  }, [language]);
}
