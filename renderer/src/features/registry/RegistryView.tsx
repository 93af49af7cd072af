import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RegistryIcon } from '../../components/icons';
import { Notice } from '../../components/Notice';
import { ViewHeader } from '../../components/ViewHeader';

export function RegistryView(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="view" aria-labelledby="view-title">
      <ViewHeader title={t('registry.title')} />
      <Notice icon={<RegistryIcon />} title={t('registry.title')}>
        <p>{t('registry.placeholder')}</p>
      </Notice>
    </section>
  );
}
