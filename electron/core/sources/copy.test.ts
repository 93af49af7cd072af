// copyImages between two real embedded stores (their archive ports are the
// real save and load), with sides made to fail or stall on purpose.
import { afterEach, describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import { embeddedArchivePort } from '../archive/port';
import type { ArchivePort } from '../engine/types';
import { EventBus } from '../events';
import { JobRunner } from '../jobs';
import { addImage, fileLayer, tempStore } from '../store/testing/build';
import { copyImages } from './copy';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function stores() {
  const a = await tempStore();
  const b = await tempStore();
  cleanups.push(a.cleanup, b.cleanup);
  const image = await addImage(a.store, { layers: [await fileLayer('a.txt', 'x'.repeat(200_000)), await fileLayer('b.txt', 'b')], tag: 'docker.io/library/copied:1' });
  return { a: a.store, b: b.store, image };
}

function runner() {
  return new JobRunner(new EventBus());
}

/** A port whose export gives `after` bytes of the real archive, then fails or waits for the abort. */
function cutting(port: ArchivePort, after: number, how: 'fail' | 'stall'): ArchivePort {
  return {
    importImages: (archive, job) => port.importImages(archive, job),
    async exportImages(refs, signal) {
      const inner = await port.exportImages(refs, signal);
      return (async function* () {
        let sent = 0;
        for await (const chunk of inner) {
          const part = chunk.subarray(0, Math.max(0, after - sent));
          sent += part.length;
          if (part.length) yield part;
          if (sent >= after) break;
        }
        if (how === 'fail') throw new BerthError('NETWORK', 'the source went away');
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      })();
    },
  };
}

describe('copyImages', () => {
  it('moves an image whole: the same ID on the other side, bytes on one archive line, Docker’s Loaded image line', async () => {
    const { a, b, image } = await stores();
    const r = runner();
    const job = await r.wait(r.start('copy', 't', (j) => copyImages(embeddedArchivePort(a), embeddedArchivePort(b), ['copied:1'], j)).id);
    expect(job.error).toBeNull();
    expect(job.result).toEqual({ imageIds: [image.id], references: ['docker.io/library/copied:1'], digest: null });
    expect(job.messages).toEqual(['Loaded image: copied:1']);
    expect(job.layers).toHaveLength(1);
    expect(job.layers[0]).toMatchObject({ id: 'archive', phase: 'Copy complete' });
    expect(job.layers[0]!.current).toBeGreaterThan(200_000);
    expect((await b.snapshot()).byTag.get('docker.io/library/copied:1')?.id).toBe(image.id);
    expect((await b.fsck()).problems).toEqual([]);
  });

  it('a source that fails part way fails the job with its own message and leaves the destination empty', async () => {
    const { a, b } = await stores();
    const r = runner();
    const job = await r.wait(r.start('copy', 't', (j) => copyImages(cutting(embeddedArchivePort(a), 50_000, 'fail'), embeddedArchivePort(b), ['copied:1'], j)).id);
    expect(job).toMatchObject({ state: 'failed', error: { code: 'NETWORK', message: 'the source went away' } });
    expect((await b.snapshot()).images.size).toBe(0);
    expect(await b.blobs.list()).toEqual([]);
    expect((await b.fsck()).problems).toEqual([]);
  });

  it('a destination that refuses fails the job with its message and stops the source', async () => {
    const { a } = await stores();
    let exportSignal: AbortSignal | undefined;
    const source = embeddedArchivePort(a);
    const watched: ArchivePort = {
      ...source,
      exportImages: (refs, signal) => {
        exportSignal = signal;
        return source.exportImages(refs, signal);
      },
    };
    const refusing: ArchivePort = {
      exportImages: () => Promise.reject(new Error('unused')),
      async importImages(archive) {
        for await (const _ of archive) throw new BerthError('CORRUPT', 'invalid tar header');
        return { imageIds: [], references: [] };
      },
    };
    const r = runner();
    const job = await r.wait(r.start('copy', 't', (j) => copyImages(watched, refusing, ['copied:1'], j)).id);
    expect(job).toMatchObject({ state: 'failed', error: { code: 'CORRUPT', message: 'invalid tar header' } });
    expect(exportSignal?.aborted).toBe(true);
  });

  it('a missing image fails before any byte moves, in the source’s words', async () => {
    const { a, b } = await stores();
    const r = runner();
    const job = await r.wait(r.start('copy', 't', (j) => copyImages(embeddedArchivePort(a), embeddedArchivePort(b), ['nope:1'], j)).id);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('NOT_FOUND');
    expect(job.layers[0]?.current).toBe(0);
  });

  it('cancelling closes both sides: the job ends cancelled, the destination keeps nothing', async () => {
    const { a, b } = await stores();
    const bus = new EventBus();
    const r = new JobRunner(bus);
    const id = r.start('copy', 't', (j) => copyImages(cutting(embeddedArchivePort(a), 50_000, 'stall'), embeddedArchivePort(b), ['copied:1'], j)).id;
    const off = bus.on('job.updated', (j) => {
      if (j.id === id && (j.layers[0]?.current ?? 0) > 0) {
        off();
        r.cancel(id);
      }
    });
    const job = await r.wait(id);
    expect(job.state).toBe('cancelled');
    expect((await b.snapshot()).images.size).toBe(0);
    expect(await b.blobs.list()).toEqual([]);
    expect((await b.fsck()).problems).toEqual([]);
  });
});
