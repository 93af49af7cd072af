// `berth pull` end to end against a real distribution registry seeded by
// skopeo: every kind of seeded image lands in the store with Docker's IDs,
// RepoDigests and output lines, and skopeo reads the result. Expected values
// come from the seeded layout, never from the code under test.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/testing/run-cli';
import { seedImages, type SeededImage, type SeededImages } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { runOk, tempDir, type TempDir } from '../fixtures/tools';

let reg: RegistryHandle;
let seeded: SeededImages;
let home: TempDir;
let stores = 0;

beforeAll(async () => {
  [reg, home] = await Promise.all([startRegistry(), tempDir('berth-pull-registry')]);
  seeded = await seedImages(reg);
});

afterAll(async () => {
  await reg?.stop();
  await home?.remove();
});

const freshStore = (): string => join(home.path, `store-${++stores}`);
const berth = (store: string, argv: string[]) => runCli(argv, { env: { BERTH_STORE: store } });
const short = (digest: string): string => digest.slice(7, 19);
const img = (name: keyof SeededImages['images']): SeededImage => seeded.images[name];

async function inspect(store: string, ref: string, template: string): Promise<string> {
  const r = await berth(store, ['image', 'inspect', '-f', template, ref]);
  expect(r.stderr).toBe('');
  return r.stdout.trim();
}

/** Lines per layer ID, in order, and the other lines. */
function byLayer(stdout: string): { layers: Map<string, string[]>; other: string[] } {
  const layers = new Map<string, string[]>();
  const other: string[] = [];
  for (const line of stdout.trimEnd().split('\n')) {
    const m = /^([0-9a-f]{12}): (.*)$/.exec(line);
    if (m) layers.set(m[1]!, [...(layers.get(m[1]!) ?? []), m[2]!]);
    else other.push(line);
  }
  return { layers, other };
}

