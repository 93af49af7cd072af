// Push building blocks against a real registry, checked by skopeo: HEAD
// exists, monolithic and chunked uploads, cross-repo mount (201 and the 202
// fallback), manifest PUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { seedImages, type SeededImages } from '../fixtures/images';
import { runOk } from '../fixtures/tools';
import {
  RegistryClient,
  digestOf,
  fetchBlobBytes,
  getManifest,
  manifestTarget,
  mountBlob,
  putManifest,
  statBlob,
  uploadChunked,
  uploadMonolithic,
} from '../../electron/core/registry';
import { parseNormalizedNamed } from '../../electron/core/reference';

let reg: RegistryHandle;
let seeded: SeededImages;
let client: RegistryClient;

beforeAll(async () => {
  reg = await startRegistry();
  seeded = await seedImages(reg);
  client = new RegistryClient({ host: reg.host });
});

afterAll(async () => {
  await client?.close();
  await reg?.stop();
});

async function skopeoInspect(ref: string): Promise<{ Digest: string; Layers: string[] }> {
  const r = await runOk('skopeo', ['inspect', '--tls-verify=false', `docker://${ref}`]);
  return JSON.parse(r.stdout) as { Digest: string; Layers: string[] };
}

function* pieces(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('push building blocks', () => {
  it('pushes an image to a new repository with a monolithic, a chunked and a mounted layer', async () => {
    const src = seeded.images['busybox:1.35-amd64'];
    const [l0, l1, l2] = src.layers;
    if (!l0 || !l1 || !l2 || !src.configDigest) throw new Error('seeded image lacks layers or config');
    const repo = 'pushed/busybox';

    expect(await statBlob(client, repo, l0.digest, { forPush: true })).toBeUndefined();

    const b0 = await fetchBlobBytes(client, 'busybox', l0);
    expect(await uploadMonolithic(client, repo, l0, b0)).toBe(l0.digest);

    const b1 = await fetchBlobBytes(client, 'busybox', l1);
    const progress: number[] = [];
    const d1 = await uploadChunked(client, repo, l1, pieces(b1, 10_000), { chunkSize: 64 * 1024, onProgress: (p) => progress.push(p.current) });
    expect(d1).toBe(l1.digest);
    expect(progress.at(-1)).toBe(l1.size);
    expect(progress.length).toBe(Math.ceil(l1.size / (64 * 1024)));

    expect(await mountBlob(client, repo, l2.digest, 'busybox')).toEqual({ mounted: true });

    const configBytes = await fetchBlobBytes(client, 'busybox', { digest: src.configDigest });
    await uploadMonolithic(client, repo, { digest: src.configDigest, size: configBytes.length }, configBytes);

    for (const l of [l0, l1, l2]) expect(await statBlob(client, repo, l.digest)).toEqual({ size: l.size });

    const manifest = await getManifest(client, manifestTarget(parseNormalizedNamed(`${reg.host}/busybox:1.35-amd64`)));
    const digest = await putManifest(client, repo, 'v1', { bytes: manifest.bytes, mediaType: manifest.mediaType });
    expect(digest).toBe(src.digest);

    const seen = await skopeoInspect(`${reg.host}/${repo}:v1`);
    expect(seen.Digest).toBe(src.digest);
    expect(seen.Layers).toEqual([l0.digest, l1.digest, l2.digest]);
  });

  it('falls back to an upload session (202) when the mount source lacks the blob', async () => {
    const data = Buffer.from(`berth mount fallback ${Date.now()}\n`);
    const blob = { digest: digestOf(data), size: data.length };
    const r = await mountBlob(client, 'pushed/fallback', blob.digest, 'no/such-repo');
    expect(r.mounted).toBe(false);
    if (r.mounted) return;
    expect(await uploadMonolithic(client, 'pushed/fallback', blob, data, { session: r.session })).toBe(blob.digest);
    const back = await fetchBlobBytes(client, 'pushed/fallback', blob);
    expect(back.equals(data)).toBe(true);
  });

  it('refuses an upload whose digest does not match its bytes', async () => {
    const data = Buffer.from('these bytes are not what the digest says\n');
    const wrong = digestOf(Buffer.from('something else'));
    await expect(uploadMonolithic(client, 'pushed/bad', { digest: wrong, size: data.length }, data)).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
    });
  });

  it('pushes an index with PUT by tag and reads it back through skopeo', async () => {
    const idx = await getManifest(client, manifestTarget(parseNormalizedNamed(`${reg.host}/busybox:1.35`)));
    // same repository: the child manifests are already there
    const digest = await putManifest(client, 'busybox', 'copied-index', { bytes: idx.bytes, mediaType: idx.mediaType });
    expect(digest).toBe(idx.digest);
    const r = await runOk('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reg.host}/busybox:copied-index`]);
    expect(digestOf(Buffer.from(r.stdout))).toBe(idx.digest);
  });
});
