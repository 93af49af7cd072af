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

export function engineArchivePort(client: EngineClient): ArchivePort {
  return {
    async exportImages(refs, signal) {
      const res = await client.request({ path: '/images/get', query: { names: [...refs] }, signal, stream: true });
      return res.body;
    },
    importImages: (archive, job) => loadIntoEngine(client, archive, job, { layers: false }),
  };
}
