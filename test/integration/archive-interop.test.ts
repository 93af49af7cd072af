// Save and load against real peers on the same image: archives written by
// `berth save` load in podman, skopeo and dockerd (20.10); archives written by
// docker save, podman save (docker-archive and oci-archive) and skopeo load
// into Berth. The image ID (config digest) must be the same everywhere.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArchive, saveToFile } from '../../electron/core/archive';
import { Store } from '../../electron/core/store';
import { engineApi, startDockerd, type EngineHandle, type EngineSkipped } from '../fixtures/engine';
import { buildImageLayout, type ImageLayout } from '../fixtures/images';
import { run, runOk, tempDir, type TempDir } from '../fixtures/tools';

const BERTH = join(import.meta.dirname, '../../bin/berth.mjs');
let work: TempDir;
let layout: ImageLayout;
let store: Store;
let id: string;
let docker: EngineHandle | EngineSkipped;

const p = (name: string): string => join(work.path, name);
const podman = (args: string[]) =>
  run('podman', ['--root', p('podman/root'), '--runroot', p('podman/run'), '--tmpdir', p('podman/tmp'), '--storage-driver', 'vfs', '--events-backend', 'file', '--cgroup-manager', 'cgroupfs', ...args]);
const skopeo = (args: string[]) => runOk('skopeo', ['--insecure-policy', ...args]);

async function freshStore(name: string): Promise<Store> {
  return Store.open(p(name));
}

beforeAll(async () => {
  work = await tempDir('berth-archive-interop');
  layout = await buildImageLayout(p('layout'));
  await skopeo(['copy', '-q', `oci:${layout.dir}:1.35-amd64`, `oci:${p('store')}:docker.io/library/busybox:1.35`]);
  store = await Store.open(p('store'));
  id = (await store.snapshot()).byTag.get('docker.io/library/busybox:1.35')!.id;
  docker = await startDockerd();
  if ('skipped' in docker) console.warn(`[archive-interop] dockerd parts skipped: ${docker.skipped}`);
}, 300_000);

afterAll(async () => {
  store?.close();
  if (docker && 'stop' in docker) await docker.stop();
  await work?.remove();
});

describe('berth save → peers', () => {
  it('podman loads the docker-archive with the same image ID', async (ctx) => {
    const probe = await run('podman', ['--version']);
    if (probe.code !== 0) return ctx.skip('podman is not installed');
    const file = p('berth-docker.tar');
    await saveToFile(store, ['busybox:1.35'], file);
    const load = await podman(['load', '-i', file]);
    expect(load.stderr + load.stdout).toContain('Loaded image: docker.io/library/busybox:1.35');
    expect((await podman(['image', 'inspect', '--format', '{{.ID}}', 'docker.io/library/busybox:1.35'])).stdout.trim()).toBe(id.slice(7));
  });

  it('skopeo reads both formats: the same config, and for OCI the same manifest digest', async () => {
    const dockerFile = p('berth-skopeo.tar');
    await saveToFile(store, ['busybox:1.35'], dockerFile);
    const raw = JSON.parse((await skopeo(['inspect', '--raw', `docker-archive:${dockerFile}`])).stdout);
    expect(raw.config.digest).toBe(id);
    await skopeo(['copy', '-q', `docker-archive:${dockerFile}`, `oci:${p('from-berth')}:x`]);
    const ociFile = p('berth-oci.tar');
    await saveToFile(store, ['busybox:1.35'], ociFile, { format: 'oci' });
    const inspect = JSON.parse((await skopeo(['inspect', `oci-archive:${ociFile}`])).stdout);
    const ours = (await store.snapshot()).byTag.get('docker.io/library/busybox:1.35')!;
    expect(inspect.Digest).toBe(ours.manifestDigest);
    expect(JSON.parse((await skopeo(['inspect', '--raw', `oci-archive:${ociFile}`])).stdout).config.digest).toBe(id);
  });

  it('dockerd loads it and reports the same ID', async (ctx) => {
    if ('skipped' in docker) return ctx.skip(`dockerd unavailable: ${docker.skipped}`);
    const file = p('berth-dockerd.tar');
    await saveToFile(store, ['busybox:1.35'], file);
    const r = await engineApi(docker, 'POST', '/v1.41/images/load?quiet=1', { body: await readFile(file), headers: { 'Content-Type': 'application/x-tar' } });
    expect(r.body).toContain('Loaded image: busybox:1.35');
    expect(JSON.parse((await engineApi(docker, 'GET', '/v1.41/images/busybox:1.35/json')).body).Id).toBe(id);
  });

  it('the CLI streams a save to stdout and loads from stdin', async () => {
    const file = p('cli.tar');
    await runOk('sh', ['-c', `node "$1" --store "$2" save busybox:1.35 > "$3"`, 'sh', BERTH, p('store'), file], { env: { ...process.env, BERTH_FROM_SOURCE: '1' } });
    const other = await freshStore('cli-load');
    const out = await runOk('sh', ['-c', `node "$1" --store "$2" load < "$3"`, 'sh', BERTH, p('cli-load'), file], { env: { ...process.env, BERTH_FROM_SOURCE: '1' } });
    expect(out.stdout).toBe('Loaded image: busybox:1.35\n');
    expect((await other.snapshot()).byTag.get('docker.io/library/busybox:1.35')?.id).toBe(id);
    other.close();
  });
});

describe('peers → berth load', () => {
  const loadsSame = async (file: string, expectTag = 'docker.io/library/busybox:1.35') => {
    const s = await freshStore(`load-${file.replace(/\W/g, '_')}`);
    try {
      const r = await loadArchive(s, { path: file });
      expect(r.images.map((i) => i.id)).toEqual([id]);
      expect((await s.snapshot()).byTag.get(expectTag)?.id).toBe(id);
      expect((await s.fsck()).problems).toEqual([]);
      return r;
    } finally {
      s.close();
    }
  };

  it('skopeo docker-archive (legacy layout with symlinked layers) and oci-archive', async () => {
    await skopeo(['copy', '-q', `oci:${layout.dir}:1.35-amd64`, `docker-archive:${p('sk.tar')}:busybox:1.35`]);
    expect((await loadsSame(p('sk.tar'))).messages).toEqual(['Loaded image: busybox:1.35']);
    await skopeo(['copy', '-q', `oci:${layout.dir}:1.35-amd64`, `oci-archive:${p('sk-oci.tar')}:busybox:1.35`]);
    await loadsSame(p('sk-oci.tar'));
  });

  it('podman save, docker-archive and oci-archive', async (ctx) => {
    if ((await podman(['image', 'exists', 'docker.io/library/busybox:1.35'])).code !== 0) return ctx.skip('podman has no image (its load test was skipped)');
    for (const format of ['docker-archive', 'oci-archive']) {
      const file = p(`podman-${format}.tar`);
      const r = await podman(['save', '--format', format, '-o', file, 'docker.io/library/busybox:1.35']);
      expect(r.code, r.stderr).toBe(0);
      await loadsSame(file);
    }
  });

  it('docker save', async (ctx) => {
    if ('skipped' in docker) return ctx.skip(`dockerd unavailable: ${docker.skipped}`);
    const file = p('docker-save.tar');
    await runOk('docker', ['-H', docker.dockerHost, 'save', '-o', file, 'busybox:1.35']);
    await loadsSame(file);
  });
});
