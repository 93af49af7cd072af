/**
 * Reference → platform manifest: fetch what the tag points at and, for an
 * index or manifest list, pick the entry for the wanted platform (host by
 * default) and fetch it by digest.
 */
import { BerthError } from '../../../shared/errors';
import type { RegistryClient } from './client';
import { isIndexType, isManifestType } from './media-types';
import { getManifest, type FetchedManifest, type ManifestOptions, type ManifestTarget } from './manifests';
import { formatPlatform, hostPlatform, matchPlatforms, type Platform } from '../platform';
import type { Descriptor, ManifestJson } from './types';

export interface ResolvedImage {
  /** What the reference points at: an index/list or a manifest. Its digest is the one Docker prints. */
  root: FetchedManifest;
  /** The single-platform manifest (the same object as root when root is a manifest). */
  manifest: FetchedManifest;
  /** The index entry that was chosen, when root is an index. */
  chosen?: Descriptor;
}

export interface ResolveImageOptions extends ManifestOptions {
  /** Default: the host platform. */
  platform?: Platform;
}

/** Picks the best entry for wanted; throws Docker's "no matching manifest" when none fits. */
export function selectPlatformEntry(index: ManifestJson, wanted: Platform): Descriptor {
  const entries = (index.manifests ?? []).filter((d) => isManifestType(d.mediaType) || isIndexType(d.mediaType) || d.mediaType === undefined);
  const best = matchPlatforms(wanted, entries)[0];
  if (!best) throw new BerthError('NOT_FOUND', `no matching manifest for ${formatPlatform(wanted)} in the manifest list entries`);
  return best;
}

export async function resolveImage(client: RegistryClient, t: ManifestTarget, opts: ResolveImageOptions = {}): Promise<ResolvedImage> {
  const root = await getManifest(client, t, opts);
  if (isManifestType(root.mediaType)) return { root, manifest: root };
  if (!isIndexType(root.mediaType)) {
    throw new BerthError('UNSUPPORTED', `unsupported manifest format: ${root.mediaType || 'unknown'}`);
  }
  const wanted = opts.platform ?? hostPlatform();
  const chosen = selectPlatformEntry(root.json, wanted);
  const manifest = await getManifest(client, { ...t, reference: chosen.digest }, opts);
  if (manifest.size !== chosen.size) {
    throw new BerthError('DIGEST_MISMATCH', `manifest verification failed for digest ${chosen.digest}: size ${manifest.size}, index says ${chosen.size}`);
  }
  if (!isManifestType(manifest.mediaType)) {
    throw new BerthError('UNSUPPORTED', `unsupported manifest format: ${manifest.mediaType || 'unknown'}`);
  }
  return { root, manifest, chosen };
}
