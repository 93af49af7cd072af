/** Reading the image names an archive carries, Docker's way, refusing names that do not parse. */
import { BerthError } from '../../../shared/errors';
import { formatReference, parseNormalizedNamed, withDefaultTag } from '../reference';

/** A RepoTags entry (`foo:latest`, `registry:5000/x/y:1`) as a full reference; a digest or no tag is refused as Docker does. */
export function repoTag(raw: unknown): string {
  if (typeof raw !== 'string') throw new BerthError('CORRUPT', `invalid archive: RepoTags holds ${JSON.stringify(raw)}, not a reference`);
  let ref;
  try {
    ref = parseNormalizedNamed(raw);
  } catch (e) {
    throw new BerthError('INVALID_REFERENCE', `invalid archive: RepoTags entry ${JSON.stringify(raw)}: ${(e as Error).message}`);
  }
  if (ref.digest !== null) throw new BerthError('INVALID_REFERENCE', `invalid tag ${JSON.stringify(raw)}: a digest reference cannot be loaded as a tag`);
  return formatReference(withDefaultTag(ref));
}

/**
 * The name an OCI index descriptor gives its image: containerd's full
 * `io.containerd.image.name`, else `org.opencontainers.image.ref.name` when
 * it is a whole reference (skopeo and podman write `busybox:1.35` there;
 * Docker writes only the tag, which names nothing without the other annotation).
 */
export function ociName(annotations: Record<string, string> | undefined): string | null {
  const full = annotations?.['io.containerd.image.name'];
  if (full !== undefined) return repoTag(full);
  const ref = annotations?.['org.opencontainers.image.ref.name'];
  if (ref === undefined || !/[:/]/.test(ref)) return null;
  try {
    return repoTag(ref);
  } catch {
    return null;
  }
}
