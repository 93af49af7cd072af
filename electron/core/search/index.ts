/** docker search: term → registry, v1 search or catalog fallback, Docker's filters and limits. */
export { searchRegistry } from './search';
export type { SearchDeps, SearchOutput, SearchRequest } from './search';
export { searchTarget, searchTargetIn, HUB } from './term';
export type { SearchTarget } from './term';
export { parseSearchFilters, applySearchFilters, searchLimit, DEFAULT_SEARCH_LIMIT } from './filters';
export type { SearchFilters } from './filters';
export { hubIndexUrl, parseV1Answer, DEFAULT_HUB_INDEX_URL } from './v1';
export { matchCatalog } from './catalog';
