import type { MethodInput, MethodOutput } from '../../../../shared/index';

export type SearchAnswer = MethodOutput<'registry.search'>;
export type SearchResult = SearchAnswer['results'][number];
export type SortKey = 'relevance' | 'stars' | 'name';

export interface SearchQuery {
  term: string;
  /** 'docker.io' searches as Docker does (the term may name a registry); another host searches that registry. */
  registry: string;
  minStars: number;
  officialOnly: boolean;
  automatedOnly: boolean;
}

/** Panel state → the contract's input, filters spelled as `docker search --filter` takes them. */
export function searchInput(q: SearchQuery): MethodInput<'registry.search'> {
  const filters: string[] = [];
  if (q.minStars > 0) filters.push(`stars=${Math.floor(q.minStars)}`);
  if (q.officialOnly) filters.push('is-official=true');
  if (q.automatedOnly) filters.push('is-automated=true');
  return { term: q.term.trim(), limit: 100, filters, ...(q.registry === 'docker.io' ? {} : { registry: q.registry }) };
}

const byName = (a: SearchResult, b: SearchResult): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Registry order ('relevance'), most stars first (catalog matches, which have none, last), or by name. */
export function sortResults(results: readonly SearchResult[], key: SortKey): SearchResult[] {
  const out = [...results];
  if (key === 'name') return out.sort(byName);
  if (key === 'stars') return out.sort((a, b) => (b.starCount ?? -1) - (a.starCount ?? -1) || byName(a, b));
  return out;
}
