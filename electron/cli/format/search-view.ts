import { ellipsis } from '../../core/format/width';
import type { MethodOutput } from '../../../shared/contract';

type SearchResult = MethodOutput<'registry.search'>['results'][number];

/**
 * One row of `docker search` as Docker's searchContext exposes it to
 * templates: every field a string; booleans are `[OK]`/empty in text and
 * `true`/`false` inside `{{json .}}`.
 */
export interface SearchView {
  Name: string;
  Description: string;
  StarCount: string;
  IsOfficial: string;
  /** Deprecated in Docker and always false, but still a field. */
  IsAutomated: string;
}

export const SEARCH_HEADERS: Record<keyof SearchView, string> = {
  Name: 'NAME',
  Description: 'DESCRIPTION',
  StarCount: 'STARS',
  IsOfficial: 'OFFICIAL',
  IsAutomated: 'AUTOMATED',
};

/** Docker cuts descriptions to 45 display cells (44 + `…`), wide characters counting two. */
export const DESCRIPTION_WIDTH = 45;

export interface SearchViewOptions {
  trunc: boolean;
  /** Rendering for `{{json .}}`. */
  json: boolean;
}

function formatBool(value: boolean, json: boolean): string {
  if (json) return value ? 'true' : 'false';
  return value ? '[OK]' : '';
}

export function searchView(r: SearchResult, o: SearchViewOptions): SearchView {
  const folded = r.description.replaceAll('\n', ' ').replaceAll('\r', ' ');
  return {
    Name: r.name,
    Description: o.trunc ? ellipsis(folded, DESCRIPTION_WIDTH) : folded,
    // A catalog match has no stars at all, which is not the same as none.
    StarCount: r.starCount === null ? '' : String(r.starCount),
    IsOfficial: formatBool(r.isOfficial, o.json),
    IsAutomated: formatBool(r.isAutomated, o.json),
  };
}
