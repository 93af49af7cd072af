/** ManifestTarget from a parsed image reference, with Docker's names for messages. */
import { familiarName, familiarString, formatReference, type Reference } from '../reference';
import { DEFAULT_TAG } from '../reference';
import type { ManifestTarget } from './manifests';

export function manifestTarget(ref: Reference, op: ManifestTarget['op'] = 'pull'): ManifestTarget {
  const withTag: Reference = ref.tag === null && ref.digest === null ? { ...ref, tag: DEFAULT_TAG } : ref;
  return {
    repo: ref.path,
    reference: withTag.digest ?? withTag.tag ?? DEFAULT_TAG,
    names: { name: familiarName(withTag), ref: familiarString(withTag), full: formatReference(withTag) },
    op,
  };
}
