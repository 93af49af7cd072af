/**
 * An engine's side of a copy between sources: its images out as the
 * docker-archive of GET /images/get, and in through POST /images/load. The
 * copy reports the bytes that pass; the engine's "Loaded image" lines come
 * back as job messages (its per-layer "Loading layer" lines are left out: the
 * copy has one progress line). Cancelling aborts the request; the engine
 * then drops what it had received.
 */
import type { ArchivePort } from './types';
import type { EngineClient } from './client';
import { loadIntoEngine } from './engine-load';
import { imagePath } from './image-lookup';

function splitTag(ref: string): { repo: string; tag: string } {
  const at = ref.lastIndexOf(':');
  return ref.lastIndexOf('/') < at ? { repo: ref.slice(0, at), tag: ref.slice(at + 1) } : { repo: ref, tag: 'latest' };
}

export function engineArchivePort(client: EngineClient): ArchivePort {
  return {
    async exportImages(refs, signal) {
      const res = await client.request({ path: '/images/get', query: { names: [...refs] }, signal, stream: true });
      return res.body;
    },
    importImages: (archive, job) => loadIntoEngine(client, archive, job, { layers: false }),
    async rename(loaded, wanted, signal) {
      const { repo, tag } = splitTag(wanted);
      await client.json({ method: 'POST', path: `/images/${imagePath(loaded)}/tag`, query: { repo, tag }, signal });
      // the image keeps its new name, so this only untags
      await client.json({ method: 'DELETE', path: `/images/${imagePath(loaded)}`, query: { noprune: true }, signal });
    },
  };
}
