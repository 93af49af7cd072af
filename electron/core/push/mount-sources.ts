/**
 * Where a layer may be mounted from instead of uploaded: other repositories
 * on the same registry that this store pulled or tagged images from which
 * contain the layer (their tags and RepoDigests say where they came from).
 */
import { parseNormalizedNamed, type Reference } from '../reference';
import type { Snapshot } from '../store';

const MAX_SOURCES = 3;

export function mountSources(snap: Snapshot, target: Reference, layerDigest: string): string[] {
  const holders = [...snap.images.values()].filter((img) => img.layers.some((l) => l.digest === layerDigest));
  // Repositories the images were pulled from (RepoDigests) first: the blob is surely there.
  const names = [...holders.flatMap((img) => img.repoDigests), ...holders.flatMap((img) => img.tags)];
  const out: string[] = [];
  for (const name of names) {
    const repo = sameRegistryRepo(name, target);
    if (repo !== undefined && !out.includes(repo)) out.push(repo);
  }
  return out.slice(0, MAX_SOURCES);
}

function sameRegistryRepo(name: string, target: Reference): string | undefined {
  try {
    const r = parseNormalizedNamed(name);
    return r.domain === target.domain && r.path !== target.path ? r.path : undefined;
  } catch {
    return undefined;
  }
}
