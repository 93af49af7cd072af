// The registry client against a real distribution registry seeded with
// skopeo: manifests of every kind, platform selection, verified blob
// downloads, tags and catalog pagination.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { seedImages, MEDIA_TYPES, type SeededImages } from '../fixtures/images';
import {
  RegistryClient,
  blobChunks,
  downloadBlob,
  getManifest,
  inspectRemote,
  listCatalog,
  listTags,
  manifestTarget,
  resolveImage,
  resolveManifest,
} from '../../electron/core/registry';
import { parseNormalizedNamed } from '../../electron/core/reference';
import type { BerthError } from '../../shared/errors';

let reg: RegistryHandle;
let seeded: SeededImages;
let client: RegistryClient;

beforeAll(async () => {
  reg = await startRegistry();
  seeded = await seedImages(reg);
  client = new RegistryClient({ host: reg.host, retry: { attempts: 2, delayMs: () => 50 } });
});

afterAll(async () => {
  await client?.close();
  await reg?.stop();
});

const target = (name: string) => manifestTarget(parseNormalizedNamed(`${reg.host}/${name}`));

describe('manifests from a real registry', () => {
  it('fetches every seeded image by tag with the digest and media type skopeo pushed', async () => {
    for (const [name, img] of Object.entries(seeded.images)) {
      const m = await getManifest(client, target(name));
      expect({ name, digest: m.digest, mediaType: m.mediaType, size: m.size }).toEqual({
        name,
        digest: img.digest,
        mediaType: img.mediaType,
        size: img.manifestSize,
      });
    }
  });

  it('resolves tags with HEAD to the same descriptors, and fetches by digest', async () => {
    const img = seeded.images['busybox:1.35-v2s2'];
    const d = await resolveManifest(client, target('busybox:1.35-v2s2'));
    expect(d).toEqual({ mediaType: MEDIA_TYPES.dockerList, digest: img.digest, size: img.manifestSize });
    const byDigest = await getManifest(client, target(`busybox@${img.digest}`));
    expect(byDigest.digest).toBe(img.digest);
  });

  it('selects each platform from the OCI index and the Docker manifest list', async () => {
    const amd = seeded.images['busybox:1.35-amd64'];
    const arm = seeded.images['busybox:1.35-arm64'];
    for (const tag of ['1.35', 'latest']) {
      const a = await resolveImage(client, target(`busybox:${tag}`), { platform: { os: 'linux', architecture: 'amd64' } });
      expect(a.root.digest).toBe(seeded.images['busybox:1.35'].digest);
      expect(a.manifest.digest).toBe(amd.digest);
      const b = await resolveImage(client, target(`busybox:${tag}`), { platform: { os: 'linux', architecture: 'arm64' } });
      expect(b.manifest.digest).toBe(arm.digest);
    }
    const list = await resolveImage(client, target('busybox:1.35-v2s2'), { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
    expect(list.root.mediaType).toBe(MEDIA_TYPES.dockerList);
    expect(list.chosen?.platform).toMatchObject({ architecture: 'arm64' });
    expect(list.manifest.mediaType).toBe(MEDIA_TYPES.dockerManifest);
  });

  it("says Docker's no matching manifest for a platform the index lacks", async () => {
    await expect(resolveImage(client, target('busybox:1.35'), { platform: { os: 'linux', architecture: 's390x' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no matching manifest for linux/s390x in the manifest list entries',
    });
  });

  it('reports an unknown tag and an unknown repository the way Docker does', async () => {
    const e1 = (await getManifest(client, target('busybox:nope')).catch((e: unknown) => e)) as BerthError;
    expect(e1.code).toBe('NOT_FOUND');
    expect(e1.message).toMatch(new RegExp(`^manifest for ${reg.host}/busybox:nope not found: manifest unknown`));
    // distribution answers MANIFEST_UNKNOWN for a repository it has never seen, and Docker shows it as such
    const e2 = (await getManifest(client, target('nosuch/repo:1')).catch((e: unknown) => e)) as BerthError;
    expect(e2.code).toBe('NOT_FOUND');
    expect(e2.message).toBe(`manifest for ${reg.host}/nosuch/repo:1 not found: manifest unknown: manifest unknown`);
    // the tags endpoint does say NAME_UNKNOWN, which Docker words as a pull denial
    const e3 = (await listTags(client, 'nosuch/repo', { name: `${reg.host}/nosuch/repo` }).catch((e: unknown) => e)) as BerthError;
    expect(e3.message).toBe(
      `pull access denied for ${reg.host}/nosuch/repo, repository does not exist or may require 'docker login': name unknown: repository name not known to registry`,
    );
  });

  it('fetches the nested-path repository', async () => {
    const m = await getManifest(client, target('peers/nested/busybox:1.35-amd64'));
    expect(m.digest).toBe(seeded.images['peers/nested/busybox:1.35-amd64'].digest);
  });

  it('inspects a remote multi-arch image as plain data', async () => {
    const info = await inspectRemote(client, target('busybox:1.35'), { platform: { os: 'linux', architecture: 'arm64' } });
    const arm = seeded.images['busybox:1.35-arm64'];
    expect(info.digest).toBe(seeded.images['busybox:1.35'].digest);
    expect(info.platforms?.map((p) => p.platform?.architecture)).toEqual(['amd64', 'arm64']);
    expect(info.manifest.digest).toBe(arm.digest);
    expect(info.id).toBe(arm.configDigest);
    expect(info.architecture).toBe('arm64');
    expect(info.variant).toBe('v8');
    expect(info.compressedSize).toBe(arm.compressedBytes);
    expect(info.labels['berth.test.layers']).toBe('3');
    expect(info.history.length).toBeGreaterThanOrEqual(3);
  });
});

describe('blobs', () => {
  it('downloads every layer of the amd64 image with verified digests and progress', async () => {
    const img = seeded.images['busybox:1.35-amd64'];
    for (const layer of img.layers) {
      const hash = createHash('sha256');
      let last = 0;
      const r = await downloadBlob(client, img.repo, layer, (c) => void hash.update(c), {
        onProgress: (p) => {
          expect(p.current).toBeGreaterThan(last);
          last = p.current;
        },
      });
      expect(r.size).toBe(layer.size);
      expect(last).toBe(layer.size);
      expect(`sha256:${hash.digest('hex')}`).toBe(layer.digest);
    }
  });

  it('refuses a blob whose expected size is wrong', async () => {
    const layer = seeded.images['busybox:1.35-amd64'].layers[2];
    if (!layer) throw new Error('seeded image has no third layer');
    const chunks = blobChunks(client, 'busybox', { digest: layer.digest, size: layer.size + 1 });
    await expect((async () => { for await (const _ of chunks) void _; })()).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
      message: `filesystem layer verification failed for digest ${layer.digest}`,
    });
  });
});

describe('listings', () => {
  it('lists every tag once, with or without a page size (which this registry may ignore)', async () => {
    const expected = Object.values(seeded.images).filter((i) => i.repo === 'busybox').map((i) => i.tag).sort();
    expect((await listTags(client, 'busybox')).sort()).toEqual(expected);
    expect((await listTags(client, 'busybox', { pageSize: 2 })).sort()).toEqual(expected);
    expect(await listTags(client, 'peers/nested/busybox', { pageSize: 1 })).toEqual(['1.35-amd64']);
  });

  it('walks the catalog one repository per page (n=1)', async () => {
    const all = await listCatalog(client, { pageSize: 1 });
    expect(all).toEqual(['busybox', 'peers/nested/busybox']);
    expect(await listCatalog(client, { pageSize: 1, maxPages: 1 })).toEqual(['busybox']);
  });
});
