import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../../shared/index';
import { api } from '../../api/index';
import { CopyIcon, InspectIcon, PushIcon, TagIcon, TransferIcon, TrashIcon, UntagIcon } from '../../components/action-icons';
import { copyText } from '../../lib/clipboard';
import { asBerthError } from '../../lib/errors';
import { useDetail } from '../../state/detail';
import { useDialogs } from '../../state/dialogs';
import { attachJobs } from '../../state/jobs';
import { currentSource, useSources } from '../../state/sources';
import { copyTargets } from '../sources/source-logic';
import { useToasts } from '../../state/toasts';
import { removalArgs } from './delete-plan';
import { recordLines } from './records';
import { rowRef } from './row-key';

export type ActionId = 'inspect' | 'tag' | 'untag' | 'delete' | 'push' | 'copyTo' | 'copyId' | 'copyRef' | 'copyPull';

export interface ImageAction {
  id: ActionId;
  label: string;
  shortcut?: string;
  icon?: () => ReactElement;
  danger?: boolean;
  /** Starts a new group in menus. */
  separated?: boolean;
  enabled: boolean;
  run(): void;
}

const ICONS: Partial<Record<ActionId, () => ReactElement>> = {
  inspect: InspectIcon,
  tag: TagIcon,
  untag: UntagIcon,
  delete: TrashIcon,
  push: PushIcon,
  copyTo: TransferIcon,
  copyId: CopyIcon,
};

/** Every row action, for the context menu, the toolbar and the keyboard alike. */
export function useImageActions(rows: ImageRow[]): ImageAction[] {
  const { t } = useTranslation();
  const show = useDialogs((s) => s.show);
  const push = useToasts((s) => s.push);
  const one = rows.length === 1 ? rows[0] : undefined;
  const tagged = rows.filter((r) => r.reference !== null && r.tag !== '<none>');
  const canCopy = useSources((s) => copyTargets(s.list ?? [], s.current).length > 0);

  const copy = (text: string): void => {
    copyText(text).then(
      () => push({ kind: 'success', title: t('actions.copied'), description: text }),
      (e: unknown) => push({ kind: 'error', title: t('actions.copyFailed'), description: asBerthError(e).message }),
    );
  };
  const act = (id: ActionId, enabled: boolean, run: () => void, extra: Partial<ImageAction> = {}): ImageAction => ({
    id,
    label: t(`actions.${id}`),
    icon: ICONS[id],
    enabled,
    run: () => enabled && run(),
    ...extra,
  });

  return [
    act('inspect', one !== undefined, () => one && useDetail.getState().openOn(one.reference ?? one.id), { shortcut: '↵' }),
    act('tag', one !== undefined, () => one && show({ kind: 'tag', row: one }), { shortcut: 'T', separated: true }),
    act('untag', tagged.length > 0, () => void untag(tagged, t, push), { shortcut: 'U' }),
    act('push', one?.reference != null, () => one && void startPush(one, t, push)),
    act('copyTo', rows.length > 0 && canCopy, () => show({ kind: 'copy', rows })),
    act('delete', rows.length > 0, () => show({ kind: 'delete', rows }), { shortcut: 'Del', danger: true }),
    act('copyId', one !== undefined, () => one && copy(one.id), { separated: true }),
    act('copyRef', one !== undefined, () => one && copy(rowRef(one))),
    act('copyPull', one?.reference != null, () => one && copy(`docker pull ${rowRef(one)}`)),
  ];
}

type Push = ReturnType<typeof useToasts.getState>['push'];
type T = ReturnType<typeof useTranslation>['t'];

/**
 * Removes exactly the chosen tags, one images.remove reference each. When the
 * core's dry run says an image would go with them (its last reference), the
 * delete dialog, in its untag form, asks first.
 */
async function untag(rows: ImageRow[], t: T, push: Push): Promise<void> {
  const refs = removalArgs('untag', rows);
  const source = currentSource();
  try {
    const preview = await api.call('images.remove', { source, refs, force: false, noPrune: false, dryRun: true });
    if (preview.records.some((r) => 'deleted' in r)) {
      useDialogs.getState().show({ kind: 'untag', rows });
      return;
    }
    const result = await api.call('images.remove', { source, refs, force: false, noPrune: false });
    const failed = result.failures.map((f) => f.message);
    push({
      kind: failed.length ? 'error' : 'success',
      title: t(failed.length ? 'untag.failed' : 'untag.done', { count: rows.length }),
      description: [...recordLines(result.records), ...failed].join('\n'),
    });
  } catch (e) {
    push({ kind: 'error', title: t('untag.failed', { count: rows.length }), description: asBerthError(e).message });
  }
}

async function startPush(row: ImageRow, t: T, push: Push): Promise<void> {
  try {
    await api.call('images.push', { source: currentSource(), ref: row.reference!, allTags: false });
    attachJobs();
    push({ kind: 'info', title: t('push.started'), description: rowRef(row) });
  } catch (e) {
    push({ kind: 'error', title: t('push.failed'), description: asBerthError(e).message });
  }
}
