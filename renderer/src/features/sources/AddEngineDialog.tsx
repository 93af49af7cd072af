import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useSources } from '../../state/sources';
import { useToasts } from '../../state/toasts';
import { AddEngineForm } from './AddEngineForm';

/** "Add engine…" from the source switcher: once added, the new engine is the source on screen. */
export function AddEngineDialog({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const push = useToasts((s) => s.push);
  return (
    <Dialog title={t('sources.addTitle')} description={t('sources.addDescription')} onClose={onClose} size="medium" testId="add-engine-dialog"
      footer={<button type="button" className="button secondary" onClick={onClose}>{t('dialog.cancel')}</button>}>
      <AddEngineForm id="add-engine-dialog-form" autoFocus onAdded={(added) => {
        if (added) {
          useSources.getState().choose(added.id);
          push({ kind: added.state === 'connected' ? 'success' : 'error', title: t('sources.added', { name: added.name }), description: added.error ?? added.endpoint ?? '' });
        }
        onClose();
      }} />
    </Dialog>
  );
}
