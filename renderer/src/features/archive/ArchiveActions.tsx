/**
 * Save, Load and Import buttons for the images toolbar, and the window-wide
 * drop target (a dropped archive is loaded). Self-contained: give it the
 * references of the selected rows.
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportDialog } from './ImportDialog';
import './archive.css';
import { useArchive } from './useArchive';

export function ArchiveActions({ selectedRefs }: { selectedRefs: string[] }): ReactElement {
  const { t } = useTranslation();
  const { save, load, importFile } = useArchive();
  const loadInput = useRef<HTMLInputElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState<File | null>(null);
  const [format, setFormat] = useState<'docker' | 'oci'>('docker');
  return (
    <div className="archive-actions" data-testid="archive-actions">
      <button type="button" className="button" disabled={selectedRefs.length === 0} onClick={() => void save(selectedRefs, format)} data-testid="archive-save">
        {t('archive.save', 'Save…')}
      </button>
      <select aria-label={t('archive.format', 'Archive format')} value={format} onChange={(e) => setFormat(e.target.value === 'oci' ? 'oci' : 'docker')}>
        <option value="docker">docker-archive</option>
        <option value="oci">OCI</option>
      </select>
      <button type="button" className="button" onClick={() => loadInput.current?.click()} data-testid="archive-load">
        {t('archive.load', 'Load…')}
      </button>
      <button type="button" className="button" onClick={() => importInput.current?.click()} data-testid="archive-import">
        {t('archive.importButton', 'Import…')}
      </button>
      <input ref={loadInput} type="file" hidden accept=".tar,.gz,.tgz,.xz,.zst,.tar.gz,.tar.xz,.tar.zst" data-testid="archive-load-input" onChange={(e) => pick(e.target, (f) => void load(f))} />
      <input ref={importInput} type="file" hidden data-testid="archive-import-input" onChange={(e) => pick(e.target, setImporting)} />
      {importing && <ImportDialog file={importing} onImport={(opts) => void importFile(importing, opts)} onClose={() => setImporting(null)} />}
    </div>
  );
}

function pick(input: HTMLInputElement, take: (f: File) => void): void {
  const file = input.files?.[0];
  input.value = ''; // the same file can be picked again
  if (file) take(file);
}

/** Dropping a file anywhere on the window loads it as an image archive. */
export function ArchiveDropZone(): ReactElement | null {
  const { t } = useTranslation();
  const { load } = useArchive();
  const [over, setOver] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const onOver = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent): void => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      for (const f of e.dataTransfer?.files ?? []) void load(f);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [load]);
  return over ? <div className="archive-drop" role="status" data-testid="archive-drop">{t('archive.drop', 'Drop an image archive to load it')}</div> : null;
}
