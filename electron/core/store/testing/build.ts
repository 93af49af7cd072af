/**
 * Real images for tests: tar layers made with tar-stream, gzip'd with zlib,
 * configs and manifests written as registries serve them, stored through the
 * store's public API. Used by unit tests only.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { createImage, type CreatedImage } from '../create-image';
import { MEDIA } from '../oci';
import { Store } from '../store';

export type Entry =
  | { name: string; content: string | Buffer }
  | { name: string; type: 'directory' }
  | { name: string; type: 'symlink'; linkname: string }
  | { name: string; type: 'link'; linkname: string }
  /** Any other header tar-stream can write (devices, fifos, modes). */
  | { raw: Partial<tar.Header> & { name: string }; content?: Buffer };

export async function tarOf(entries: readonly Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    if ('raw' in e) {
      if (e.content) pack.entry(e.raw, e.content);
      else pack.entry(e.raw);
    }
    else if ('content' in e) pack.entry({ name: e.name, mtime: new Date(0) }, e.content);
    else if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory', mtime: new Date(0) });
    else pack.entry({ name: e.name, type: e.type, linkname: e.linkname, mtime: new Date(0) });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function sha256(b: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

export interface TestImageSpec {
  layers: Buffer[]; // uncompressed tars
  created?: string;
  labels?: Record<string, string>;
  tag?: string;
  repoDigest?: (manifestDigest: string) => string;
  history?: Array<{ created_by: string; empty_layer?: boolean; created?: string; comment?: string }>;
  architecture?: string;
  compress?: boolean;
  extraConfig?: Record<string, unknown>;
}

export interface TestImage extends CreatedImage {
  config: Buffer;
  manifest: Buffer;
  layerDigests: string[];
}

export async function addImage(store: Store, spec: TestImageSpec): Promise<TestImage> {
  const lease = store.lease();
  const blobs = spec.layers.map((t) => (spec.compress === false ? t : gzipSync(t)));
  const layerDigests: string[] = [];
  for (const b of blobs) layerDigests.push((await store.ingest(b, { lease })).digest);
  const config = Buffer.from(
    JSON.stringify({
      created: spec.created ?? '2024-01-01T00:00:00Z',
      architecture: spec.architecture ?? 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/bin'], Cmd: ['sh'], Labels: spec.labels },
      rootfs: { type: 'layers', diff_ids: spec.layers.map((t) => sha256(t)) },
      history: spec.history ?? spec.layers.map((_, i) => ({ created_by: `layer ${i}` })),
      ...spec.extraConfig,
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
      layers: blobs.map((b) => ({
        mediaType: spec.compress === false ? 'application/vnd.oci.image.layer.v1.tar' : 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: sha256(b),
        size: b.length,
      })),
    }),
  );
  const input: Parameters<typeof createImage>[1] = { manifest, config, lease };
  if (spec.tag) input.tag = spec.tag;
  if (spec.repoDigest) input.repoDigest = spec.repoDigest(sha256(manifest));
  try {
    const created = await createImage(store, input);
    return { ...created, config, manifest, layerDigests };
  } finally {
    await lease.release();
  }
}

export async function tempStore(): Promise<{ store: Store; dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-store-'));
  const store = await Store.open(dir);
  return {
    store,
    dir,
    cleanup: async () => {
      store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A one-file layer whose content makes it unique. */
export function fileLayer(name: string, content: string): Promise<Buffer> {
  return tarOf([{ name, content }]);
}
