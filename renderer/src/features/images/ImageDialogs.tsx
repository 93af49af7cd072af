import type { ReactElement } from 'react';
import { useDialogs } from '../../state/dialogs';
import { PullDialog } from '../jobs/PullDialog';
import { CommitDialog } from '../sources/CommitDialog';
import { CopyDialog } from '../sources/CopyDialog';
import { DeleteDialog } from './DeleteDialog';
import { PruneDialog } from './PruneDialog';
import { TagDialog } from './TagDialog';

/** Whichever dialog the toolbar, menu or keyboard asked for. */
export function ImageDialogs(): ReactElement | null {
  const open = useDialogs((s) => s.open);
  const close = useDialogs((s) => s.close);
  if (!open) return null;
  switch (open.kind) {
    case 'tag':
      return <TagDialog row={open.row} onClose={close} />;
    case 'delete':
    case 'untag':
      return <DeleteDialog kind={open.kind} rows={open.rows} onClose={close} />;
    case 'prune':
      return <PruneDialog onClose={close} />;
    case 'pull':
      return <PullDialog initial={open.reference} onClose={close} />;
    case 'commit':
      return <CommitDialog container={open.container} onClose={close} />;
    case 'copy':
      return <CopyDialog rows={open.rows} onClose={close} />;
  }
}
