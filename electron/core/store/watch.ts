/**
 * Notices index.json changes made by other processes (the CLI while the GUI
 * runs, skopeo). Watches the directory, because writers replace the file by
 * rename, then debounces and compares the file's stamp with the last one seen.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { sameStamp, stampOf, type FileStamp } from './index-file';

export interface IndexWatcherOptions {
  debounceMs?: number;
  /** The stamp this process last wrote or read, so its own writes are not reported twice. */
  known: () => FileStamp | null;
  /** True while this process is writing the file: its stamp is not known yet, so a check waits. */
  writing?: () => boolean;
  onChange: (stamp: FileStamp | null) => void;
}

export function watchIndex(indexFile: string, opts: IndexWatcherOptions): () => void {
  const name = path.basename(indexFile);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(), opts.debounceMs ?? 100);
  };
  const check = async (): Promise<void> => {
    timer = null;
    if (opts.writing?.()) return arm(); // own write between its rename and its stamp (a slow directory fsync)
    const stamp = await stampOf(indexFile).catch(() => null);
    if (closed || sameStamp(stamp, opts.known())) return;
    opts.onChange(stamp);
  };
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(path.dirname(indexFile), { persistent: false }, (_event, file) => {
      if (file !== null && file !== name) return;
      arm();
    });
    watcher.on('error', () => {});
  } catch {
    // No inotify (or the directory vanished): the views still refresh on their own actions.
  }
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}
