import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageList, ImageRow } from '../../../../shared/index';
import { ImagesIcon, InfoIcon } from '../../components/icons';
import { Notice } from '../../components/Notice';
import { ViewHeader } from '../../components/ViewHeader';
import { useCall } from '../../hooks/useCall';
import { useToasts } from '../../state/toasts';
import { createdSince, humanSize, shortId } from './format';

const LIST_INPUT = {};
const REFETCH_ON = ['store.changed'] as const;

/**
 * `docker images` as a view. A plain table for now; the virtualized table
 * with selection and actions replaces ImagesTable later.
 */
export function ImagesView(): ReactElement {
  const { t } = useTranslation();
  const { data, error, loading, refetch } = useCall('images.list', LIST_INPUT, REFETCH_ON);
  useRefreshFailureToast(Boolean(data), error?.message);

  return (
    <section className="view" aria-labelledby="view-title">
      <ViewHeader title={t('images.title')}>
        {data && data.imageCount > 0 && (
          <span>{t('images.summary', { count: data.imageCount, size: humanSize(data.totalSize) })}</span>
        )}
      </ViewHeader>
      <ImagesBody data={data} error={error} loading={loading} onRetry={refetch} />
    </section>
  );
}

function ImagesBody(props: {
  data: ImageList | undefined;
  error: { code: string; message: string } | undefined;
  loading: boolean;
  onRetry: () => void;
}): ReactElement | null {
  const { t } = useTranslation();
  const { data, error, loading, onRetry } = props;
  if (data) return data.rows.length === 0 ? <EmptyImages /> : <ImagesTable rows={data.rows} />;
  if (error?.code === 'UNSUPPORTED') {
    return (
      <Notice tone="warning" icon={<InfoIcon />} title={t('images.unsupported.title')} testId="images-unsupported">
        <p>{t('images.unsupported.body', { message: error.message })}</p>
      </Notice>
    );
  }
  if (error) {
    return (
      <Notice tone="error" title={t('images.error.title')} testId="images-error">
        <p className="error-detail">{error.message}</p>
        <button type="button" className="button" onClick={onRetry}>
          {t('images.error.retry')}
        </button>
      </Notice>
    );
  }
  return loading ? <p className="loading" aria-live="polite">{t('app.loading')}</p> : null;
}

function EmptyImages(): ReactElement {
  const { t } = useTranslation();
  return (
    <Notice icon={<ImagesIcon />} title={t('images.empty.title')} testId="images-empty">
      <p>{t('images.empty.body')}</p>
    </Notice>
  );
}

function ImagesTable({ rows }: { rows: ImageRow[] }): ReactElement {
  const { t } = useTranslation();
  const now = Date.now();
  const since = (created: string): string => {
    const d = createdSince(created, now);
    return d ? t('time.ago', { duration: t(`duration.${d.key}`, { count: d.count }) }) : t('time.na');
  };
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={t('images.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('images.columns.repository')}</th>
            <th scope="col">{t('images.columns.tag')}</th>
            <th scope="col">{t('images.columns.id')}</th>
            <th scope="col">{t('images.columns.created')}</th>
            <th scope="col" className="num">{t('images.columns.size')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.id}\n${r.repository}\n${r.tag}`}>
              <td className={r.dangling ? 'muted' : undefined}>{r.repository}</td>
              <td className={r.tag === '<none>' ? 'muted' : undefined}>{r.tag}</td>
              <td className="mono" title={r.id}>{shortId(r.id)}</td>
              <td title={new Date(r.created).toLocaleString()}>{since(r.created)}</td>
              <td className="num">{humanSize(r.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A failed refresh while rows are on screen keeps the rows and says so in a toast. */
function useRefreshFailureToast(haveData: boolean, message: string | undefined): void {
  const { t } = useTranslation();
  const push = useToasts((s) => s.push);
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (haveData && message && shown.current !== message) {
      push({ kind: 'error', title: t('images.refreshFailed'), description: message });
    }
    shown.current = message;
  }, [haveData, message, push, t]);
}
