import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSourceCall } from '../../hooks/useSourceCall';
import { containerName } from './source-logic';

const ALL = {};

/** The containers a Docker conflict names, with their names and states from the engine. */
export function BlockingContainers({ ids }: { ids: string[] }): ReactElement {
  const { t } = useTranslation();
  const { data } = useSourceCall('containers.list', ALL);
  const found = ids.map((id) => ({ id, c: data?.find((c) => c.id.startsWith(id)) }));
  return (
    <div className="blocking-containers" data-testid="blocking-containers">
      <p className="failures-title">{t('containers.blocking', { count: ids.length })}</p>
      <ul className="container-list compact">
        {found.map(({ id, c }) => (
          <li key={id} className="container-item" data-testid="blocking-container">
            <span className={`state-dot ${c?.state === 'running' ? 'ok' : 'off'}`} aria-hidden="true" />
            <strong>{c ? containerName(c) : id.slice(0, 12)}</strong>
            <code className="muted-text">{id.slice(0, 12)}</code>
            {c && <span className="muted-text">{c.status}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
