// The real `berth` CLI (bin/berth.mjs from source) against a real store that
// skopeo filled from the test images' OCI layout. Expected values come from the
// layout (digests, sizes, created dates), never from the code under test.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/service';
import { buildImageLayout, type ImageLayout } from '../fixtures/images';
import { run, runOk, tempDir, type TempDir } from '../fixtures/tools';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The store handlers are still being written; until images.list answers, these tests cannot run. */
async function storeHandlersReady(): Promise<boolean> {
  const dir = await tempDir('berth-cli-probe');
  try {
    const core = await createCore({ storePath: path.join(dir.path, 'store'), host: 'browser' });
    const r = await core.dispatch('images.list', {});
    await core.close();
    return r.ok || r.error.code !== 'UNSUPPORTED';
  } finally {
    await dir.remove();
  }
}

const handlersReady = await storeHandlersReady();

describe.skipIf(!handlersReady)('berth CLI on a real store', () => {
  let tmp: TempDir;
  let store: string;
  let layout: ImageLayout;

  function berth(args: string[], input?: string) {
    return run(process.execPath, [path.join(ROOT, 'bin/berth.mjs'), '--store', store, ...args], {
      cwd: ROOT,
      env: { ...process.env, BERTH_FROM_SOURCE: '1', TZ: 'UTC' },
      input,
      timeoutMs: 60_000,
    });
  }

  const amd64 = () => layout.images['1.35-amd64'];
  const short = (digest: string) => digest.slice('sha256:'.length, 'sha256:'.length + 12);

  async function config(): Promise<{ created: string; history?: unknown[] }> {
    const hex = amd64().configDigest!.slice('sha256:'.length);
    return JSON.parse(await readFile(path.join(layout.dir, 'blobs/sha256', hex), 'utf8')) as { created: string };
  }

  beforeAll(async () => {
    tmp = await tempDir('berth-cli-images');
    store = path.join(tmp.path, 'store');
    layout = await buildImageLayout(path.join(tmp.path, 'layout'));
    await runOk('skopeo', [
      '--insecure-policy',
      'copy',
      `oci:${layout.dir}:1.35-amd64`,
      `oci:${store}:docker.io/library/busybox:1.35-amd64`,
    ]);
  });

  afterAll(async () => {
    await tmp?.remove();
  });

  it('lists the image with Docker\'s columns, ID and size', async () => {
    const r = await berth(['images']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [header, row, ...rest] = r.stdout.split('\n');
    expect(header).toMatch(/^REPOSITORY {3,}TAG {3,}IMAGE ID {3,}CREATED {3,}SIZE$/);
    expect(rest).toEqual(['']);
    const cells = row!.split(/ {3,}/);
    expect(cells.slice(0, 3)).toEqual(['busybox', '1.35-amd64', short(amd64().configDigest!)]);
    expect(cells[3]).toMatch(/ ago$/);
    // SIZE is go-units %.3g of the image's Size, which store-dockerd.test.ts proves equal to dockerd's
    // (file bytes as overlay2 counts them, not the tar stream's 2,248,192 bytes).
    const size = Number((await berth(['inspect', '-f', '{{.Size}}', 'busybox:1.35-amd64'])).stdout);
    expect(size).toBeGreaterThan(1e6);
    expect(size).toBeLessThan(amd64().uncompressedBytes);
    expect(cells[4]).toBe(`${(size / 1e6).toPrecision(3)}MB`);
  });

  it('prints one ID per row for -q and full IDs with --no-trunc', async () => {
    expect((await berth(['images', '-q'])).stdout).toBe(`${short(amd64().configDigest!)}\n`);
    expect((await berth(['images', '--no-trunc', '--format', '{{.ID}}'])).stdout).toBe(`${amd64().configDigest}\n`);
  });

  it('prints CreatedAt as Go does and JSON rows with Docker\'s keys', async () => {
    const created = new Date((await config()).created);
    const goString = created.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC');
    const r = await berth(['images', '--format', 'json']);
    const row = JSON.parse(r.stdout) as Record<string, string>;
    expect(Object.keys(row)).toEqual([
      'Containers', 'CreatedAt', 'CreatedSince', 'Digest', 'ID', 'Repository', 'SharedSize', 'Size', 'Tag', 'UniqueSize', 'VirtualSize',
    ]);
    expect(row.CreatedAt).toBe(goString);
    expect(row.Repository).toBe('busybox');
  });

  it('tags, inspects with -f (missing images reported, the rest still printed) and untags', async () => {
    const tag = await berth(['tag', 'busybox:1.35-amd64', 'mine:1']);
    expect(tag).toMatchObject({ code: 0, stdout: '', stderr: '' });

    const insp = await berth(['inspect', '-f', '{{.Id}} {{.Os}}/{{.Architecture}}', 'mine:1', 'nosuch', 'busybox:1.35-amd64']);
    expect(insp.stdout).toBe(`${amd64().configDigest} linux/amd64\n${amd64().configDigest} linux/amd64\n`);
    expect(insp.stderr).toBe('Error response from daemon: No such image: nosuch:latest\n');
    expect(insp.code).toBe(1);

    const listed = await berth(['images', '--format', '{{.Repository}}:{{.Tag}}']);
    expect(listed.stdout.split('\n').sort()).toEqual(['', 'busybox:1.35-amd64', 'mine:1']);

    const rmi = await berth(['rmi', 'mine:1']);
    expect(rmi).toMatchObject({ code: 0, stdout: 'Untagged: mine:1\n', stderr: '' });
  });

  it('prints the inspect document as a 4-space indented array', async () => {
    const r = await berth(['image', 'inspect', 'busybox:1.35-amd64']);
    expect(r.code).toBe(0);
    const docs = JSON.parse(r.stdout) as { Id: string; RepoTags: string[] }[];
    expect(docs).toHaveLength(1);
    expect(docs[0]!.Id).toBe(amd64().configDigest);
    expect(docs[0]!.RepoTags).toEqual(['busybox:1.35-amd64']);
    expect(r.stdout).toBe(`${JSON.stringify(docs, null, 4)}\n`);
  });

  it('exits 64 for a template that does not parse', async () => {
    const r = await berth(['inspect', '-f', '{{.Id', 'busybox:1.35-amd64']);
    expect(r).toMatchObject({ code: 64, stdout: '', stderr: 'template parsing error: template: :1: unclosed action\n' });
  });

  it('shows the history, newest first, one row per config history entry', async () => {
    const r = await berth(['history', 'busybox:1.35-amd64']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^IMAGE {3,}CREATED {3,}CREATED BY {3,}SIZE {3,}COMMENT$/);
    expect(lines).toHaveLength(1 + ((await config()).history?.length ?? 0));
    expect(lines[1]!.startsWith(short(amd64().configDigest!))).toBe(true);
  });

  it('keeps rmi -f quiet about missing images but not about their absence', async () => {
    const r = await berth(['rmi', '-f', 'nosuch']);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: 'Error response from daemon: No such image: nosuch:latest\n' });
    expect((await berth(['rmi', 'nosuch'])).code).toBe(1);
  });

  it('asks before pruning and does nothing when declined', async () => {
    const declined = await berth(['image', 'prune'], 'n\n');
    expect(declined).toMatchObject({
      code: 0,
      stdout: 'WARNING! This will remove all dangling images.\nAre you sure you want to continue? [y/N] ',
    });
    const forced = await berth(['image', 'prune', '-f']);
    expect(forced).toMatchObject({ code: 0, stdout: 'Total reclaimed space: 0B\n' });
    expect((await berth(['images', '-q'])).stdout).toBe(`${short(amd64().configDigest!)}\n`);
  });

  it('finds the store sound', async () => {
    const r = await berth(['fsck']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Checked \d+ blobs and \d+ references: no problems found\n$/);
  });
});
