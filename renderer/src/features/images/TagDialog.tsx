import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../../shared/index';
import { api } from '../../api/index';
import { WarningIcon } from '../../components/action-icons';
import { Dialog } from '../../components/Dialog';
import { asBerthError } from '../../lib/errors';
import { useImageSelection } from '../../state/image-selection';
import { useImages } from '../../state/images';
import { currentSource } from '../../state/sources';
import { useToasts } from '../../state/toasts';
import { shortId } from './format';
import { rowKey, rowRef } from './row-key';
import { splitFamiliar, useReferenceCheck } from './useReferenceCheck';

/** `docker tag SOURCE TARGET` with the target checked as it is typed. */
export function TagDialog({ row, onClose }: { row: ImageRow; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const [target, setTarget] = useState(row.repository === '<none>' ? '' : `${row.repository}:`);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const check = useReferenceCheck(target);
  const parsed = check.state === 'valid' && check.parsed.input === target ? check.parsed : undefined;
  const source = row.reference ?? row.id;
  const push = useToasts((s) => s.push);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!parsed || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.call('images.tag', { source: currentSource(), ref: source, target });
      const { repository, tag } = splitFamiliar(parsed.familiar);
      const key = rowKey({ id: row.id, repository, tag });
      useImageSelection.getState().set({ selected: new Set([key]), anchor: key, cursor: key });
      push({ kind: 'success', title: t('tag.done'), description: `${rowRef(row)} → ${parsed.familiar}${result.moved ? ` (${t('tag.movedShort')})` : ''}` });
      onClose();
    } catch (err) {
      setError(asBerthError(err).message);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('tag.title')} onClose={onClose} size="medium" testId="tag-dialog"
      description={t('tag.description', { source: rowRef(row), id: shortId(row.id) })}
      footer={
        <>
          <button type="button" className="button secondary" onClick={onClose}>{t('dialog.cancel')}</button>
          <button type="submit" form="tag-form" className="button primary" disabled={!parsed || busy} data-testid="tag-submit">
            {t('tag.submit')}
          </button>
        </>
      }
    >
      <form id="tag-form" onSubmit={(e) => void submit(e)} className="form">
        <label htmlFor="tag-target" className="field-label">{t('tag.target')}</label>
        <input id="tag-target" className={`input mono${check.state === 'invalid' ? ' invalid' : ''}`} value={target} autoFocus
          spellCheck={false} autoComplete="off" aria-invalid={check.state === 'invalid' || undefined}
          aria-describedby="tag-feedback" onChange={(e) => { setTarget(e.target.value); setError(undefined); }}
          placeholder="registry.example.com/team/app:v1" data-testid="tag-target" />
        <div id="tag-feedback" className="field-feedback" aria-live="polite">
          {check.state === 'invalid' && <p className="field-error" data-testid="tag-error">{check.message}</p>}
          {parsed && <NormalizedLine normalized={parsed.normalized} />}
          {parsed && <MoveWarning normalized={parsed.normalized} familiar={parsed.familiar} sourceId={row.id} />}
          {error && <p className="field-error" role="alert" data-testid="tag-submit-error">{error}</p>}
        </div>
      </form>
    </Dialog>
  );
}

function NormalizedLine({ normalized }: { normalized: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <p className="field-hint" data-testid="tag-normalized">
      {t('tag.willStore')} <code>{normalized}</code>
    </p>
  );
}

/** The target tag exists: tagging moves it, and its image may become `<none>`. */
function MoveWarning({ normalized, familiar, sourceId }: { normalized: string; familiar: string; sourceId: string }): ReactElement | null {
  const { t } = useTranslation();
  const rows = useImages((s) => s.list?.rows ?? []);
  const existing = rows.find((r) => r.reference === normalized);
  if (!existing) return null;
  if (existing.id === sourceId) return <p className="field-hint">{t('tag.alreadyHere', { ref: familiar })}</p>;
  const orphaned = rows.filter((r) => r.id === existing.id && r.reference !== null).length === 1;
  return (
    <p className="field-warning" data-testid="tag-move-warning">
      <WarningIcon />
      <span>
        {t('tag.moves', { ref: familiar, id: shortId(existing.id) })}
        {orphaned && ` ${t('tag.orphans', { id: shortId(existing.id) })}`}
      </span>
    </p>
  );
}
