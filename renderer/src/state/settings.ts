import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Language } from '../i18n/index';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type LanguageChoice = 'system' | Language;

interface SettingsState {
  theme: ThemeChoice;
  language: LanguageChoice;
  setTheme(theme: ThemeChoice): void;
  setLanguage(language: LanguageChoice): void;
}

/** User overrides of the OS theme and language; kept in localStorage across runs. */
export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      theme: 'system',
      language: 'system',
      setTheme: (theme) => set({ theme }),
      setLanguage: (language) => set({ language }),
    }),
    {
      name: 'berth.settings',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ theme: s.theme, language: s.language }),
    },
  ),
);
