/**
 * Tags list and catalog with Link pagination. The Link target (often
 * path-only) is resolved against the request URL; a short page does not mean
 * the end and `n` may be ignored, so only the absence of a next link ends the
 * walk. Pages are bounded, and a link that repeats stops it.
 */
import { BerthError } from '../../../shared/errors';
import { CATALOG_SCOPE, repositoryScope, type RegistryClient } from './client';
import { nextLink } from './link';
import { headerAll } from './transport';

export interface ListOptions {
  /** Page size to ask for (`n`); the registry may ignore it. */
  pageSize?: number;
  /** Stop after this many pages. Default 1000. */
  maxPages?: number;
  /** Start after this entry (`last`). */
  last?: string;
  signal?: AbortSignal;
}

async function walk(
  client: RegistryClient,
  firstPath: string,
  scopes: string[],
  field: 'tags' | 'repositories',
  opts: ListOptions,
  names?: { name: string },
): Promise<string[]> {
  const maxPages = opts.maxPages ?? 1000;
  const query: Record<string, string> = {};
  if (opts.pageSize !== undefined) query.n = String(opts.pageSize);
  if (opts.last !== undefined) query.last = opts.last;
  let url: string | undefined = client.url(firstPath, query);
  const seen = new Set<string>();
  const out: string[] = [];
  for (let page = 0; url !== undefined && page < maxPages; page++) {
    if (seen.has(url)) break;
    seen.add(url);
    const { res, bytes } = await client.requestBytes(
      {
        method: 'GET',
        path: url,
        scopes,
        errorContext: { op: 'pull', ...(names ? { name: names.name } : {}) },
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      16 * 1024 * 1024,
    );
    const requested = url;
    out.push(...parsePage(bytes.toString('utf8'), field));
    url = nextLink(headerAll(res, 'link'), requested);
  }
  return out;
}

function parsePage(text: string, field: 'tags' | 'repositories'): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BerthError('CORRUPT', `invalid ${field === 'tags' ? 'tags list' : 'catalog'} response: not JSON`);
  }
  const list = (body as Record<string, unknown> | null)?.[field];
  if (list === null || list === undefined) return []; // distribution answers "tags": null for a repo without tags
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) {
    throw new BerthError('CORRUPT', `invalid ${field === 'tags' ? 'tags list' : 'catalog'} response`);
  }
  return list as string[];
}

/** All tags of repo (`GET /v2/<repo>/tags/list`), in the registry's order. name is the familiar name for errors. */
export function listTags(client: RegistryClient, repo: string, opts: ListOptions & { name?: string } = {}): Promise<string[]> {
  return walk(client, `/v2/${repo}/tags/list`, [repositoryScope(repo, 'pull')], 'tags', opts, opts.name ? { name: opts.name } : undefined);
}

/** Repository names from `GET /v2/_catalog` (a Docker extension; not every registry has it). */
export function listCatalog(client: RegistryClient, opts: ListOptions = {}): Promise<string[]> {
  return walk(client, '/v2/_catalog', [CATALOG_SCOPE], 'repositories', opts);
}
