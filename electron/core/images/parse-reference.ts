/** `reference.parse`: what Berth makes of a name, for forms that validate as people type. */
import type { ParsedReference } from '../../../shared/schemas';
import { familiarString, formatReference, parseNormalizedNamed, withDefaultTag } from '../reference';

/**
 * `normalized` and `familiar` carry the default tag (`latest`) when neither a
 * tag nor a digest was given; `tag` and `digest` are what was typed.
 * Invalid input throws INVALID_REFERENCE with Docker's message.
 */
export function parseReferenceInfo(input: string): ParsedReference {
  const ref = parseNormalizedNamed(input);
  const full = withDefaultTag(ref);
  return {
    input,
    normalized: formatReference(full),
    familiar: familiarString(full),
    domain: ref.domain,
    path: ref.path,
    tag: ref.tag,
    digest: ref.digest,
  };
}
