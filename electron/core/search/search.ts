/**
 * `docker search` without a daemon: filters checked first (as the daemon
 * does), the registry chosen from the term (or given), Hub's or the
 * registry's v1 search, else the registry's catalog, then Docker's filters.
 * The registry's order is kept; sorting is the viewer's business.
 */
import type { MethodOutput } from '../../../shared/contract';
import type { RegistryClient } from '../registry/client';
import { registryBaseUrl, type HostOptions } from '../registry/hosts';
import { catalogSearch } from './catalog';
import { applySearchFilters, parseSearchFilters, searchLimit } from './filters';
import { HUB, searchTarget, searchTargetIn } from './term';
import { hubIndexUrl, v1Search } from './v1';

export type SearchOutput = MethodOutput<'registry.search'>;

export interface SearchRequest {
  term: string;
  limit: number;
  filters: readonly string[];
  registry?: string | undefined;
}

export interface SearchDeps {
  /** A client for a registry host, with its credentials and insecure setting. */
  clientFor(host: string): RegistryClient;
  hostOptions: HostOptions;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export async function searchRegistry(req: SearchRequest, deps: SearchDeps): Promise<SearchOutput> {
  const filters = parseSearchFilters(req.filters);
  // Deprecated: the daemon answers nothing before it even looks at the term.
  if (filters.automated === true) return { registry: req.registry ?? HUB, source: 'v1', results: [] };
  const target = req.registry ? searchTargetIn(req.registry, req.term) : searchTarget(req.term);
  const limit = searchLimit(req.limit);
  const client = deps.clientFor(target.registry);
  try {
    const hub = target.registry === HUB;
    const base = hub ? hubIndexUrl(deps.env) : registryBaseUrl(target.registry, deps.hostOptions);
    const signal = deps.signal ? { signal: deps.signal } : {};
    const hits = await v1Search(client, `${base}/v1/search`, target.query, limit, { fallback: !hub, ...signal });
    if (hits !== undefined) {
      const results = applySearchFilters(hits, filters).map((h) => ({ ...h, isAutomated: false }));
      return { registry: target.registry, source: 'v1', results };
    }
    const results = applySearchFilters(await catalogSearch(client, target.query, limit, deps.signal), filters);
    return { registry: target.registry, source: 'catalog', results };
  } finally {
    await client.close();
  }
}
