/**
 * What resolving an archive produces: images ready to be recorded, every
 * blob already verified and stored under the job's lease.
 */
import { BerthError } from '../../../shared/errors';
import type { LayerMeta } from '../store';
import { MEDIA, type Descriptor } from '../store';
import type { ArchiveLimits } from './limits';
import type { Candidate, Spool } from './spool';
import { isLayer } from './layer-facts';

export interface PreparedImage {
  id: string;
  config: Buffer;
  manifest: Buffer;
  index?: Buffer;
  layers: Record<string, LayerMeta>;
  /** Full normalized references to point at the image, in archive order. */
  tags: string[];
}

export const LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';

export function corrupt(message: string): BerthError {
  return new BerthError('CORRUPT', `invalid archive: ${message}`);
}

/** A JSON document from the archive, bounded in size. */
export async function readDocument(spool: Spool, c: Candidate, limits: ArchiveLimits): Promise<Buffer> {
  if (c.size > limits.maxDocumentBytes) throw corrupt(`${c.path} is ${c.size} bytes, larger than any image document may be`);
  return spool.read(c);
}

export function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw corrupt(`${what} is not valid JSON (${(e as Error).message})`);
  }
}

/** Docker's check: the config lists as many diffIDs as the archive gives layers. */
export function diffIDsOf(config: unknown, layerCount: number, what: string): string[] {
  const ids = (config as { rootfs?: { diff_ids?: unknown } } | null)?.rootfs?.diff_ids;
  if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) throw corrupt(`${what} has no rootfs.diff_ids list`);
  if (ids.length !== layerCount) {
    throw new BerthError('CORRUPT', `invalid manifest, layers length mismatch: expected ${ids.length}, got ${layerCount}`);
  }
  return ids as string[];
}

/**
 * Verifies one layer against the diffID its config expects, measuring it if
 * needed. The caller decides how the verified bytes are stored.
 */
export async function verifiedLayer(spool: Spool, c: Candidate, diffID: string, i: number): Promise<LayerMeta & { compression: string }> {
  const facts = await spool.factsOf(c);
  if (!isLayer(facts)) throw facts.error;
  if (facts.diffID !== diffID) {
    throw new BerthError('DIGEST_MISMATCH', `invalid diffID for layer ${i}: expected "${diffID}", got "${facts.diffID}"`);
  }
  return facts;
}

export function configDescriptor(config: Buffer, digest: string): Descriptor {
  return { mediaType: MEDIA.ociConfig, digest, size: config.length };
}
