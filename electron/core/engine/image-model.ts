/**
 * An engine's images and containers as GET /images/json and
 * GET /containers/json describe them, with references in Berth's full
 * normalized form. dockerd writes familiar names (`demo:one`), podman full
 * ones (`docker.io/library/demo:one`), dockerd 20.10 marks untagged images
 * `<none>:<none>`/`<none>@<none>`, and podman lists an image pulled by digest
 * with that digest reference among its RepoTags: all end up the same here.
 */
import { BerthError } from '../../../shared/errors';
import { formatReference, parseNormalizedNamed } from '../reference';
import { goTime } from '../store';
import type { EngineClient } from './client';

/** One entry of GET /images/json (the fields Berth reads; podman adds more). */
export interface ImageSummary {
  Id: string;
  ParentId?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: number;
  Size?: number;
  Labels?: Record<string, string> | null;
}

/** One entry of GET /containers/json?all=1. */
export interface ContainerSummary {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
}

export interface ListedImage {
  id: string;
  /** '' when the engine knows no parent (pulled images); set for committed and built ones. */
  parentId: string;
  /** Full normalized `name:tag` references. */
  tags: string[];
  /** Full normalized `name@sha256:…` references. */
  repoDigests: string[];
  /** RepoTags as the engine wrote them, without `<none>:<none>` (podman's names: it counts these). */
  names: string[];
  createdSec: number;
  size: number;
  labels: Record<string, string>;
}

export function toListedImage(s: ImageSummary): ListedImage {
  // Sets: one image may carry thousands of tags, and engines repeat some of them in full and short form.
  const tags = new Set<string>();
  const repoDigests = new Set<string>();
  for (const raw of [...(s.RepoTags ?? []), ...(s.RepoDigests ?? [])]) {
    const full = fullReference(raw);
    if (full !== null) (full.includes('@') ? repoDigests : tags).add(full);
  }
  return {
    id: normalizeId(s.Id),
    parentId: normalizeId(s.ParentId ?? ''),
    // dockerd's order (its reference store sorts full names); podman answers in varying order, and rows would swap on refresh.
    tags: [...tags].sort(),
    repoDigests: [...repoDigests],
    names: (s.RepoTags ?? []).filter((t) => !t.startsWith('<none>')),
    createdSec: s.Created ?? 0,
    size: Math.max(0, s.Size ?? 0),
    labels: s.Labels ?? {},
  };
}

/** `sha256:…`; podman writes some IDs as bare hex. */
export function normalizeId(id: string): string {
  if (id === '') return '';
  return id.startsWith('sha256:') ? id : `sha256:${id}`;
}

const fullCache = new Map<string, string | null>();

/** The full normalized form of a reference an engine printed; null for `<none>` placeholders and garbage. */
export function fullReference(raw: string): string | null {
  const hit = fullCache.get(raw);
  if (hit !== undefined) return hit;
  let full: string | null = null;
  if (!raw.startsWith('<none>')) {
    try {
      full = formatReference(parseNormalizedNamed(raw));
    } catch {
      full = null;
    }
  }
  if (fullCache.size > 200_000) fullCache.clear();
  fullCache.set(raw, full);
  return full;
}

/** Engine times are unix seconds; rows carry RFC 3339 like the embedded store's. */
export function rfc3339(unixSeconds: number): string {
  return goTime(new Date(unixSeconds * 1000).toISOString()).text;
}

/** dockerd's IsRunning: paused and restarting containers count as running. */
export function isRunning(c: ContainerSummary): boolean {
  return c.State === 'running' || c.State === 'paused' || c.State === 'restarting';
}

export async function fetchImages(client: EngineClient, query: { all: boolean; filters?: string | undefined }, signal?: AbortSignal): Promise<ImageSummary[]> {
  // podman 4.3 answers `all=1` and `digests=…` with an empty body: booleans go as words, and
  // `digests` (which dockerd ignores: RepoDigests always come) not at all.
  const list = await client.json<unknown>({ path: '/images/json', query: { all: query.all, filters: query.filters }, signal });
  if (list === null || list === undefined) return [];
  if (!Array.isArray(list)) throw new BerthError('CORRUPT', `${client.endpoint.id} answered /images/json with something that is not a list of images`);
  return list as ImageSummary[];
}

export async function fetchContainers(client: EngineClient, signal?: AbortSignal): Promise<ContainerSummary[]> {
  return (await client.json<ContainerSummary[] | null | undefined>({ path: '/containers/json', query: { all: true }, signal })) ?? [];
}
