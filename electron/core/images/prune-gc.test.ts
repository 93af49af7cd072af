// Prune is how a user reclaims space, including after a crash: a job killed
// between recording an image's removal and collecting its blobs leaves blobs
// nothing reaches, and no later prune would delete an image to trigger GC.
import { describe, expect, it } from 'vitest';
import { addImage, fileLayer } from '../store/testing/build';
import { coreOnFreshStore } from './testing';

const env = coreOnFreshStore();

describe('images.prune and what a crash left', () => {
  it('collects unreachable blobs even when no image is pruned, sparing leased ones and images', async () => {
    const store = env.t.store;
    const kept = await addImage(store, { layers: [await fileLayer('k', 'kept')], tag: 'docker.io/library/kept:1' });
    const orphan = await store.ingest(Buffer.from('left behind by a crashed rmi'));
    const lease = store.lease();
    const inFlight = await store.ingest(Buffer.from('a pull in another job holds this'), { lease });
    try {
      const result = await env.core.dispatch('images.prune', {});
      expect(result).toEqual({ ok: true, value: { records: [], reclaimed: 0 } });
      expect(await store.blobs.has(orphan.digest)).toBe(false);
      expect(await store.blobs.has(inFlight.digest)).toBe(true);
      for (const d of [kept.manifestDigest, kept.id, ...kept.layerDigests]) expect(await store.blobs.has(d)).toBe(true);
      expect((await store.fsck()).problems).toEqual([]);
    } finally {
      await lease.release();
    }
  });

  it('a dry run removes nothing', async () => {
    const orphan = await env.t.store.ingest(Buffer.from('garbage'));
    await env.core.dispatch('images.prune', { dryRun: true });
    expect(await env.t.store.blobs.has(orphan.digest)).toBe(true);
  });
});