describe('berth pull of each seeded image', () => {
  const cases: { name: keyof SeededImages['images']; platform?: string; image: keyof SeededImages['images'] }[] = [
    { name: 'busybox:1.35-amd64', image: 'busybox:1.35-amd64' },
    { name: 'busybox:1.35-amd64-v2s2', image: 'busybox:1.35-amd64' },
    { name: 'busybox:1.35', platform: 'linux/amd64', image: 'busybox:1.35-amd64' },
    { name: 'busybox:1.35', platform: 'linux/arm64', image: 'busybox:1.35-arm64' },
    { name: 'busybox:1.35-v2s2', platform: 'linux/arm64/v8', image: 'busybox:1.35-arm64' },
    { name: 'peers/nested/busybox:1.35-amd64', image: 'busybox:1.35-amd64' },
  ];
  for (const c of cases) {
    it(`${c.name}${c.platform ? ` --platform ${c.platform}` : ''}: Docker's lines, ID = config digest, RepoDigest, readable by skopeo`, async () => {
      const store = freshStore();
      const ref = `${reg.host}/${c.name}`;
      const top = img(c.name);
      const platformImage = img(c.image);
      const r = await berth(store, ['pull', ...(c.platform ? ['--platform', c.platform] : []), ref]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const tag = c.name.slice(c.name.lastIndexOf(':') + 1);
      const { layers, other } = byLayer(r.stdout);
      expect(other).toEqual([
        `${tag}: Pulling from ${top.repo}`,
        `Digest: ${top.digest}`,
        `Status: Downloaded newer image for ${ref}`,
        ref,
      ]);
      // Non-TTY: only state transitions, every layer the same story, no byte counts.
      expect([...layers.keys()]).toEqual(platformImage.layers.map((l) => short(l.digest)));
      for (const lines of layers.values()) {
        expect(lines).toEqual(['Pulling fs layer', 'Verifying Checksum', 'Download complete', 'Pull complete']);
      }
      const pullComplete = r.stdout.split('\n').filter((l) => l.endsWith(': Pull complete'));
      expect(pullComplete).toEqual(platformImage.layers.map((l) => `${short(l.digest)}: Pull complete`));

      expect(await inspect(store, ref, '{{.Id}}')).toBe(platformImage.configDigest);
      expect(await inspect(store, ref, '{{json .RepoDigests}}')).toBe(JSON.stringify([`${reg.host}/${top.repo}@${top.digest}`]));
      expect(await inspect(store, ref, '{{.Architecture}}')).toBe(platformImage.platform!.architecture);
      const images = await berth(store, ['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
      expect(images.stdout).toBe(`${reg.host}/${top.repo}:${tag} ${platformImage.configDigest!.slice(7, 19)}\n`);

      // skopeo's oci: transport only finds descriptors with OCI media types (index.json keeps the registry's type).
      if (top.mediaType.startsWith('application/vnd.oci.')) {
        const sk = await runOk('skopeo', ['inspect', '--override-arch', platformImage.platform!.architecture, `oci:${store}:${ref}`]);
        const info = JSON.parse(sk.stdout) as { Layers: string[]; Digest: string };
        expect(info.Layers).toEqual(platformImage.layers.map((l) => l.digest));
        expect(info.Digest).toBe(top.digest);
      }
      expect(await tempFiles(store)).toEqual([]);
      const fsck = await berth(store, ['fsck']);
      expect(fsck.code).toBe(0);
    });
  }
});

async function tempFiles(store: string): Promise<string[]> {
  return readdir(join(store, 'berth', 'tmp')).catch(() => []);
}

describe('pulling into a store that already has some of it', () => {
  it("says 'Already exists' for the sibling's shared layer and 'Image is up to date' the second time", async () => {
    const store = freshStore();
    const amd = img('busybox:1.35-amd64');
    const arm = img('busybox:1.35-arm64');
    expect((await berth(store, ['pull', `${reg.host}/busybox:1.35-amd64`])).code).toBe(0);
    const sibling = await berth(store, ['pull', `${reg.host}/busybox:1.35-arm64`]);
    expect(sibling.code).toBe(0);
    const shared = new Set(amd.layers.map((l) => l.digest));
    const { layers } = byLayer(sibling.stdout);
    expect(arm.layers.some((l) => shared.has(l.digest))).toBe(true);
    for (const l of arm.layers) {
      expect(layers.get(short(l.digest))).toEqual(
        shared.has(l.digest) ? ['Already exists'] : ['Pulling fs layer', 'Verifying Checksum', 'Download complete', 'Pull complete'],
      );
    }
    const again = await berth(store, ['pull', `${reg.host}/busybox:1.35-arm64`]);
    expect(again.stdout).toContain(`Status: Image is up to date for ${reg.host}/busybox:1.35-arm64\n`);
    expect([...byLayer(again.stdout).layers.values()].every((v) => v.join() === 'Already exists')).toBe(true);
    // Same image under a new tag: the tag is new, so Docker says "Downloaded newer image".
    const latest = await berth(store, ['pull', '--platform', 'linux/arm64', `${reg.host}/busybox`]);
    expect(latest.stdout.split('\n').slice(0, 2)).toEqual(['Using default tag: latest', 'latest: Pulling from busybox']);
    expect(latest.stdout).toContain(`Status: Downloaded newer image for ${reg.host}/busybox:latest\n${reg.host}/busybox:latest\n`);
  });

  it('pulls every tag with -a and ends with one Status line for the name', async () => {
    const store = freshStore();
    const r = await berth(store, ['pull', '-a', '--platform', 'linux/amd64', `${reg.host}/busybox`]);
    expect(r.stderr).toBe('');
    const tags = Object.values(seeded.images).filter((i) => i.repo === 'busybox').map((i) => i.tag).sort();
    const { other } = byLayer(r.stdout);
    // In the registry's order (distribution's is not lexical): each tag once.
    expect(other.filter((l) => l.includes(': Pulling from ')).sort()).toEqual(tags.map((t) => `${t}: Pulling from busybox`).sort());
    expect(other.filter((l) => l.startsWith('Status: '))).toEqual([`Status: Downloaded newer image for ${reg.host}/busybox`]);
    expect(other.at(-1)).toBe(`${reg.host}/busybox`);
    const listed = await berth(store, ['images', '--format', '{{.Tag}}']);
    expect(listed.stdout.trim().split('\n').sort()).toEqual(tags);
  });

  it("-q prints only the reference; errors keep Docker's words and exit 1", async () => {
    const store = freshStore();
    const q = await berth(store, ['pull', '-q', `${reg.host}/busybox:1.35-amd64`]);
    expect(q).toEqual({ code: 0, stdout: `${reg.host}/busybox:1.35-amd64\n`, stderr: '' });
    const missing = await berth(store, ['pull', `${reg.host}/busybox:nope`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`Error response from daemon: manifest for ${reg.host}/busybox:nope not found: manifest unknown: manifest unknown\n`);
    const both = await berth(store, ['pull', '-a', `${reg.host}/busybox:1.35`]);
    expect(both).toMatchObject({ code: 1, stderr: "tag can't be used with --all-tags/-a\n" });
    const platform = await berth(store, ['pull', '--platform', 'linux/s390x', `${reg.host}/busybox:1.35`]);
    expect(platform.code).toBe(1);
    expect(platform.stdout).toBe('1.35: Pulling from busybox\n');
    expect(platform.stderr).toBe('no matching manifest for linux/s390x in the manifest list entries\n');
  });
});
