import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256, tempStore } from './testing/build';

let t: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => t.cleanup());

/** A source that hands out the same buffer again and again, refilled each time (as some readers do). */
async function* reusing(data: Buffer, piece: number): AsyncGenerator<Buffer> {
  const buf = Buffer.alloc(piece);
  for (let i = 0; i < data.length; i += piece) {
    const n = data.copy(buf, 0, i, i + piece);
    yield buf.subarray(0, n);
  }
}

/** Like the registry client's blob reader: hashes as it yields and throws at its end when the digest is wrong. */
async function* verifying(data: Buffer, digest: string, piece = 70_000): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for (let i = 0; i < data.length; i += piece) {
    const chunk = data.subarray(i, i + piece);
    hash.update(chunk);
    yield chunk;
  }
  if (`sha256:${hash.digest('hex')}` !== digest) throw Object.assign(new Error('verification failed'), { code: 'DIGEST_MISMATCH' });
}

describe('BlobStore.ingest', () => {
  it('stores multi-MiB streams byte for byte, even from a source that reuses its buffer', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 12345);
    for (const piece of [4096, 65_536, 5 * 1024 * 1024]) {
      const ref = await t.store.ingest(reusing(data, piece), { expected: { digest: sha256(data), size: data.length } });
      expect(ref).toEqual({ digest: sha256(data), size: data.length });
      expect((await readFile(t.store.blobs.path(ref.digest))).equals(data)).toBe(true);
      await t.store.blobs.remove(ref.digest);
    }
  });

  it('trusts a verifying source for the digest but still checks the size', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 7);
    const digest = sha256(data);
    const ref = await t.store.ingest(verifying(data, digest), { expected: { digest, size: data.length }, sourceVerified: true });
    expect(ref).toEqual({ digest, size: data.length });
    expect((await readFile(t.store.blobs.path(digest))).equals(data)).toBe(true);
    await t.store.blobs.remove(digest);

    await expect(t.store.ingest(verifying(data, digest), { expected: { digest, size: data.length + 1 }, sourceVerified: true })).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
    });
    expect(await t.store.blobs.has(digest)).toBe(false);
    expect(await readdir(t.store.paths.tmpDir)).toEqual([]);
  });

  it('stores nothing when a verifying source finds a mismatch at its end', async () => {
    const data = randomBytes(1024 * 1024 + 3);
    const claimed = sha256('something else');
    await expect(
      t.store.ingest(verifying(data, claimed), { expected: { digest: claimed, size: data.length }, sourceVerified: true }),
    ).rejects.toThrow('verification failed');
    expect(await t.store.blobs.has(claimed)).toBe(false);
    expect(await readdir(t.store.paths.tmpDir)).toEqual([]);
  });

  it('refuses sourceVerified without an expected digest and size', async () => {
    await expect(t.store.ingest(verifying(Buffer.from('x'), sha256('x')), { sourceVerified: true })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
