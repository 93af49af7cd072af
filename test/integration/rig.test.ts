// Proves the real-peer test rig: the registry fixture, the seeded images, basic
// auth, clean stops, and the Docker-API engines (or their reasons for skipping).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { engineApi, startDockerd, startPodmanService, type EngineHandle } from '../fixtures/engine';
import { buildImageLayout, LAYOUT_TAGS, MEDIA_TYPES, SEEDED_NAMES, seedImages, type SeededImages } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { freePort, isAlive, run, runOk, tempDir } from '../fixtures/tools';

const sha256 = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;

/** skopeo against the plain-HTTP test registry; --insecure-policy keeps it off the machine's policy.json. */
function skopeo(args: string[]): ReturnType<typeof run> {
  return run('skopeo', ['--insecure-policy', ...args], { timeoutMs: 60_000 });
}

async function rawManifest(ref: string, creds?: string): Promise<string> {
  const r = await skopeo(['inspect', '--raw', '--tls-verify=false', ...(creds ? ['--creds', creds] : []), `docker://${ref}`]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('registry fixture with seeded images', () => {
  let reg: RegistryHandle;
  let seeded: SeededImages;

  beforeAll(async () => {
    reg = await startRegistry();
    seeded = await seedImages(reg);
    console.info(
      `[rig] seedImages: layout ${seeded.cached ? 'from cache' : 'built'} in ${seeded.buildMs} ms, pushed in ${seeded.pushMs} ms`,
    );
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('answers /v2/ on a loopback port as a distribution registry', async () => {
    expect(reg.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(reg.url).toBe(`http://${reg.host}`);
    const res = await fetch(`${reg.url}/v2/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
  });

  it('serves every seeded image under the digest and media type recorded', async () => {
    expect(Object.keys(seeded.images).sort()).toEqual([...SEEDED_NAMES].sort());
    for (const name of SEEDED_NAMES) {
      const img = seeded.images[name];
      expect(img.ref).toBe(`${reg.host}/${name}`);
      const raw = await rawManifest(img.ref);
      expect(sha256(raw), name).toBe(img.digest);
      expect(raw.length).toBe(img.manifestSize);
      // umoci leaves mediaType out of OCI manifests (optional in the spec), so the
      // registry's Content-Type is the authority, as it is for any client.
      const res = await fetch(`${reg.url}/v2/${img.repo}/manifests/${img.tag}`, {
        method: 'HEAD',
        headers: { Accept: Object.values(MEDIA_TYPES).join(', ') },
      });
      expect(res.headers.get('content-type'), name).toBe(img.mediaType);
      expect(res.headers.get('docker-content-digest'), name).toBe(img.digest);
    }
  });

  it('records the expected kinds: OCI manifests and index, Docker schema2 manifest and list', () => {
    const mt = (n: (typeof SEEDED_NAMES)[number]): string => seeded.images[n].mediaType;
    expect(mt('busybox:1.35-amd64')).toBe(MEDIA_TYPES.ociManifest);
    expect(mt('busybox:1.35-arm64')).toBe(MEDIA_TYPES.ociManifest);
    expect(mt('peers/nested/busybox:1.35-amd64')).toBe(MEDIA_TYPES.ociManifest);
    expect(mt('busybox:1.35')).toBe(MEDIA_TYPES.ociIndex);
    expect(mt('busybox:latest')).toBe(MEDIA_TYPES.ociIndex);
    expect(mt('busybox:1.35-amd64-v2s2')).toBe(MEDIA_TYPES.dockerManifest);
    expect(mt('busybox:1.35-v2s2')).toBe(MEDIA_TYPES.dockerList);
    // same content, different manifests
    expect(seeded.images['busybox:1.35-amd64-v2s2'].digest).not.toBe(seeded.images['busybox:1.35-amd64'].digest);
    expect(seeded.images['busybox:1.35-amd64-v2s2'].configDigest).toBe(seeded.images['busybox:1.35-amd64'].configDigest);
    expect(seeded.images['busybox:1.35-arm64'].digest).not.toBe(seeded.images['busybox:1.35-amd64'].digest);
  });

  it('single-platform images have the recorded config, 3 layers and pinned metadata', async () => {
    for (const name of SEEDED_NAMES) {
      const img = seeded.images[name];
      if (img.platforms) continue;
      const manifest = JSON.parse(await rawManifest(img.ref));
      expect(manifest.config.digest, name).toBe(img.configDigest);
      expect(manifest.layers.map((l: { digest: string }) => l.digest)).toEqual(img.layers.map((l) => l.digest));
      expect(img.layers).toHaveLength(3);
      expect(img.compressedBytes).toBe(img.layers.reduce((n, l) => n + l.size, 0));
      expect(img.uncompressedBytes).toBeGreaterThan(img.compressedBytes);

      const r = await skopeo(['inspect', '--config', '--raw', '--tls-verify=false', `docker://${img.ref}`]);
      expect(r.code, r.stderr).toBe(0);
      const config = JSON.parse(r.stdout);
      expect(sha256(r.stdout)).toBe(img.configDigest);
      expect(config.architecture).toBe(img.platform?.architecture);
      expect(config.variant).toBe(img.platform?.variant);
      expect(config.created).toBe('2024-01-01T00:00:04Z');
      expect(config.config.Cmd).toEqual(['sh']);
      expect(config.config.WorkingDir).toBe('/app');
      expect(config.config.Env).toContain('BERTH_TEST_IMAGE=busybox');
      expect(config.config.Labels['org.opencontainers.image.title']).toBe('busybox-test');
      expect(config.rootfs.diff_ids).toEqual(img.layers.map((l) => l.diffId));
    }
    expect(seeded.images['busybox:1.35-arm64'].platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(seeded.images['busybox:1.35-amd64'].platform).toEqual({ os: 'linux', architecture: 'amd64' });
  });

  it('the index and the manifest list name linux/amd64 and linux/arm64/v8', async () => {
    for (const name of ['busybox:1.35', 'busybox:latest', 'busybox:1.35-v2s2'] as const) {
      const img = seeded.images[name];
      const list = JSON.parse(await rawManifest(img.ref));
      const platforms = list.manifests.map((m: { platform: { os: string; architecture: string; variant?: string } }) =>
        [m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join('/'),
      );
      expect(platforms, name).toEqual(['linux/amd64', 'linux/arm64/v8']);
      expect(img.platforms?.map((p) => p.digest)).toEqual(list.manifests.map((m: { digest: string }) => m.digest));
    }
    const oci = seeded.images['busybox:1.35'].platforms ?? [];
    expect(oci.map((p) => p.digest)).toEqual([seeded.images['busybox:1.35-amd64'].digest, seeded.images['busybox:1.35-arm64'].digest]);
    // the schema2 list points at schema2 conversions of the two
    const v2 = seeded.images['busybox:1.35-v2s2'].platforms ?? [];
    expect(v2[0]?.digest).toBe(seeded.images['busybox:1.35-amd64-v2s2'].digest);
    expect(v2.every((p) => p.mediaType === MEDIA_TYPES.dockerManifest)).toBe(true);
  });

  it('every seeded image can be pulled in full (all platforms) with skopeo', async () => {
    const dest = await tempDir('berth-rig-pull');
    try {
      for (const name of SEEDED_NAMES) {
        const img = seeded.images[name];
        const r = await skopeo(['copy', '-q', '--all', '--src-tls-verify=false', `docker://${img.ref}`, `oci:${dest.path}:${name.replace(/[/:]/g, '_')}`]);
        expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      }
      for (const l of seeded.images['busybox:1.35-amd64'].layers) {
        expect(existsSync(`${dest.path}/blobs/sha256/${l.digest.slice(7)}`)).toBe(true);
      }
    } finally {
      await dest.remove();
    }
  });

  it('the catalog lists the plain and the nested repository', async () => {
    const res = await fetch(`${reg.url}/v2/_catalog`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { repositories: string[] }).repositories.sort()).toEqual(['busybox', 'peers/nested/busybox']);
  });

  it('seeding again (another registry) reuses the cached layout and gives the same digests', async () => {
    const other = await startRegistry();
    try {
      const again = await seedImages(other);
      console.info(`[rig] warm seedImages: layout from cache=${again.cached} in ${again.buildMs} ms, pushed in ${again.pushMs} ms`);
      expect(again.cached).toBe(true);
      for (const name of SEEDED_NAMES) expect(again.images[name].digest, name).toBe(seeded.images[name].digest);
    } finally {
      await other.stop();
    }
  });

  it('buildImageLayout leaves a layout skopeo reads, and a from-scratch build reproduces the digests', async () => {
    const copy = await tempDir('berth-rig-layout');
    const fresh = await tempDir('berth-rig-fresh');
    try {
      const cached = await buildImageLayout(copy.path);
      const rebuilt = await buildImageLayout(fresh.path, { noCache: true });
      console.info(`[rig] buildImageLayout from scratch: ${rebuilt.buildMs} ms`);
      expect(rebuilt.cached).toBe(false);
      for (const tag of LAYOUT_TAGS) {
        expect(rebuilt.images[tag].digest, tag).toBe(cached.images[tag].digest);
      }
      expect(cached.images['1.35-amd64'].digest).toBe(seeded.images['busybox:1.35-amd64'].digest);
      expect(cached.images['1.35'].digest).toBe(seeded.images['busybox:1.35'].digest);
      const r = await skopeo(['inspect', '--raw', `oci:${copy.path}:1.35-arm64`]);
      expect(r.code, r.stderr).toBe(0);
      expect(sha256(r.stdout)).toBe(cached.images['1.35-arm64'].digest);
    } finally {
      await copy.remove();
      await fresh.remove();
    }
  });
});

describe('registry fixture with htpasswd auth', () => {
  let reg: RegistryHandle;
  const user = { user: 'berth-tester', password: 'p4ss word!' };

  beforeAll(async () => {
    reg = await startRegistry({ htpasswd: user });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('refuses anonymous and wrong credentials, accepts the right ones', async () => {
    const anon = await fetch(`${reg.url}/v2/`);
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toBe('Basic realm="berth-test-registry"');
    const basic = (u: string, p: string): Record<string, string> => ({
      Authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
    });
    expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.user, 'wrong') })).status).toBe(401);
    expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.user, user.password) })).status).toBe(200);
    expect(reg.creds).toBe(`${user.user}:${user.password}`);
  });

  it('seeds with the credentials; skopeo needs them to read the images', async () => {
    const seeded = await seedImages(reg);
    const img = seeded.images['busybox:1.35-amd64'];
    const anon = await skopeo(['inspect', '--raw', '--tls-verify=false', '--no-creds', `docker://${img.ref}`]);
    expect(anon.code).not.toBe(0);
    expect(anon.stderr).toMatch(/unauthorized|authentication required/i);
    expect(sha256(await rawManifest(img.ref, reg.creds))).toBe(img.digest);
  });
});

