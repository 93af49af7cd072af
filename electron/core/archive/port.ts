/**
 * The embedded store's side of a copy between sources: its images out as
 * the docker save archive (Docker 25's layout, streamed through a
 * PassThrough as saveImages writes it) and in through loadArchive, which
 * records nothing until every blob is verified. No second save or load.
 */
import { PassThrough } from 'node:stream';
import type { ArchivePort } from '../engine/types';
import type { Store } from '../store';
import { loadArchive } from './load';
import { saveImages } from './save';
import { selectImages } from './select';

export function embeddedArchivePort(store: Store): ArchivePort {
  return {
    async exportImages(refs, signal) {
      selectImages(await store.snapshot(), refs); // a missing image fails the copy before any byte moves
      const out = new PassThrough({ highWaterMark: 1024 * 1024 });
      out.on('error', () => {}); // the reader gets errors by iterating, the save through its pipeline
      // When the copy stops reading (cancelled, or the other side failed) the save is not torn down mid-entry:
      // what it still writes is drained away and it stops at its next check of the signal.
      const drain = (): void => {
        out.resume();
      };
      signal.addEventListener('abort', drain, { once: true });
      saveImages(store, refs, out, { format: 'docker', signal })
        .catch((e: unknown) => out.destroy(e as Error))
        .finally(() => signal.removeEventListener('abort', drain));
      return out.iterator({ destroyOnReturn: false });
    },
    async importImages(archive, job) {
      const r = await loadArchive(store, { stream: archive }, { signal: job.signal, progress: { message: (text) => job.message(text) } });
      return { imageIds: r.images.map((i) => i.id), references: r.images.flatMap((i) => i.tags) };
    },
  };
}
