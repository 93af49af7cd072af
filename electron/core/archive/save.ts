/**
 * docker save: the selected images in one tar, in Docker Engine 25's layout
 * (OCI layout + manifest.json, layers uncompressed under their diffIDs) or,
 * with format 'oci', as an OCI archive with the blobs exactly as stored.
 * Images share blobs: each is written once. Metadata files carry the Unix
 * epoch as mtime, blobs the image's creation time, as Docker writes them.
 */
import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { familiarName, familiarString, parseNormalizedNamed } from '../reference';
import { MEDIA, type Store, type StoreImage } from '../store';
import { withLimits, type ArchiveLimits } from './limits';
import { uncompressedFacts, uncompressedLayer, verifiedBlob } from './layer-stream';
import { LAYER_TAR } from './prepared';
import { selectImages, type Selected } from './select';
import { TarWriter } from './tar-writer';

export type SaveFormat = 'docker' | 'oci';

export interface SaveOptions {
  format?: SaveFormat;
  limits?: Partial<ArchiveLimits>;
  signal?: AbortSignal;
  /** Archive bytes written so far, of `total` (known before the first byte). */
  onBytes?(written: number, total: number): void;
}

export interface SaveResult {
  images: Array<{ id: string; tags: string[] }>;
  bytes: number;
}

interface Planned {
  sel: Selected;
  layers: Array<{ layer: StoreImage['layers'][number]; diffID: string; tarSize: number }>;
  config: Buffer;
  manifest: Buffer;
}

const blobPath = (digest: string): string => `blobs/sha256/${digest.slice('sha256:'.length)}`;

function mtimeOf(image: StoreImage): Date {
  const t = Date.parse(image.config.created ?? '');
  return Number.isFinite(t) && t > 0 ? new Date(t) : new Date(0);
}

export async function saveImages(store: Store, refs: readonly string[], out: Writable, opts: SaveOptions = {}): Promise<SaveResult> {
  const limits = withLimits(opts.limits);
  const format = opts.format ?? 'docker';
  const selected = selectImages(await store.snapshot(), refs);
  const lease = store.lease();
  try {
    // Held for the whole write: an image untagged meanwhile must not lose its blobs to GC.
    for (const s of selected) await lease.add(s.image.id, s.image.manifestDigest, ...s.image.layers.map((l) => l.digest));
    const plans: Planned[] = [];
    for (const sel of selected) plans.push(await plan(store, sel, limits));
    const layout = format === 'docker' ? dockerLayout(store, plans, limits) : ociLayout(store, plans);
    const docs = layout.docs.map(([name, value]) => [name, Buffer.from(JSON.stringify(value))] as const);
    const total = [...layout.blobs, ...docs.map(([, b]) => b)].reduce((n, b) => n + ('size' in b ? b.size : b.length), 0);
    const writer = new TarWriter(out, (n) => opts.onBytes?.(n, total));
    try {
      await writeBlobs(writer, layout.blobs, opts.signal);
      for (const [name, bytes] of docs) await writer.file(name, bytes, bytes.length);
      await writer.finish();
    } catch (e) {
      writer.destroy(e as Error);
      throw e;
    }
    return { images: selected.map((s) => ({ id: s.image.id, tags: s.tags })), bytes: writer.written };
  } finally {
    await lease.release();
  }
}

async function plan(store: Store, sel: Selected, limits: ArchiveLimits): Promise<Planned> {
  const layers = [];
  for (const layer of sel.image.layers) layers.push({ layer, ...(await uncompressedFacts(store, layer, limits)) });
  return { sel, layers, config: await store.blobs.read(sel.image.id), manifest: await store.blobs.read(sel.image.manifestDigest) };
}

function once<T>(seen: Set<string>, key: string, items: T[], item: T): void {
  if (seen.has(key)) return;
  seen.add(key);
  items.push(item);
}

type Blob = { digest: string; size: number; mtime: Date; body: () => AsyncIterable<Uint8Array> | Uint8Array };

