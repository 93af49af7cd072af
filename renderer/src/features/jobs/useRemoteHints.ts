import type { ParsedReference, RemoteImage } from '../../../../shared/index';
import { api } from '../../api/index';
import { useKeyedCall } from '../../hooks/useKeyedCall';

const HINT_DELAY_MS = 300;

/**
 * What the registry says about the name being typed: its tags (for
 * completion) and, for the typed reference, its platforms. Both are hints: a
 * failure (unreachable, not implemented yet) just leaves them empty.
 */
export function useRemoteHints(parsed: ParsedReference | undefined): { tags: string[]; remote: RemoteImage | undefined } {
  const repository = parsed ? `${parsed.domain}/${parsed.path}` : null;
  const normalized = parsed?.normalized ?? null;
  const tags = useKeyedCall(repository, () => api.call('registry.tags', { repository: repository! }), HINT_DELAY_MS);
  const remote = useKeyedCall(normalized, () => api.call('registry.inspect', { ref: normalized! }), HINT_DELAY_MS);
  return { tags: tags?.ok ? tags.value.tags : [], remote: remote?.ok ? remote.value : undefined };
}
