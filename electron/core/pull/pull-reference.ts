/**
 * Pulls one tag or digest: manifest (platform picked from an index), config,
 * layers, then the image recorded with its tag, RepoDigest and pull time.
 * Docker's lines: "<tag>: Pulling from <path>", the layer lines, "Digest: …".
 */
import { BerthError } from '../../../shared/errors';
import type { JobReporter } from '../jobs';
import { formatReference, repositoryName, type Reference } from '../reference';
import { getManifest, manifestTarget, type ManifestJson, type Platform, type RegistryClient } from '../registry';
import { createImage, nowGoTime, type Store } from '../store';
import { imageConfig } from './config-fetch';
import type { TransferContext } from './context';
import { rootFSInvalid, rootFSMismatch, throwIfCancelled } from './errors';
import { pickManifest } from './pick-manifest';
import { pullLayers, type LayerPlan } from './pull-layers';

export interface ReferencePulled {
  id: string;
  /** The digest the reference resolved to (index or manifest): Docker's "Digest:". */
  digest: string;
  /** The tag (or digest reference) now points at another image than before: "Downloaded newer image". */
  updated: boolean;
}

export async function pullReference(
  ctx: TransferContext,
  job: JobReporter,
  client: RegistryClient,
  ref: Reference,
  platform: Platform,
): Promise<ReferencePulled> {
  const { signal } = job;
  const target = manifestTarget(ref, 'pull');
  const root = await getManifest(client, target, { signal });
  job.message(`${ref.digest ? formatReference(ref) : ref.tag}: Pulling from ${ref.path}`);
  const { manifest, index } = await pickManifest(client, target, root, platform, signal);
  const configDesc = manifest.json.config;
  if (!configDesc) throw new BerthError('CORRUPT', `manifest ${manifest.digest} has no config`);
  const config = await imageConfig(ctx, { client, repo: ref.path }, configDesc, signal);
  const plan = layerPlan(manifest.json, config);
  const before = await previousImage(ctx.store, ref);
  const lease = ctx.store.lease();
  try {
    const { facts } = await pullLayers(ctx, job, { client, repo: ref.path }, plan, lease);
    throwIfCancelled(signal);
    const created = await createImage(ctx.store, {
      manifest: manifest.bytes,
      config,
      ...(index ? { index: index.bytes } : {}),
      layers: facts,
      ...(ref.digest ? {} : { tag: formatReference(ref) }),
      repoDigest: `${repositoryName(ref)}@${root.digest}`,
      pulledAt: nowGoTime(),
      lease,
    });
    job.message(`Digest: ${root.digest}`);
    return { id: created.id, digest: root.digest, updated: before !== created.id };
  } finally {
    await lease.release();
  }
}

/** Layers with the diffIDs the config promises for them (Docker checks the counts match). */
function layerPlan(manifest: ManifestJson, configBytes: Buffer): LayerPlan[] {
  let config: { rootfs?: { type?: string; diff_ids?: unknown } };
  try {
    config = JSON.parse(configBytes.toString('utf8')) as typeof config;
  } catch {
    throw new BerthError('CORRUPT', 'invalid image configuration: not JSON');
  }
  const ids = config.rootfs?.diff_ids;
  if (config.rootfs?.type !== 'layers' || !Array.isArray(ids)) throw rootFSInvalid();
  const layers = manifest.layers ?? [];
  if (ids.length !== layers.length) throw rootFSMismatch({ layers: layers.length, diffIDs: ids.length });
  return layers.map((l, i) => ({ digest: l.digest, size: l.size, diffID: String(ids[i]) }));
}

/** The image the reference named before this pull, if any. */
async function previousImage(store: Store, ref: Reference): Promise<string | undefined> {
  const snap = await store.snapshot();
  if (!ref.digest) return snap.byTag.get(formatReference(ref))?.id;
  const wanted = `${repositoryName(ref)}@${ref.digest}`;
  for (const img of snap.images.values()) if (img.repoDigests.includes(wanted)) return img.id;
  return undefined;
}
