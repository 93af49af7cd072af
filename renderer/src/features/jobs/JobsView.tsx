import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { JobsIcon } from '../../components/icons';
import { Notice } from '../../components/Notice';
import { ViewHeader } from '../../components/ViewHeader';

export function JobsView(): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="view" aria-labelledby="view-title">
      <ViewHeader title={t('jobs.title')} />
      <Notice icon={<JobsIcon />} title={t('jobs.title')}>
        <p>{t('jobs.placeholder')}</p>
      </Notice>
    </section>
  );
}
