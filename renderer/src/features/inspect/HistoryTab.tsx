import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSourceCall } from '../../hooks/useSourceCall';
import { humanSize } from '../images/format';
import { RelativeTime } from '../images/RelativeTime';

/** `docker history`: newest step first, with what created it and the bytes it added. */
export function HistoryTab({ target }: { target: string }): ReactElement {
  const { t } = useTranslation();
  const { data, error } = useSourceCall('images.history', { ref: target }, false);
  if (error) return <p className="field-error" role="alert">{error.message}</p>;
  if (!data) return <p className="loading">{t('app.loading')}</p>;
  const layers = data.filter((h) => !h.emptyLayer).length;
  return (
    <div className="history">
      <p className="muted-text">{t('detail.layerCount', { count: layers, steps: data.length })}</p>
      <ol className="history-list" data-testid="history">
        {data.map((h, i) => (
          <li key={i} className={`history-step${h.emptyLayer ? ' empty' : ''}`}>
            <div className="history-head">
              <span className="history-size">{h.emptyLayer ? t('detail.emptyLayer') : humanSize(h.size)}</span>
              <RelativeTime iso={h.created} />
              {h.id !== '<missing>' && <code className="muted-text">{h.id.slice(7, 19)}</code>}
            </div>
            <code className="history-cmd">{h.createdBy || t('detail.none')}</code>
            {h.comment && <p className="muted-text">{h.comment}</p>}
          </li>
        ))}
      </ol>
    </div>
  );
}
