/**
 * The OCI / Docker v2 document shapes the store reads, parsed defensively:
 * blobs come from other tools too (skopeo, umoci), so nothing is trusted.
 */
import { BerthError } from '../../../shared/errors';
import { MEDIA, type Descriptor, type HistoryEntry } from '../oci';

export { MEDIA, REF_NAME, isIndexType, isManifestType } from '../oci';
export type { Descriptor, HistoryEntry } from '../oci';
export type { Platform } from '../platform';

export interface IndexDoc {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ManifestDoc {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
}

/** The image config JSON (OCI image-spec config plus Docker's legacy fields). */
export interface ConfigDoc {
  created?: string;
  author?: string;
  architecture?: string;
  os?: string;
  variant?: string;
  'os.version'?: string;
  config?: Record<string, unknown> | null;
  container?: string;
  container_config?: Record<string, unknown> | null;
  docker_version?: string;
  comment?: string;
  parent?: string;
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: HistoryEntry[];
}

function corrupt(what: string, why: string): BerthError {
  return new BerthError('CORRUPT', `${what}: ${why}`);
}

function parseJson(bytes: Uint8Array, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw corrupt(what, `invalid JSON (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw corrupt(what, 'not a JSON object');
  return v as Record<string, unknown>;
}

export function checkDescriptor(v: unknown, what: string): Descriptor {
  const d = v as Partial<Descriptor> | null;
  if (!d || typeof d !== 'object') throw corrupt(what, 'descriptor is not an object');
  if (typeof d.digest !== 'string' || !/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(d.digest)) {
    throw corrupt(what, `invalid descriptor digest ${JSON.stringify(d.digest)}`);
  }
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw corrupt(what, `invalid descriptor size for ${d.digest}`);
  }
  if (typeof d.mediaType !== 'string') throw corrupt(what, `descriptor ${d.digest} has no mediaType`);
  return d as Descriptor;
}

export function parseIndex(bytes: Uint8Array, what: string): IndexDoc {
  const o = parseJson(bytes, what);
  if (o.schemaVersion !== 2) throw corrupt(what, 'schemaVersion is not 2');
  if (!Array.isArray(o.manifests)) throw corrupt(what, 'manifests is not an array');
  o.manifests.forEach((d, i) => checkDescriptor(d, `${what} manifests[${i}]`));
  return o as unknown as IndexDoc;
}

export function parseManifest(bytes: Uint8Array, what: string): ManifestDoc {
  const o = parseJson(bytes, what);
  if (o.schemaVersion !== 2) throw corrupt(what, 'schemaVersion is not 2');
  checkDescriptor(o.config, `${what} config`);
  if (!Array.isArray(o.layers)) throw corrupt(what, 'layers is not an array');
  o.layers.forEach((d, i) => checkDescriptor(d, `${what} layers[${i}]`));
  return o as unknown as ManifestDoc;
}

export function parseConfig(bytes: Uint8Array, what: string): ConfigDoc {
  const o = parseJson(bytes, what) as ConfigDoc;
  const ids = o.rootfs?.diff_ids;
  if (ids !== undefined && (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string'))) {
    throw corrupt(what, 'rootfs.diff_ids is not a list of digests');
  }
  return o;
}

/** The media type a descriptor's target declares for itself, if any (manifests carry one; OCI allows omitting it). */
export function declaredMediaType(bytes: Uint8Array): string | undefined {
  try {
    const o = JSON.parse(Buffer.from(bytes).toString('utf8')) as { mediaType?: unknown; manifests?: unknown };
    if (typeof o.mediaType === 'string') return o.mediaType;
    return Array.isArray(o.manifests) ? MEDIA.ociIndex : undefined;
  } catch {
    return undefined;
  }
}
