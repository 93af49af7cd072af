import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ConnectionStatus } from '../api/index';
import { useToasts } from '../state/toasts';

/** Says so when the core cannot be reached, and toasts when it comes back. */
export function ConnectionBanner(): ReactElement | null {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ConnectionStatus>(api.status());
  const push = useToasts((s) => s.push);
  const lost = useRef(false);

  useEffect(
    () =>
      api.onStatus((s) => {
        setStatus(s);
        if (s === 'open' && lost.current) push({ kind: 'success', title: t('connection.restored') });
        lost.current = s === 'reconnecting' || s === 'closed';
      }),
    [push, t],
  );

  if (status !== 'reconnecting' && status !== 'closed') return null;
  return (
    <div className="connection-banner" role="status">
      {t(status === 'closed' ? 'connection.closed' : 'connection.reconnecting')}
    </div>
  );
}
