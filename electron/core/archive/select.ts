/**
 * Which images a `docker save IMAGE...` means, and under which names: a
 * name:tag saves that tag; a bare repository name saves every tag of it (as
 * Docker does); an ID, an ID prefix or a digest reference saves the image
 * without names. Images named twice are saved once with all their names.
 */
import { BerthError } from '../../../shared/errors';
import { lookupImage } from '../images';
import { isDigestReference, parseAnyReference, repositoryName } from '../reference';
import type { Snapshot, StoreImage } from '../store';

export interface Selected {
  image: StoreImage;
  /** Full references, in the order asked for. */
  tags: string[];
}

export function selectImages(snap: Snapshot, inputs: readonly string[]): Selected[] {
  const out = new Map<string, Selected>();
  const add = (image: StoreImage, tag?: string): void => {
    let s = out.get(image.id);
    if (!s) out.set(image.id, (s = { image, tags: [] }));
    if (tag !== undefined && !s.tags.includes(tag)) s.tags.push(tag);
  };
  for (const input of inputs) {
    const repoTags = wholeRepository(snap, input);
    if (repoTags) {
      for (const [tag, image] of repoTags) add(image, tag);
      continue;
    }
    const found = lookupImage(snap, input);
    const tagged = found.named && found.named.tag !== null && found.named.digest === null ? found.matchedRef : null;
    add(found.image, tagged ?? undefined);
  }
  if (out.size === 0) throw new BerthError('INVALID_ARGUMENT', 'no images to save');
  return [...out.values()];
}

/** For `docker save busybox`: every stored tag of docker.io/library/busybox, or null if the input is not a bare name. */
function wholeRepository(snap: Snapshot, input: string): Array<[string, StoreImage]> | null {
  let ref;
  try {
    ref = parseAnyReference(input);
  } catch {
    return null;
  }
  if (isDigestReference(ref) || ref.tag !== null || ref.digest !== null) return null;
  const repo = repositoryName(ref);
  const hits = [...snap.byTag].filter(([tag]) => tag.startsWith(`${repo}:`));
  return hits.length > 0 ? hits.sort(([a], [b]) => a.localeCompare(b)) : null;
}
