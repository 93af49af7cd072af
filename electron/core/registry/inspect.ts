/**
 * Remote inspect: what a reference points at in the registry, as plain data
 * (index platforms, the chosen manifest, its config, sizes, labels, history),
 * without touching the local store.
 */
import { BerthError } from '../../../shared/errors';
import type { RegistryClient } from './client';
import { fetchBlobBytes } from './blobs';
import { isIndexType } from './media-types';
import type { ManifestTarget } from './manifests';
import type { Platform } from '../platform';
import { resolveImage } from './resolve';
import type { Descriptor, HistoryEntry, ImageConfigJson } from './types';

export interface RemotePlatformEntry {
  digest: string;
  mediaType: string;
  size: number;
  platform?: Platform;
}

export interface RemoteImageInfo {
  /** Digest of what the reference points at (the index digest for multi-arch tags). */
  digest: string;
  mediaType: string;
  /** Set when the reference points at an index or manifest list. */
  platforms?: RemotePlatformEntry[];
  manifest: { digest: string; mediaType: string; size: number; json: unknown };
  config: { digest: string; size: number; json: ImageConfigJson };
  /** Image ID as Docker's graphdriver store has it: the config digest. */
  id: string;
  os: string;
  architecture: string;
  variant?: string;
  created?: string;
  labels: Record<string, string>;
  layers: Descriptor[];
  /** Sum of the layers' compressed (blob) sizes. */
  compressedSize: number;
  history: HistoryEntry[];
}

function parseConfig(bytes: Buffer, digest: string): ImageConfigJson {
  try {
    return JSON.parse(bytes.toString('utf8')) as ImageConfigJson;
  } catch {
    throw new BerthError('CORRUPT', `invalid image config ${digest}: not JSON`);
  }
}

export async function inspectRemote(
  client: RegistryClient,
  target: ManifestTarget,
  opts: { platform?: Platform; signal?: AbortSignal } = {},
): Promise<RemoteImageInfo> {
  const { root, manifest } = await resolveImage(client, target, opts);
  const configDesc = manifest.json.config;
  if (!configDesc?.digest) throw new BerthError('CORRUPT', `manifest ${manifest.digest} has no config`);
  const configBytes = await fetchBlobBytes(client, target.repo, configDesc, { kind: 'config', ...(opts.signal ? { signal: opts.signal } : {}) });
  const config = parseConfig(configBytes, configDesc.digest);
  const layers = manifest.json.layers ?? [];
  const info: RemoteImageInfo = {
    digest: root.digest,
    mediaType: root.mediaType,
    manifest: { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size, json: manifest.json },
    config: { digest: configDesc.digest, size: configBytes.length, json: config },
    id: configDesc.digest,
    os: config.os ?? '',
    architecture: config.architecture ?? '',
    labels: config.config?.Labels ?? {},
    layers,
    compressedSize: layers.reduce((n, l) => n + (l.size ?? 0), 0),
    history: config.history ?? [],
  };
  if (config.variant) info.variant = config.variant;
  if (config.created) info.created = config.created;
  if (isIndexType(root.mediaType)) {
    info.platforms = (root.json.manifests ?? []).map((d) => ({
      digest: d.digest,
      mediaType: d.mediaType,
      size: d.size,
      ...(d.platform ? { platform: d.platform } : {}),
    }));
  }
  return info;
}
