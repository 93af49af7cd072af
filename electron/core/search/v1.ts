/**
 * The v1 search API Docker Hub still serves (and a few registries copy):
 * `GET /v1/search?q=TERM&n=LIMIT` with `X-Docker-Token: true`, answering
 * `{"query", "num_results", "results": [{name, description, star_count,
 * is_official, is_automated}]}`.
 */
import { z } from 'zod';
import { BerthError } from '../../../shared/errors';
import type { RegistryClient } from '../registry/client';
import { discard, readText } from '../registry/transport';

export const DEFAULT_HUB_INDEX_URL = 'https://index.docker.io';

/** Where Hub's search lives: BERTH_HUB_INDEX_URL (tests point it at a local server), else Docker's index. */
export function hubIndexUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.BERTH_HUB_INDEX_URL || DEFAULT_HUB_INDEX_URL).replace(/\/+$/, '');
}

const V1Result = z.object({
  name: z.string(),
  description: z.string().nullish(),
  star_count: z.number().int().nonnegative().nullish(),
  is_official: z.boolean().nullish(),
  is_automated: z.boolean().nullish(),
});
const V1Answer = z.object({ results: z.array(V1Result).nullish() });

export interface V1Hit {
  name: string;
  description: string;
  starCount: number;
  isOfficial: boolean;
  isAutomated: boolean;
}

const ANY_STATUS = Array.from({ length: 500 }, (_, i) => i + 100);

/**
 * Runs one v1 search at `searchUrl` (absolute). With `fallback`, answers
 * undefined when the server has no such API (404/405/501) so the caller can
 * search another way; otherwise any status but 200 is Docker's error.
 */
export async function v1Search(
  client: RegistryClient,
  searchUrl: string,
  query: string,
  limit: number,
  opts: { fallback?: boolean; signal?: AbortSignal } = {},
): Promise<V1Hit[] | undefined> {
  const { signal } = opts;
  const res = await client.request({
    method: 'GET',
    path: searchUrl,
    query: { q: query, n: String(limit) },
    headers: { 'X-Docker-Token': 'true', accept: 'application/json' },
    expect: ANY_STATUS,
    ...(signal ? { signal } : {}),
  });
  if (opts.fallback && (res.status === 404 || res.status === 405 || res.status === 501)) {
    await discard(res);
    return undefined;
  }
  if (res.status !== 200) {
    await discard(res);
    throw new BerthError('NETWORK', `unexpected status code ${res.status}`);
  }
  return parseV1Answer(await readText(res, 16 * 1024 * 1024, signal));
}

export function parseV1Answer(text: string): V1Hit[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BerthError('CORRUPT', `error decoding registry search results: ${(e as Error).message}`);
  }
  const parsed = V1Answer.safeParse(raw);
  if (!parsed.success) throw new BerthError('CORRUPT', 'error decoding registry search results: unexpected shape');
  return (parsed.data.results ?? []).map((r) => ({
    name: r.name,
    description: r.description ?? '',
    starCount: r.star_count ?? 0,
    isOfficial: r.is_official ?? false,
    isAutomated: r.is_automated ?? false,
  }));
}
