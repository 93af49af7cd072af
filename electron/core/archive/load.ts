/**
 * docker load: reads a docker-archive or OCI archive (plain, gzip, xz or
 * zstd) as a stream, spools its entries, resolves the images it describes,
 * verifies every blob and layer, and only then records the images. Any
 * refusal leaves index.json untouched and removes the blobs it brought in.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { familiarString, parseNormalizedNamed } from '../reference';
import { crashPoint, createImage, type Store } from '../store';
import { removeUnclaimed } from './cleanup';
import { decompress } from './compression';
import { prepareDockerArchive } from './docker-format';
import { digestHexIn } from './entry-path';
import { withLimits, type ArchiveLimits } from './limits';
import { prepareOciArchive } from './oci-format';
import { corrupt, type PreparedImage } from './prepared';
import { Spool } from './spool';
import { readArchive } from './tar-reader';

export type ArchiveSource = { path: string } | { stream: AsyncIterable<Uint8Array>; size?: number };

export interface ArchiveProgress {
  /** Bytes of the (possibly compressed) archive read so far. */
  bytes?(current: number, total: number): void;
  /** A large entry (a layer, as a rule) streaming in: Docker's "Loading layer" line. */
  layer?(id: string, current: number, total: number): void;
  /** One of Docker's output lines ('Loaded image: foo:latest'). */
  message?(text: string): void;
}

export interface LoadOptions {
  limits?: Partial<ArchiveLimits>;
  signal?: AbortSignal;
  progress?: ArchiveProgress;
}

export interface LoadResult {
  images: Array<{ id: string; tags: string[] }>;
  messages: string[];
}

async function openSource(source: ArchiveSource): Promise<{ stream: AsyncIterable<Uint8Array>; size: number }> {
  if ('path' in source) return { stream: createReadStream(source.path, { highWaterMark: 1024 * 1024 }), size: (await stat(source.path)).size };
  return { stream: source.stream, size: source.size ?? 0 };
}

/** The source's bytes, reporting progress and honouring cancellation as they are read. */
export async function readSource(
  source: ArchiveSource,
  opts: { signal?: AbortSignal; progress?: ArchiveProgress },
): Promise<AsyncIterable<Uint8Array>> {
  const { stream, size } = await openSource(source);
  let read = 0;
  return (async function* counted() {
    for await (const c of stream) {
      opts.signal?.throwIfAborted();
      read += c.length;
      opts.progress?.bytes?.(read, size);
      yield c;
    }
  })();
}

export async function loadArchive(store: Store, source: ArchiveSource, opts: LoadOptions = {}): Promise<LoadResult> {
  const limits = withLimits(opts.limits);
  const spool = new Spool(store, store.lease(), limits, opts.signal);
  try {
    await scan(spool, source, limits, opts);
    const prepared = await prepare(spool, limits);
    crashPoint('load.prepared');
    return await record(store, prepared, spool, opts.progress);
  } finally {
    await spool.lease.release();
    await removeUnclaimed(store, spool.created);
  }
}

async function scan(spool: Spool, source: ArchiveSource, limits: ArchiveLimits, opts: LoadOptions): Promise<void> {
  const { stream: tarStream } = await decompress(await readSource(source, opts), limits, 'archive');
  const entryProgress = {
    entry: (path: string, current: number, total: number) => opts.progress?.layer?.((digestHexIn(path) ?? path).slice(0, 12), current, total),
  };
  await readArchive(tarStream, limits, async (e) => {
    if (e.kind === 'link') spool.links.set(e.path, e.target);
    else await spool.add(e.path, e.size, e.body, entryProgress);
    crashPoint('load.entry-read');
  });
}

function prepare(spool: Spool, limits: ArchiveLimits): Promise<PreparedImage[]> {
  if (spool.resolve('manifest.json')) return prepareDockerArchive(spool, limits, 'manifest.json');
  if (spool.resolve('index.json')) return prepareOciArchive(spool, limits, 'index.json');
  throw corrupt('does not contain a manifest.json');
}

/** Records the images, printing what Docker prints: moved tags, then 'Loaded image' lines. */
async function record(store: Store, images: PreparedImage[], spool: Spool, progress?: ArchiveProgress): Promise<LoadResult> {
  const messages: string[] = [];
  const say = (text: string): void => {
    messages.push(text);
    progress?.message?.(text);
  };
  const before = await store.snapshot();
  const owner = new Map<string, string>([...before.byTag].map(([tag, img]) => [tag, img.id]));
  const base = { manifest: Buffer.alloc(0), config: Buffer.alloc(0), lease: spool.lease, recordTagTime: true };
  for (const img of images) {
    const input = { ...base, manifest: img.manifest, config: img.config, layers: img.layers, ...(img.index ? { index: img.index } : {}) };
    if (img.tags.length === 0) await createImage(store, input);
    for (const tag of img.tags) {
      const old = owner.get(tag);
      const familiar = familiarString(parseNormalizedNamed(tag));
      if (old !== undefined && old !== img.id) say(`The image ${familiar} already exists, renaming the old one with ID ${old} to empty string`);
      await createImage(store, { ...input, tag });
      crashPoint('load.image-recorded');
      owner.set(tag, img.id);
      say(`Loaded image: ${familiar}`);
    }
  }
  // Docker lists IDs only when the archive named no image at all.
  if (images.every((i) => i.tags.length === 0)) for (const img of images) say(`Loaded image ID: ${img.id}`);
  return { images: images.map((i) => ({ id: i.id, tags: i.tags })), messages };
}
