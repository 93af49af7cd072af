/**
 * docker-archive (Docker's manifest.json, legacy `<id>/layer.tar` or Engine
 * 25's `blobs/sha256/…` paths): each entry names a config and its layers by
 * path; paths are resolved inside the archive only. Layers are stored
 * uncompressed, as Docker saves them, so a layer's blob digest is its diffID
 * (the image ID, the config digest, is the same whatever the layer storage).
 */
import { BerthError } from '../../../shared/errors';
import { MEDIA, type Descriptor } from '../store';
import type { ArchiveLimits } from './limits';
import { repoTag } from './names';
import { configDescriptor, corrupt, diffIDsOf, LAYER_TAR, parseJson, readDocument, verifiedLayer, type PreparedImage } from './prepared';
import type { Spool } from './spool';

interface ManifestEntry {
  Config: string;
  RepoTags: string[];
  Layers: string[];
}

function parseManifestJson(bytes: Buffer): ManifestEntry[] {
  const v = parseJson(bytes, 'manifest.json');
  if (v === null) throw new BerthError('CORRUPT', 'invalid manifest, manifest cannot be null (but can be [])');
  if (!Array.isArray(v)) throw corrupt('manifest.json is not a list');
  return v.map((e: unknown, i) => {
    const o = e as Partial<Record<keyof ManifestEntry, unknown>> | null;
    if (!o || typeof o !== 'object' || typeof o.Config !== 'string') throw corrupt(`manifest.json entry ${i} has no Config`);
    if (!Array.isArray(o.Layers) || o.Layers.some((l) => typeof l !== 'string')) throw corrupt(`manifest.json entry ${i} has no Layers list`);
    if (o.RepoTags != null && !Array.isArray(o.RepoTags)) throw corrupt(`manifest.json entry ${i}: RepoTags is not a list`);
    return { Config: o.Config, RepoTags: (o.RepoTags ?? []) as string[], Layers: o.Layers as string[] };
  });
}

function need(spool: Spool, path: string) {
  const c = spool.resolve(path.replace(/^(\.\/)+/, ''));
  if (!c) throw corrupt(`manifest.json names ${path}, which is not in the archive`);
  return c;
}

export async function prepareDockerArchive(spool: Spool, limits: ArchiveLimits, manifestPath: string): Promise<PreparedImage[]> {
  const entries = parseManifestJson(await readDocument(spool, need(spool, manifestPath), limits));
  const out: PreparedImage[] = [];
  for (const entry of entries) out.push(await prepareEntry(spool, limits, entry));
  return out;
}

async function prepareEntry(spool: Spool, limits: ArchiveLimits, entry: ManifestEntry): Promise<PreparedImage> {
  const tags = entry.RepoTags.map(repoTag);
  const configCandidate = need(spool, entry.Config);
  const config = await readDocument(spool, configCandidate, limits);
  const diffIDs = diffIDsOf(parseJson(config, entry.Config), entry.Layers.length, entry.Config);
  const layers: PreparedImage['layers'] = {};
  const descriptors: Descriptor[] = [];
  for (const [i, path] of entry.Layers.entries()) {
    const c = need(spool, path);
    const facts = await verifiedLayer(spool, c, diffIDs[i]!, i);
    if (facts.compression === 'none') await spool.commit(c);
    else await spool.commitDecompressed(c, facts.diffID, facts.tarSize);
    layers[facts.diffID] = { diffID: facts.diffID, size: facts.size, tarSize: facts.tarSize };
    descriptors.push({ mediaType: LAYER_TAR, digest: facts.diffID, size: facts.tarSize });
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: configDescriptor(config, configCandidate.digest),
      layers: descriptors,
    }),
  );
  return { id: configCandidate.digest, config, manifest, layers, tags };
}
