/**
 * Save, Load and Import for the Images view, and the window-wide drop target
 * (a dropped archive is loaded). Self-contained: Save takes the references of
 * the selected rows.
 */
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportIcon, LoadIcon, SaveIcon } from '../../components/action-icons';
import { ImportDialog } from './ImportDialog';
import './archive.css';
import { useArchive } from './useArchive';

/** Load… and Import… beside the view's other header actions; each opens a file picker. */
export function ArchiveOpenButtons(): ReactElement {
  const { t } = useTranslation();
  const { load, importFile } = useArchive();
  const loadInput = useRef<HTMLInputElement>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState<File | null>(null);
  return (
    <>
      <button type="button" className="button secondary" onClick={() => loadInput.current?.click()} data-testid="archive-load">
        <LoadIcon />
        <span>{t('archive.load')}</span>
      </button>
      <button type="button" className="button secondary" onClick={() => importInput.current?.click()} data-testid="archive-import">
        <ImportIcon />
        <span>{t('archive.importButton')}</span>
      </button>
      <input ref={loadInput} type="file" hidden accept=".tar,.gz,.tgz,.xz,.zst,.tar.gz,.tar.xz,.tar.zst" data-testid="archive-load-input" onChange={(e) => pick(e.target, (f) => void load(f))} />
      <input ref={importInput} type="file" hidden data-testid="archive-import-input" onChange={(e) => pick(e.target, setImporting)} />
      {importing && <ImportDialog file={importing} onImport={(opts) => void importFile(importing, opts)} onClose={() => setImporting(null)} />}
    </>
  );
}

/** Save… for the selected images: a menu of the two archive formats. */
export function SaveMenu({ selectedRefs }: { selectedRefs: string[] }): ReactElement {
  const { t } = useTranslation();
  const { save } = useArchive();
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="tool-button" disabled={selectedRefs.length === 0} aria-label={t('archive.save')} title={t('archive.save')} data-testid="archive-save">
        <SaveIcon />
        <span className="tool-label">{t('archive.save')}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} aria-label={t('archive.format')}>
          <DropdownMenu.Item className="menu-item" onSelect={() => void save(selectedRefs, 'docker')} data-testid="archive-save-docker">
            {t('archive.saveDocker')}
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => void save(selectedRefs, 'oci')} data-testid="archive-save-oci">
            {t('archive.saveOci')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
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
  return over ? <div className="archive-drop" role="status" data-testid="archive-drop">{t('archive.drop')}</div> : null;
}
