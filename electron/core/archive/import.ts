/**
 * docker import: a root filesystem tarball (plain, gzip, xz or zstd) becomes
 * a one-layer image. The layer is stored uncompressed, so its digest is its
 * diffID; the config is Docker's for an import: the --change instructions
 * applied to an empty config, the platform, now as creation time, and
 * "Imported from -" (or the message) as comment and single history entry.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors';
import { hostPlatform, parsePlatform, type Platform } from '../platform';
import { formatReference, parseNormalizedNamed, withDefaultTag } from '../reference';
import { createImage, MEDIA, nowGoTime, type Store } from '../store';
import { measureStream } from '../store/layer-size';
import { applyChanges } from './changes';
import { removeUnclaimed } from './cleanup';
import { decompress } from './compression';
import { withLimits, type ArchiveLimits } from './limits';
import { readSource, type ArchiveSource, type ArchiveProgress } from './load';
import { LAYER_TAR } from './prepared';
import { tee } from './tee';

export interface ImportInput {
  source: ArchiveSource;
  /** REPOSITORY[:TAG] to tag the new image with. */
  reference?: string;
  changes?: readonly string[];
  message?: string;
  /** os[/arch[/variant]]; the host's by default. */
  platform?: string;
}

export interface ImportOptions {
  limits?: Partial<ArchiveLimits>;
  signal?: AbortSignal;
  progress?: ArchiveProgress;
}

export interface ImportResult {
  id: string;
  tag: string | null;
}

/** Checked before any byte is read, so a typo costs nothing. */
function plan(input: ImportInput): { tag: string | null; config: Record<string, unknown>; platform: Platform } {
  let tag: string | null = null;
  if (input.reference) {
    const ref = parseNormalizedNamed(input.reference);
    if (ref.digest !== null) throw new BerthError('INVALID_REFERENCE', `invalid reference: ${input.reference} (a digest cannot be a tag)`);
    tag = formatReference(withDefaultTag(ref));
  }
  const platform = input.platform ? parsePlatform(input.platform) : hostPlatform();
  return { tag, config: applyChanges(input.changes ?? []), platform };
}

export async function importRootfs(store: Store, input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const planned = plan(input);
  const limits = withLimits(opts.limits);
  const source = await readSource(input.source, opts);
  const lease = store.lease();
  const created = new Set<string>();
  try {
    const { stream: tarStream } = await decompress(source, limits, 'rootfs tarball');
    const { main, side } = tee(tarStream, (copy) => measureStream(copy as Readable, 'none'));
    const layer = await store.ingest(main, {
      lease,
      ...(opts.signal ? { signal: opts.signal } : {}),
      beforeCommit: async (d) => {
        if (!(await store.blobs.has(d))) created.add(d);
      },
    });
    const facts = await side;
    const config = Buffer.from(JSON.stringify(imageConfig(planned.config, planned.platform, layer.digest, input.message)));
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
      layers: [{ mediaType: LAYER_TAR, digest: layer.digest, size: layer.size }],
    }));
    const image = await createImage(store, {
      manifest,
      config,
      lease,
      layers: { [layer.digest]: { diffID: facts.diffID, size: facts.size, tarSize: facts.tarSize } },
      ...(planned.tag ? { tag: planned.tag, recordTagTime: true } : {}),
    });
    return { id: image.id, tag: planned.tag };
  } finally {
    await lease.release();
    await removeUnclaimed(store, created);
  }
}

function imageConfig(config: Record<string, unknown>, platform: Platform, diffID: string, message: string | undefined): Record<string, unknown> {
  const created = nowGoTime();
  const comment = message || 'Imported from -';
  return {
    architecture: platform.architecture,
    ...(platform.variant ? { variant: platform.variant } : {}),
    os: platform.os,
    config,
    created,
    comment,
    history: [{ created, comment }],
    rootfs: { type: 'layers', diff_ids: [diffID] },
  };
}

function sha256(b: Uint8Array): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}
