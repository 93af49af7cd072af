/**
 * Parsed manifests, indexes and configs, cached in memory by digest: blobs
 * are immutable, so an entry never goes stale (it can only disappear with GC,
 * and then nothing points at it any more).
 */
import { createHash } from 'node:crypto';
import { BerthError } from '../../../shared/errors';
import type { BlobStore } from './blobs';
import { parseConfig, parseIndex, parseManifest, type ConfigDoc, type IndexDoc, type ManifestDoc } from './oci';

const LIMIT = 50_000;

export class DocCache {
  private readonly docs = new Map<string, unknown>();

  constructor(private readonly blobs: BlobStore) {}

  manifest(digest: string): Promise<ManifestDoc> {
    return this.get(digest, (b) => parseManifest(b, `manifest ${digest}`));
  }

  index(digest: string): Promise<IndexDoc> {
    return this.get(digest, (b) => parseIndex(b, `index ${digest}`));
  }

  config(digest: string): Promise<ConfigDoc> {
    return this.get(digest, (b) => parseConfig(b, `config ${digest}`));
  }

  private async get<T>(digest: string, parse: (bytes: Buffer) => T): Promise<T> {
    const hit = this.docs.get(digest);
    if (hit !== undefined) return hit as T;
    const bytes = await this.blobs.read(digest);
    // Reading a blob is the moment to check it: other tools write here too.
    const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (actual !== digest) throw new BerthError('CORRUPT', `blob ${digest} is corrupt (its content hashes to ${actual})`);
    const doc = parse(bytes);
    if (this.docs.size >= LIMIT) this.docs.delete(this.docs.keys().next().value as string);
    this.docs.set(digest, doc);
    return doc;
  }
}
