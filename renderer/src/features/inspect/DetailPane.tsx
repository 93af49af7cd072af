import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../components/icons';
import { Tabs, type TabItem } from '../../components/Tabs';
import { useSourceCall } from '../../hooks/useSourceCall';
import { useDetail, type DetailTab } from '../../state/detail';
import { useSource } from '../../state/sources';
import { ContainersTab } from '../sources/ContainersTab';
import { EMBEDDED } from '../sources/source-logic';
import { HistoryTab } from './HistoryTab';
import { InspectTab } from './InspectTab';
import { SummaryTab } from './SummaryTab';

/** The selected image in depth: summary, layers (history), the raw inspect document and, on an engine, its containers. */
export function DetailPane({ target }: { target: string }): ReactElement {
  const { t } = useTranslation();
  const chosenTab = useDetail((s) => s.tab);
  const setTab = useDetail((s) => s.setTab);
  const close = useDetail((s) => s.close);
  const onEngine = useSource() !== EMBEDDED;
  // The embedded store has no containers; a tab chosen on an engine falls back to the summary there.
  const tab = chosenTab === 'containers' && !onEngine ? 'summary' : chosenTab;
  const inspect = useSourceCall('images.inspect', { ref: target });
  const doc = inspect.data;
  const tabs: TabItem<DetailTab>[] = [
    { id: 'summary', label: t('detail.summary') },
    { id: 'layers', label: t('detail.layers') },
    { id: 'inspect', label: t('detail.inspect') },
    ...(onEngine ? [{ id: 'containers' as const, label: t('detail.containers') }] : []),
  ];
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
      <Tabs<DetailTab> label={t('detail.tabs')} idPrefix="detail" value={tab} onChange={setTab} tabs={tabs} />
      <div role="tabpanel" id="detail-panel" aria-labelledby={`detail-tab-${tab}`} className="detail-body">
        {inspect.error && !doc && <p className="field-error" role="alert">{inspect.error.message}</p>}
        {doc && tab === 'summary' && <SummaryTab doc={doc} />}
        {tab === 'layers' && <HistoryTab target={target} />}
        {doc && tab === 'inspect' && <InspectTab doc={doc} target={target} />}
        {doc && tab === 'containers' && <ContainersTab imageId={doc.Id} />}
      </div>
    </aside>
  );
}
