import { useEffect, useMemo, useState } from 'react';
import { BerthError } from '../../../../shared/index';
import { api } from '../../api/index';
import { createLatest } from './latest';
import { searchInput, type SearchAnswer, type SearchQuery } from './results';
import { useSaved } from './saved';

export const SEARCH_DEBOUNCE_MS = 300;

export interface SearchState {
  answer: SearchAnswer | undefined;
  /** The term the shown answer (or error) is for. */
  answeredTerm: string | undefined;
  error: BerthError | undefined;
  /** A newer query than the one shown is on its way. */
  loading: boolean;
}

interface Answered {
  key: string;
  term: string;
  answer?: SearchAnswer;
  error?: BerthError;
}

const EMPTY: SearchState = { answer: undefined, answeredTerm: undefined, error: undefined, loading: false };

/**
 * Searches while the user types: waits for a pause, then asks the core. Any
 * change makes answers still on their way stale at once, so what is shown
 * always belongs to the newest query, however slowly an older one answers.
 * The last answer stays on screen (labelled with its term) until the next.
 */
export function useSearch(query: SearchQuery, debounceMs = SEARCH_DEBOUNCE_MS): SearchState {
  const [answered, setAnswered] = useState<Answered>();
  const latest = useMemo(() => createLatest(), []);
  const input = searchInput(query);
  const key = JSON.stringify(input);
  const registry = query.registry;

  useEffect(() => {
    latest.cancel();
    const parsed = JSON.parse(key) as typeof input;
    if (parsed.term === '') return;
    const timer = setTimeout(() => {
      latest.track(
        () => api.call('registry.search', parsed),
        (answer) => {
          setAnswered({ key, term: parsed.term, answer });
          useSaved.getState().remember({ term: parsed.term, registry });
        },
        (e) => {
          const error = e instanceof BerthError ? e : new BerthError('INTERNAL', String(e));
          setAnswered({ key, term: parsed.term, error });
        },
      );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      latest.cancel();
    };
  }, [key, registry, debounceMs, latest]);

  if (input.term === '') return EMPTY;
  return { answer: answered?.answer, answeredTerm: answered?.term, error: answered?.error, loading: answered?.key !== key };
}
