import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../shared/index';

/** Green when the source answers, grey-red when it does not; the word is there for screen readers. */
export function SourceDot({ source }: { source: Pick<Source, 'state'> }): ReactElement {
  const { t } = useTranslation();
  const ok = source.state === 'connected';
  return (
    <span className={`state-dot ${ok ? 'ok' : 'down'}`} role="img" aria-label={t(ok ? 'sources.connected' : 'sources.unreachable')} />
  );
}
