import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../shared/index';
import { WarningIcon } from '../../components/action-icons';
import { useSources } from '../../state/sources';

/**
 * The engine on screen does not answer: its own message, the reconnecting
 * the core does by itself, and Retry to ask it now. Rows stay as last seen.
 */
export function SourceBanner({ source }: { source: Source }): ReactElement {
  const { t } = useTranslation();
  const probing = useSources((s) => s.probing);
  const probe = useSources((s) => s.probe);
  return (
    <div className="source-banner" role="alert" data-testid="source-banner">
      <WarningIcon />
      <div className="source-banner-text">
        <strong>{t('sources.banner.title', { name: source.name })}</strong>
        {source.error && <code className="error-detail" data-testid="source-error">{source.error}</code>}
        <span className="muted-text" aria-live="polite">{t(probing ? 'sources.banner.checking' : 'sources.banner.reconnecting')}</span>
      </div>
      <button type="button" className="button secondary" disabled={probing} onClick={() => void probe()} data-testid="source-retry">
        {t('sources.banner.retry')}
      </button>
    </div>
  );
}
