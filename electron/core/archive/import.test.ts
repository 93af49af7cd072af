import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256, tarOf, tempStore } from '../store/testing/build';
import { importRootfs } from './import';

let t: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => (t = await tempStore()));
afterEach(async () => t.cleanup());

const require = createRequire(import.meta.url);
const installed = (pkg: string): boolean => {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
};

async function* once(b: Buffer): AsyncIterable<Uint8Array> {
  yield b;
}

/** A stand-in for OpenVZ's ubuntu-14.04-x86_64-minimal.tar.gz: a tiny root filesystem, gzip'd, with ./ names. */
async function openvzTemplate(): Promise<{ tar: Buffer; gz: Buffer }> {
  const tar = await tarOf([
    { name: './', type: 'directory' },
    { name: './bin/', type: 'directory' },
    { name: './bin/bash', content: '#!fake bash\n' },
    { name: './bin/sh', type: 'symlink', linkname: 'bash' },
    { name: './etc/lsb-release', content: 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\n' },
  ]);
  return { tar, gz: gzipSync(tar) };
}

describe('import', () => {
  it('makes a one-layer image from an OpenVZ-style template, tagged ubuntu:14.04', async () => {
    const { tar, gz } = await openvzTemplate();
    const before = Date.now();
    const r = await importRootfs(t.store, { source: { stream: once(gz) }, reference: 'ubuntu:14.04', changes: ['CMD ["/bin/bash"]'], platform: 'linux/arm64' });
    expect(r.tag).toBe('docker.io/library/ubuntu:14.04');
    const img = (await t.store.snapshot()).byTag.get('docker.io/library/ubuntu:14.04')!;
    expect(img.id).toBe(r.id);
    expect(img.layers.map((l) => [l.digest, l.diffID, l.tarSize])).toEqual([[sha256(tar), sha256(tar), tar.length]]);
    expect(img.size).toBe('#!fake bash\n'.length + 'bash'.length + 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=14.04\n'.length);
    const config = JSON.parse((await t.store.blobs.read(r.id)).toString());
    expect(config).toMatchObject({
      architecture: 'arm64',
      os: 'linux',
      config: { Cmd: ['/bin/bash'] },
      comment: 'Imported from -',
      history: [{ comment: 'Imported from -' }],
      rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
    });
    expect(config.history[0].created).toBe(config.created);
    expect(Date.parse(config.created)).toBeGreaterThanOrEqual(before - 1000);
    expect(img.meta.lastTagTime).toBeDefined();
  });

  it('takes xz and zstd tarballs, a message, and no name', async () => {
    for (const [name, pkg] of [['rootfs.tar.xz', 'xz-decompress'], ['rootfs.tar.zst', 'fzstd']] as const) {
      if (!installed(pkg)) continue; // compression.test.ts checks the refusal without the package
      const r = await importRootfs(t.store, { source: { path: new URL(`./__fixtures__/${name}`, import.meta.url).pathname }, message: 'from a file' });
      const img = (await t.store.snapshot()).images.get(r.id)!;
      expect(r.tag).toBeNull();
      expect(img.tags).toEqual([]);
      expect(img.layers[0]!.diffID).toBe('sha256:149ea7be098ceda69d5ae49de8f607c21686acd6546e1ec400c370879e29e396');
      expect(JSON.parse((await t.store.blobs.read(r.id)).toString()).comment).toBe('from a file');
    }
  });

  it('refuses a bad change or name before reading, and a non-tar after, leaving the store as it was', async () => {
    const blobs = async () => (await t.store.blobs.list()).sort();
    const before = await blobs();
    const index = await readFile(`${t.dir}/index.json`, 'utf8');
    await expect(importRootfs(t.store, { source: { stream: once(Buffer.alloc(0)) }, changes: ['RUN true'] })).rejects.toThrow('RUN is not a valid change command');
    await expect(importRootfs(t.store, { source: { stream: once(Buffer.alloc(0)) }, reference: 'Bad/Name' })).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    await expect(importRootfs(t.store, { source: { stream: once(gzipSync(Buffer.alloc(4096, 'x'))) } })).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(await blobs()).toEqual(before);
    expect(await readFile(`${t.dir}/index.json`, 'utf8')).toBe(index);
  });
});
