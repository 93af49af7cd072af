import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../hooks/useAppInfo';
import { useCurrentSource } from '../state/sources';
import { BerthMark } from './icons';

export function Header(): ReactElement {
  const { t } = useTranslation();
  const info = useAppInfo();
  const source = useCurrentSource();
  const engine = source && source.kind !== 'embedded' ? source : undefined;
  return (
    <header className="app-header">
      <div className="brand">
        <BerthMark />
        <span className="brand-name">{info?.name ?? ''}</span>
        {info && <span className="brand-version">{t('app.version', { version: info.version })}</span>}
      </div>
      {engine ? (
        <div className="store-path" title={engine.endpoint ?? ''}>
          <span className="store-label">{t('app.engineLabel')}</span>
          <code data-testid="engine-endpoint">{engine.endpoint}</code>
        </div>
      ) : info && (
        <div className="store-path" title={info.storePath}>
          <span className="store-label">{t('app.storeLabel')}</span>
          <code>{info.storePath}</code>
        </div>
      )}
    </header>
  );
}