async function writeBlobs(writer: TarWriter, blobs: Blob[], signal?: AbortSignal): Promise<void> {
  for (const b of blobs) {
    signal?.throwIfAborted();
    await writer.file(blobPath(b.digest), b.body(), b.size, b.mtime);
  }
}

function tagAnnotations(tag: string, refName: string): Record<string, string> {
  return { 'io.containerd.image.name': tag, 'org.opencontainers.image.ref.name': refName };
}

interface Layout {
  blobs: Blob[];
  docs: Array<[string, unknown]>;
}

function dockerLayout(store: Store, plans: Planned[], limits: ArchiveLimits): Layout {
  const seen = new Set<string>();
  const blobs: Blob[] = [];
  const index: unknown[] = [];
  const manifestJson: unknown[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  for (const p of plans) {
    const mtime = mtimeOf(p.sel.image);
    for (const l of p.layers) {
      once(seen, l.diffID, blobs, { digest: l.diffID, size: l.tarSize, mtime, body: () => uncompressedLayer(store, l.layer, l, limits) });
    }
    once(seen, p.sel.image.id, blobs, { digest: p.sel.image.id, size: p.config.length, mtime, body: () => p.config });
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: p.sel.image.id, size: p.config.length },
      layers: p.layers.map((l) => ({ mediaType: LAYER_TAR, digest: l.diffID, size: l.tarSize })),
    }));
    const desc = { mediaType: MEDIA.ociManifest, digest: sha256(manifest), size: manifest.length };
    once(seen, desc.digest, blobs, { digest: desc.digest, size: manifest.length, mtime, body: () => manifest });
    if (p.sel.tags.length === 0) index.push(desc);
    for (const tag of p.sel.tags) {
      const ref = parseNormalizedNamed(tag);
      index.push({ ...desc, annotations: tagAnnotations(tag, ref.tag ?? 'latest') });
      const top = p.sel.image.layers.at(-1)?.chainID ?? p.sel.image.id;
      (repositories[familiarName(ref)] ??= {})[ref.tag ?? 'latest'] = top.slice('sha256:'.length);
    }
    manifestJson.push({
      Config: blobPath(p.sel.image.id),
      RepoTags: p.sel.tags.length ? p.sel.tags.map((t) => familiarString(parseNormalizedNamed(t))) : null,
      Layers: p.layers.map((l) => blobPath(l.diffID)),
    });
  }
  const docs: Layout['docs'] = [
    ['index.json', { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: index }],
    ['manifest.json', manifestJson],
    ['oci-layout', { imageLayoutVersion: '1.0.0' }],
  ];
  if (Object.keys(repositories).length) docs.push(['repositories', repositories]);
  return { blobs, docs };
}

function ociLayout(store: Store, plans: Planned[]): Layout {
  const seen = new Set<string>();
  const blobs: Blob[] = [];
  const index: unknown[] = [];
  for (const p of plans) {
    const img = p.sel.image;
    const mtime = mtimeOf(img);
    for (const l of img.layers) once(seen, l.digest, blobs, { digest: l.digest, size: l.blobSize, mtime, body: () => verifiedBlob(store, l.digest) });
    once(seen, img.id, blobs, { digest: img.id, size: p.config.length, mtime, body: () => p.config });
    once(seen, img.manifestDigest, blobs, { digest: img.manifestDigest, size: p.manifest.length, mtime, body: () => p.manifest });
    const mediaType = (JSON.parse(p.manifest.toString('utf8')) as { mediaType?: string }).mediaType ?? MEDIA.ociManifest;
    const desc = { mediaType, digest: img.manifestDigest, size: p.manifest.length };
    if (p.sel.tags.length === 0) index.push(desc);
    for (const tag of p.sel.tags) index.push({ ...desc, annotations: tagAnnotations(tag, familiarString(parseNormalizedNamed(tag))) });
  }
  const docs: Layout['docs'] = [
    ['index.json', { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: index }],
    ['oci-layout', { imageLayoutVersion: '1.0.0' }],
  ];
  return { blobs, docs };
}

function sha256(b: Uint8Array): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}
