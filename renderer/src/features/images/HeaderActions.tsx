import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PruneIcon, PullIcon } from '../../components/action-icons';
import { useDialogs } from '../../state/dialogs';
import { ArchiveOpenButtons } from '../archive';

/** The view's own actions, beside its title: load, import, prune and pull. */
export function HeaderActions(): ReactElement {
  const { t } = useTranslation();
  const show = useDialogs((s) => s.show);
  return (
    <div className="header-actions">
      <ArchiveOpenButtons />
      <button type="button" className="button secondary" onClick={() => show({ kind: 'prune' })} data-action="prune">
        <PruneIcon />
        <span>{t('prune.button')}</span>
      </button>
      <button type="button" className="button primary" onClick={() => show({ kind: 'pull' })} data-action="pull">
        <PullIcon />
        <span>{t('pull.button')}</span>
      </button>
    </div>
  );
}
