import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSourceCall } from '../../hooks/useSourceCall';
import { useDialogs } from '../../state/dialogs';
import { RelativeTime } from '../images/RelativeTime';
import { containerName, isStopped } from './source-logic';

/** `docker ps -a --filter ancestor=IMAGE` in the detail pane; a stopped container can be committed to a new image. */
export function ContainersTab({ imageId }: { imageId: string }): ReactElement {
  const { t } = useTranslation();
  const { data, error } = useSourceCall('containers.list', { image: imageId });
  const show = useDialogs((s) => s.show);
  if (error && !data) return <p className="field-error" role="alert">{error.message}</p>;
  if (!data) return <p className="loading">{t('app.loading')}</p>;
  if (data.length === 0) return <p className="muted-text" data-testid="containers-none">{t('containers.none')}</p>;
  return (
    <ul className="container-list" data-testid="containers" aria-label={t('containers.label')}>
      {data.map((c) => (
        <li key={c.id} className="container-item" data-testid="container-row" data-container={c.id}>
          <div className="container-head">
            <span className={`state-dot ${c.state === 'running' ? 'ok' : 'off'}`} aria-hidden="true" />
            <strong className="container-name">{containerName(c)}</strong>
            <span className={`chip chip-container state-${c.state}`}>{c.state}</span>
            <span className="toolbar-spacer" />
            {isStopped(c.state) && (
              <button type="button" className="button secondary small" data-testid="container-commit"
                onClick={() => show({ kind: 'commit', container: c })}>
                {t('containers.commit')}
              </button>
            )}
          </div>
          <div className="container-meta">
            <code className="muted-text">{c.id.slice(0, 12)}</code>
            <span>{c.status}</span>
            <span className="muted-text">{t('containers.created')} <RelativeTime iso={c.created} /></span>
          </div>
          {c.command && <code className="container-cmd">{c.command}</code>}
        </li>
      ))}
    </ul>
  );
}
