import type { ParsedReference } from '../../../../shared/index';
import { api } from '../../api/index';
import { useKeyedCall } from '../../hooks/useKeyedCall';

export type ReferenceCheck =
  | { state: 'empty' }
  | { state: 'checking' }
  | { state: 'valid'; parsed: ParsedReference }
  | { state: 'invalid'; message: string };

const CHECK_DELAY_MS = 60;

/** Validates a reference as it is typed, through the core's parser (Docker's messages); never a stale answer. */
export function useReferenceCheck(input: string): ReferenceCheck {
  const blank = input.trim() === '';
  const result = useKeyedCall(blank ? null : input, () => api.call('reference.parse', { input }), CHECK_DELAY_MS);
  if (blank) return { state: 'empty' };
  if (!result) return { state: 'checking' };
  return result.ok ? { state: 'valid', parsed: result.value } : { state: 'invalid', message: result.error.message };
}

/** `registry:5000/team/app:v1` -> repository and tag as the table shows them. */
export function splitFamiliar(familiar: string): { repository: string; tag: string } {
  const at = familiar.lastIndexOf(':');
  if (at === -1 || familiar.indexOf('/', at) !== -1) return { repository: familiar, tag: 'latest' };
  return { repository: familiar.slice(0, at), tag: familiar.slice(at + 1) };
}
