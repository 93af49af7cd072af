/**
 * Search for registries without a search API: walk the whole catalog
 * (Link-paginated) and keep the repositories whose name contains the query,
 * case-insensitively, in catalog order. Catalogs know no stars or
 * descriptions; results carry the registry host so they can be pulled as is.
 */
import type { RegistryClient } from '../registry/client';
import { listCatalog } from '../registry/listing';

export interface CatalogHit {
  name: string;
  description: string;
  starCount: null;
  isOfficial: false;
  isAutomated: false;
}

export function matchCatalog(host: string, repositories: readonly string[], query: string, limit: number): CatalogHit[] {
  const q = query.toLowerCase();
  return repositories
    .filter((repo) => repo.toLowerCase().includes(q))
    .slice(0, limit)
    .map((repo) => ({ name: `${host}/${repo}`, description: '', starCount: null, isOfficial: false, isAutomated: false }));
}

export async function catalogSearch(client: RegistryClient, query: string, limit: number, signal?: AbortSignal): Promise<CatalogHit[]> {
  const repositories = await listCatalog(client, { pageSize: 100, ...(signal ? { signal } : {}) });
  return matchCatalog(client.host, repositories, query, limit);
}
