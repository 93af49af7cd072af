/**
 * OCI archives (an image layout in a tar: oci-layout, index.json, blobs/):
 * blobs are kept exactly as they are, so manifest digests survive the trip.
 * Every blob used is checked against the digest and size its descriptor
 * names, and every layer against the diffID its config lists.
 */
import { BerthError } from '../../../shared/errors';
import { isIndexType, isManifestType, parseIndex, parseManifest, type Descriptor, type ManifestDoc } from '../store/oci';
import { byHostPreference } from '../platform';
import type { ArchiveLimits } from './limits';
import { ociName } from './names';
import { corrupt, diffIDsOf, parseJson, readDocument, verifiedLayer, type PreparedImage } from './prepared';
import type { Candidate, Spool } from './spool';

/** The archive blob a descriptor names, verified to be exactly what it claims. */
function blob(spool: Spool, d: Descriptor): Candidate {
  const m = /^sha256:([a-f0-9]{64})$/.exec(d.digest);
  if (!m) throw new BerthError('UNSUPPORTED', `invalid archive: unsupported digest ${d.digest}`);
  const c = spool.resolve(`blobs/sha256/${m[1]}`);
  if (!c) throw corrupt(`blob ${d.digest} is not in the archive`);
  if (c.digest !== d.digest) throw new BerthError('DIGEST_MISMATCH', `invalid archive: blobs/sha256/${m[1]} hashes to ${c.digest}`);
  if (c.size !== d.size) throw new BerthError('DIGEST_MISMATCH', `invalid archive: blob ${d.digest} is ${c.size} bytes, its descriptor says ${d.size}`);
  return c;
}

export async function prepareOciArchive(spool: Spool, limits: ArchiveLimits, indexPath: string): Promise<PreparedImage[]> {
  const top = spool.resolve(indexPath);
  if (!top) throw corrupt('index.json is missing');
  const index = parseIndex(await readDocument(spool, top, limits), 'index.json');
  const out: PreparedImage[] = [];
  for (const d of index.manifests) {
    const name = ociName(d.annotations);
    const image = isIndexType(d.mediaType) ? await fromIndex(spool, limits, d) : await fromManifest(spool, limits, d);
    const known = out.find((o) => o.id === image.id && o.manifest.equals(image.manifest));
    if (known && name && !known.tags.includes(name)) known.tags.push(name);
    if (!known) out.push({ ...image, tags: name ? [name] : [] });
  }
  return out;
}

async function fromManifest(spool: Spool, limits: ArchiveLimits, d: Descriptor): Promise<Omit<PreparedImage, 'tags'>> {
  const mc = blob(spool, d);
  const manifest = await readDocument(spool, mc, limits);
  const doc: ManifestDoc = parseManifest(manifest, `manifest ${d.digest}`);
  const cc = blob(spool, doc.config);
  const config = await readDocument(spool, cc, limits);
  const diffIDs = diffIDsOf(parseJson(config, `config ${cc.digest}`), doc.layers.length, `config ${cc.digest}`);
  const layers: PreparedImage['layers'] = {};
  for (const [i, l] of doc.layers.entries()) {
    const c = blob(spool, l);
    const facts = await verifiedLayer(spool, c, diffIDs[i]!, i);
    await spool.commit(c);
    layers[l.digest] = { diffID: facts.diffID, size: facts.size, tarSize: facts.tarSize };
  }
  await spool.commit(mc);
  return { id: cc.digest, config, manifest, layers };
}

/** A multi-platform index: the children whose blobs the archive holds; the host's platform is preferred. */
async function fromIndex(spool: Spool, limits: ArchiveLimits, d: Descriptor): Promise<Omit<PreparedImage, 'tags'>> {
  const ic = blob(spool, d);
  const bytes = await readDocument(spool, ic, limits);
  const children = parseIndex(bytes, `index ${d.digest}`).manifests.filter((m) => isManifestType(m.mediaType) || m.mediaType === undefined);
  const present = byHostPreference(children.filter((m) => spool.resolve(`blobs/sha256/${m.digest.slice(7)}`)));
  if (present.length === 0) throw corrupt(`index ${d.digest} has none of its images in the archive`);
  let chosen: Omit<PreparedImage, 'tags'> | undefined;
  for (const m of present) {
    const image = await fromManifest(spool, limits, m);
    chosen ??= image;
  }
  await spool.commit(ic);
  return { ...chosen!, index: bytes };
}
