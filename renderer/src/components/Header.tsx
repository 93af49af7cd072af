import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../hooks/useAppInfo';
import { BerthMark } from './icons';

export function Header(): ReactElement {
  const { t } = useTranslation();
  const info = useAppInfo();
  return (
    <header className="app-header">
      <div className="brand">
        <BerthMark />
        <span className="brand-name">{info?.name ?? ''}</span>
        {info && <span className="brand-version">{t('app.version', { version: info.version })}</span>}
      </div>
      {info && (
        <div className="store-path" title={info.storePath}>
          <span className="store-label">{t('app.storeLabel')}</span>
          <code>{info.storePath}</code>
        </div>
      )}
    </header>
  );
}
