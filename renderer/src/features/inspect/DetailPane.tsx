import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../components/icons';
import { Tabs } from '../../components/Tabs';
import { useCall } from '../../hooks/useCall';
import { useDetail, type DetailTab } from '../../state/detail';
import { HistoryTab } from './HistoryTab';
import { InspectTab } from './InspectTab';
import { SummaryTab } from './SummaryTab';

const REFETCH_ON = ['store.changed'] as const;

/** The selected image in depth: summary, layers (history) and the raw inspect document. */
export function DetailPane({ target }: { target: string }): ReactElement {
  const { t } = useTranslation();
  const tab = useDetail((s) => s.tab);
  const setTab = useDetail((s) => s.setTab);
  const close = useDetail((s) => s.close);
  const input = { ref: target };
  const inspect = useCall('images.inspect', input, REFETCH_ON);
  const doc = inspect.data;
  return (
    <aside className="detail-pane" aria-label={t('detail.label', { target })} data-testid="detail-pane"
      onKeyDown={(e) => { if (e.key === 'Escape' && !e.defaultPrevented) close(); }}>
      <header className="detail-header">
        <div className="detail-title">
          {/* the row that was opened names the pane; an untagged image falls back to its first tag or ID */}
          <h2 title={target}>{target.startsWith('sha256:') ? (doc?.RepoTags[0] ?? target) : target}</h2>
          {doc && <code className="detail-id">{doc.Id}</code>}
        </div>
        <button type="button" className="icon-button" aria-label={t('detail.close')} onClick={close}>
          <CloseIcon />
        </button>
      </header>
      <Tabs<DetailTab> label={t('detail.tabs')} idPrefix="detail" value={tab} onChange={setTab}
        tabs={[{ id: 'summary', label: t('detail.summary') }, { id: 'layers', label: t('detail.layers') }, { id: 'inspect', label: t('detail.inspect') }]} />
      <div role="tabpanel" id="detail-panel" aria-labelledby={`detail-tab-${tab}`} className="detail-body">
        {inspect.error && !doc && <p className="field-error" role="alert">{inspect.error.message}</p>}
        {doc && tab === 'summary' && <SummaryTab doc={doc} />}
        {tab === 'layers' && <HistoryTab target={target} />}
        {doc && tab === 'inspect' && <InspectTab doc={doc} target={target} />}
      </div>
    </aside>
  );
}
