/** From what a reference points at to the one platform manifest to pull (containerd's matching). */
import { BerthError } from '../../../shared/errors';
import {
  getManifest,
  isIndexType,
  isManifestType,
  selectPlatformEntry,
  type FetchedManifest,
  type ManifestTarget,
  type Platform,
  type RegistryClient,
} from '../registry';

export interface Picked {
  manifest: FetchedManifest;
  /** Set when the reference named an index / manifest list. */
  index?: FetchedManifest;
}

export async function pickManifest(
  client: RegistryClient,
  target: ManifestTarget,
  root: FetchedManifest,
  platform: Platform,
  signal: AbortSignal,
): Promise<Picked> {
  if (isManifestType(root.mediaType)) return { manifest: root };
  if (!isIndexType(root.mediaType)) throw unsupported(root.mediaType);
  const chosen = selectPlatformEntry(root.json, platform);
  const manifest = await getManifest(client, { ...target, reference: chosen.digest }, { signal });
  if (manifest.size !== chosen.size) {
    throw new BerthError('DIGEST_MISMATCH', `manifest verification failed for digest ${chosen.digest}`);
  }
  if (!isManifestType(manifest.mediaType)) throw unsupported(manifest.mediaType);
  return { manifest, index: root };
}

function unsupported(mediaType: string): BerthError {
  return new BerthError('UNSUPPORTED', `unsupported manifest format: ${mediaType || 'unknown'}`);
}
