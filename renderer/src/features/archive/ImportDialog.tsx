import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import type { ImportOptions } from './useArchive';

/** docker import's options: the name, --change lines (one per line), -m, --platform. */
export function ImportDialog({ file, onImport, onClose }: { file: File; onImport(opts: ImportOptions): void; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const [changes, setChanges] = useState('');
  const [message, setMessage] = useState('');
  const [platform, setPlatform] = useState('');
  const submit = (): void => {
    onImport({
      changes: changes.split('\n').map((l) => l.trim()).filter(Boolean),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(message ? { message } : {}),
      ...(platform.trim() ? { platform: platform.trim() } : {}),
    });
    onClose();
  };
  const footer = (
    <>
      <button type="button" className="button secondary" onClick={onClose}>{t('archive.cancel')}</button>
      <button type="button" className="button primary" onClick={submit} data-testid="import-submit">{t('archive.import')}</button>
    </>
  );
  return (
    <Dialog title={t('archive.importTitle', { name: file.name })} onClose={onClose} footer={footer} testId="import-dialog">
      <form className="form" onSubmit={(e) => (e.preventDefault(), submit())}>
        <label className="field">
          <span>{t('archive.reference')}</span>
          <input value={reference} onChange={(e) => setReference(e.target.value)} placeholder="ubuntu:14.04" autoFocus />
        </label>
        <label className="field">
          <span>{t('archive.changes')}</span>
          <textarea value={changes} onChange={(e) => setChanges(e.target.value)} rows={4} placeholder={'CMD ["/bin/bash"]\nENV LANG=C.UTF-8'} />
        </label>
        <label className="field">
          <span>{t('archive.message')}</span>
          <input value={message} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('archive.platform')}</span>
          <input value={platform} onChange={(e) => setPlatform(e.target.value)} placeholder="linux/amd64" />
        </label>
      </form>
    </Dialog>
  );
}
