import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSourceCall } from '../../hooks/useSourceCall';
import { containerName } from './source-logic';

const ALL = {};

/**
 * Containers named by ID (those a Docker conflict names, those a forced podman
 * rmi removes), with their names and states from the engine while it has them.
 */
export function ContainerList({ ids, role }: { ids: string[]; role: 'blocking' | 'removed' | 'wouldRemove' }): ReactElement {
  const { t } = useTranslation();
  const { data } = useSourceCall('containers.list', ALL);
  const found = ids.map((id) => ({ id, c: data?.find((c) => c.id.startsWith(id)) }));
  const item = role === 'blocking' ? 'blocking-container' : 'removed-container';
  return (
    <div className="blocking-containers" data-testid={role === 'blocking' ? 'blocking-containers' : 'removed-containers'}>
      <p className="failures-title">{t(`containers.${role}`, { count: ids.length })}</p>
      <ul className="container-list compact">
        {found.map(({ id, c }) => (
          <li key={id} className="container-item" data-testid={item}>
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
