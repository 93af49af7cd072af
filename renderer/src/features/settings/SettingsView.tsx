import type { ChangeEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ViewHeader } from '../../components/ViewHeader';
import { useAppInfo } from '../../hooks/useAppInfo';
import { LANGUAGES } from '../../i18n/index';
import { useSettings, type LanguageChoice, type ThemeChoice } from '../../state/settings';
import { EnginesSettings } from './EnginesSettings';
import { RegistriesSettings } from './RegistriesSettings';

const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];
const THEME_LABELS = { system: 'settings.themeSystem', light: 'settings.themeLight', dark: 'settings.themeDark' } as const;

export function SettingsView(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="view" aria-labelledby="view-title">
      <ViewHeader title={t('settings.title')} />
      <div className="settings">
        <fieldset className="settings-group">
          <legend>{t('settings.appearance')}</legend>
          <ThemeSetting />
          <LanguageSetting />
        </fieldset>
        <EnginesSettings />
        <RegistriesSettings />
        <About />
      </div>
    </section>
  );
}

function ThemeSetting(): ReactElement {
  const { t } = useTranslation();
  const theme = useSettings((s) => s.theme);
  const setTheme = useSettings((s) => s.setTheme);
  return (
    <div className="settings-row" role="radiogroup" aria-labelledby="theme-label">
      <span id="theme-label" className="settings-label">{t('settings.theme')}</span>
      <div className="segmented">
        {THEMES.map((choice) => (
          <label key={choice} className="segment">
            <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => setTheme(choice)} />
            <span>{t(THEME_LABELS[choice])}</span>
          </label>
        ))}
      </div>
    </div>
  );
}

function LanguageSetting(): ReactElement {
  const { t } = useTranslation();
  const language = useSettings((s) => s.language);
  const setLanguage = useSettings((s) => s.setLanguage);
  const onChange = (e: ChangeEvent<HTMLSelectElement>): void => setLanguage(e.target.value as LanguageChoice);
  return (
    <div className="settings-row">
      <label htmlFor="language" className="settings-label">{t('settings.language')}</label>
      <select id="language" className="select" value={language} onChange={onChange}>
        <option value="system">{t('settings.languageSystem')}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>{t(`language.${l}`)}</option>
        ))}
      </select>
    </div>
  );
}

function About(): ReactElement {
  const { t } = useTranslation();
  const info = useAppInfo();
  return (
    <section className="settings-group" aria-labelledby="about-title">
      <h2 id="about-title" className="settings-legend">{t('settings.about')}</h2>
      {info && (
        <dl className="facts">
          <dt>{t('settings.version')}</dt>
          <dd>{info.version}</dd>
          <dt>{t('settings.store')}</dt>
          <dd><code>{info.storePath}</code></dd>
          <dt>{t('settings.host')}</dt>
          <dd>{t(info.host === 'electron' ? 'settings.hostElectron' : 'settings.hostBrowser')}</dd>
          <dt>{t('settings.platform')}</dt>
          <dd>{info.platform}</dd>
        </dl>
      )}
    </section>
  );
}
