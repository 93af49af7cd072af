import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerRow } from '../../../../shared/index';
import { api } from '../../api/index';
import { Dialog } from '../../components/Dialog';
import { asBerthError } from '../../lib/errors';
import { useImageSelection } from '../../state/image-selection';
import { useImages } from '../../state/images';
import { currentSource } from '../../state/sources';
import { useToasts } from '../../state/toasts';
import { shortId } from '../images/format';
import { rowKey } from '../images/row-key';
import { splitFamiliar, useReferenceCheck } from '../images/useReferenceCheck';
import { changeLines, containerName } from './source-logic';

/** `docker commit [-a] [-m] [-c]… [--pause] CONTAINER [REPOSITORY[:TAG]]`, the reference checked as it is typed. */
export function CommitDialog({ container, onClose }: { container: ContainerRow; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const [author, setAuthor] = useState('');
  const [message, setMessage] = useState('');
  const [changes, setChanges] = useState('');
  const [pause, setPause] = useState(true);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const push = useToasts((s) => s.push);
  const check = useReferenceCheck(reference);
  const parsed = check.state === 'valid' && check.parsed.input === reference ? check.parsed : undefined;
  const digestError = parsed?.digest ? t('commit.noDigest') : undefined;
  const refOk = check.state === 'empty' || (parsed !== undefined && !digestError);
  const name = containerName(container);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!refOk || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.call('containers.commit', {
        source: currentSource(),
        container: container.id,
        changes: changeLines(changes),
        pause,
        ...(parsed ? { reference } : {}),
        ...(author.trim() ? { author: author.trim() } : {}),
        ...(message ? { message } : {}),
      });
      push({ kind: 'success', title: t('commit.done', { id: shortId(result.id) }), description: result.reference ?? result.id });
      await useImages.getState().refresh();
      if (parsed) {
        const { repository, tag } = splitFamiliar(parsed.familiar);
        const key = rowKey({ id: result.id, repository, tag });
        useImageSelection.getState().set({ selected: new Set([key]), anchor: key, cursor: key });
      }
      onClose();
    } catch (err) {
      setError(asBerthError(err).message);
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('commit.title')} onClose={onClose} size="medium" testId="commit-dialog"
      description={t('commit.description', { name, id: container.id.slice(0, 12) })}
      footer={
        <>
          <button type="button" className="button secondary" onClick={onClose}>{t('dialog.cancel')}</button>
          <button type="submit" form="commit-form" className="button primary" disabled={!refOk || busy} data-testid="commit-submit">
            {t('commit.submit')}
          </button>
        </>
      }
    >
      <form id="commit-form" onSubmit={(e) => void submit(e)} className="form">
        <label htmlFor="commit-reference" className="field-label">{t('commit.reference')}</label>
        <input id="commit-reference" className={`input mono${check.state === 'invalid' || digestError ? ' invalid' : ''}`} value={reference} autoFocus
          spellCheck={false} autoComplete="off" aria-invalid={check.state === 'invalid' || Boolean(digestError) || undefined}
          aria-describedby="commit-feedback" placeholder="myrepo/app:snapshot" data-testid="commit-reference"
          onChange={(e) => { setReference(e.target.value); setError(undefined); }} />
        <div id="commit-feedback" className="field-feedback" aria-live="polite">
          {check.state === 'invalid' && <p className="field-error" data-testid="commit-reference-error">{check.message}</p>}
          {digestError && <p className="field-error" data-testid="commit-reference-error">{digestError}</p>}
          {parsed && !digestError && <p className="field-hint">{t('tag.willStore')} <code>{parsed.normalized}</code></p>}
          {check.state === 'empty' && <p className="field-hint">{t('commit.untaggedHint')}</p>}
        </div>
        <label htmlFor="commit-author" className="field-label">{t('commit.author')}</label>
        <input id="commit-author" className="input" value={author} onChange={(e) => setAuthor(e.target.value)}
          placeholder="Jane Doe <jane@example.com>" autoComplete="off" data-testid="commit-author" />
        <label htmlFor="commit-message" className="field-label">{t('commit.message')}</label>
        <input id="commit-message" className="input" value={message} onChange={(e) => setMessage(e.target.value)}
          autoComplete="off" data-testid="commit-message" />
        <label htmlFor="commit-changes" className="field-label">{t('commit.changes')}</label>
        <textarea id="commit-changes" className="input mono" rows={3} value={changes} onChange={(e) => setChanges(e.target.value)}
          spellCheck={false} placeholder={'ENV DEBUG=1\nCMD ["sh"]'} aria-describedby="commit-changes-hint" data-testid="commit-changes" />
        <p id="commit-changes-hint" className="field-hint">{t('commit.changesHint')}</p>
        <label className="checkbox">
          <input type="checkbox" checked={pause} onChange={(e) => setPause(e.target.checked)} data-testid="commit-pause" />
          <span>{t('commit.pause')}</span>
        </label>
        {error && <p className="field-error" role="alert" data-testid="commit-error">{error}</p>}
      </form>
    </Dialog>
  );
}