describe('registry stop()', () => {
  it('kills the registry by its PID, closes its port and removes its storage', async () => {
    const reg = await startRegistry();
    expect(isAlive(reg.pid)).toBe(true);
    expect(await portAccepts(reg.port)).toBe(true);
    expect(existsSync(reg.dir)).toBe(true);
    await reg.stop();
    expect(isAlive(reg.pid)).toBe(false);
    expect(await portAccepts(reg.port)).toBe(false);
    expect(existsSync(reg.dir)).toBe(false);
    await reg.stop(); // twice is harmless
  });

  it('starts several registries side by side on different ports', async () => {
    const regs = await Promise.all([startRegistry(), startRegistry(), startRegistry()]);
    try {
      expect(new Set(regs.map((r) => r.port)).size).toBe(3);
      for (const r of regs) expect((await fetch(`${r.url}/v2/`)).status).toBe(200);
    } finally {
      await Promise.all(regs.map((r) => r.stop()));
    }
  });
});

describe('Docker-API engine fixtures', () => {
  let reg: RegistryHandle;
  let seeded: SeededImages;

  beforeAll(async () => {
    reg = await startRegistry();
    seeded = await seedImages(reg);
  });
  afterAll(async () => {
    await reg?.stop();
  });

  /** Pulls the amd64 image through the engine's API and checks what the engine reports for it. */
  async function pullAndList(engine: EngineHandle): Promise<void> {
    const img = seeded.images['busybox:1.35-amd64'];
    const ping = await engineApi(engine, 'GET', '/_ping');
    expect(ping.body).toBe('OK');
    const pull = await engineApi(engine, 'POST', `/v1.41/images/create?fromImage=${encodeURIComponent(`${reg.host}/busybox`)}&tag=1.35-amd64`);
    expect(pull.status, pull.body).toBe(200);
    expect(pull.body).not.toMatch(/"error"/);
    const list = await engineApi(engine, 'GET', '/v1.41/images/json');
    const images = JSON.parse(list.body) as { Id: string; RepoTags: string[]; RepoDigests: string[] }[];
    const found = images.find((i) => i.RepoTags?.includes(img.ref));
    expect(found, list.body).toBeDefined();
    expect(found?.Id).toBe(img.configDigest);
    expect(found?.RepoDigests).toContain(`${reg.host}/busybox@${img.digest}`);
  }

  async function checkEngine(
    start: () => ReturnType<typeof startDockerd>,
    ctx: TestContext,
  ): Promise<void> {
    const engine = await start();
    if ('skipped' in engine) {
      console.warn(`[rig] SKIPPED: ${engine.skipped}`);
      return ctx.skip(engine.skipped);
    }
    try {
      expect(engine.socket.startsWith('/tmp/')).toBe(true);
      expect(engine.dockerHost).toBe(`unix://${engine.socket}`);
      await pullAndList(engine);
    } finally {
      await engine.stop();
    }
    expect(isAlive(engine.pid)).toBe(false);
    expect(existsSync(engine.socket)).toBe(false);
  }

  it('dockerd starts on its own socket and pulls from the test registry (or skips, saying why)', async (ctx) => {
    await checkEngine(startDockerd, ctx);
  });

  it('podman system service starts on its own socket and pulls from the test registry (or skips, saying why)', async (ctx) => {
    await checkEngine(() => startPodmanService({ insecureRegistries: [reg.host] }), ctx);
  });
});

describe('tool helpers', () => {
  it('run() collects output and exit code, and kills a command that overruns its timeout', async () => {
    const ok = await run('sh', ['-c', 'cat; echo err >&2; exit 3'], { input: 'in' });
    expect(ok).toMatchObject({ code: 3, stdout: 'in', stderr: 'err\n', timedOut: false });
    const t0 = Date.now();
    const slow = await run('sleep', ['30'], { timeoutMs: 200 });
    expect(slow).toMatchObject({ code: null, signal: 'SIGKILL', timedOut: true });
    expect(Date.now() - t0).toBeLessThan(10_000);
    await expect(runOk('sh', ['-c', 'echo nope >&2; exit 1'])).rejects.toThrow(/exit 1\nnope/);
  });

  it('freePort() gives a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    const srv = createServer();
    await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((r) => srv.close(r));
  });

  it('tempDir() makes an empty dir under /tmp and remove() deletes it', async () => {
    const d = await tempDir('berth-rig-tools');
    expect(d.path.startsWith('/tmp/berth-rig-tools-')).toBe(true);
    expect(existsSync(d.path)).toBe(true);
    await d.remove();
    expect(existsSync(d.path)).toBe(false);
  });
});
