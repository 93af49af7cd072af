/**
 * Save, load and import from the GUI: each starts a job through the
 * contract (progress shows in Jobs); when a load or import finishes, its
 * images are selected in the table.
 */
import { useCallback, useEffect, useRef } from 'react';
import { api } from '../../api';
import { useImageSelection } from '../../state/image-selection';
import { useImages } from '../../state/images';
import { currentSource } from '../../state/sources';
import { useToasts } from '../../state/toasts';
import { downloadUrl, loadedRowKeys, nativeFiles, pathOnHost, suggestedName } from './transfer';

export interface ImportOptions {
  reference?: string;
  changes: string[];
  message?: string;
  platform?: string;
}

export interface ArchiveActions {
  save(refs: string[], format: 'docker' | 'oci'): Promise<void>;
  load(file: File): Promise<void>;
  importFile(file: File, opts: ImportOptions): Promise<void>;
}

const hostFiles = () => nativeFiles(window, async (suggestedName) => (await api.call('host.pickSavePath', { suggestedName })).path);

export function useArchive(): ArchiveActions {
  const push = useToasts((s) => s.push);
  const selectOnFinish = useRef(new Set<string>());

  useEffect(
    () =>
      api.on('job.updated', (job) => {
        if (!selectOnFinish.current.has(job.id) || (job.state !== 'succeeded' && job.state !== 'failed' && job.state !== 'cancelled')) return;
        selectOnFinish.current.delete(job.id);
        if (job.state === 'succeeded' && job.result) {
          const result = job.result;
          // The new rows must be in the table before they can be selected.
          void useImages.getState().refresh().then(() => {
            const keys = loadedRowKeys(result, useImages.getState().list?.rows ?? []);
            useImageSelection.getState().set({ selected: new Set(keys), anchor: keys[0] ?? null, cursor: keys[0] ?? null });
          });
        } else if (job.error) push({ kind: 'error', title: job.title, description: job.error.message });
      }),
    [push],
  );

  const fail = useCallback((e: unknown) => push({ kind: 'error', title: 'Archive', description: e instanceof Error ? e.message : String(e) }), [push]);

  const save = useCallback(
    async (refs: string[], format: 'docker' | 'oci') => {
      try {
        const native = hostFiles();
        if (!native) {
          // The browser host streams the save as a download; its job still shows in Jobs.
          const a = Object.assign(document.createElement('a'), { href: downloadUrl(refs, format, currentSource()), download: suggestedName(refs, format) });
          a.click();
          return;
        }
        const path = await native.pickSavePath(suggestedName(refs, format));
        if (path) await api.call('images.save', { source: currentSource(), refs, format, path });
      } catch (e) {
        fail(e);
      }
    },
    [fail],
  );

  const load = useCallback(
    async (file: File) => {
      try {
        const { jobId } = await api.call('images.load', { source: currentSource(), path: await pathOnHost(file, hostFiles()) });
        selectOnFinish.current.add(jobId);
      } catch (e) {
        fail(e);
      }
    },
    [fail],
  );

  const importFile = useCallback(
    async (file: File, opts: ImportOptions) => {
      try {
        const { jobId } = await api.call('images.import', { source: currentSource(), path: await pathOnHost(file, hostFiles()), ...opts });
        selectOnFinish.current.add(jobId);
      } catch (e) {
        fail(e);
      }
    },
    [fail],
  );

  return { save, load, importFile };
}
