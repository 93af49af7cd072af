/**
 * The few image lookups the transfers need from an engine: an image's ID
 * and repository digests by name (after a pull, push or load), and the
 * images of one repository (after `pull -a`).
 */
import { isBerthError } from '../../../shared/errors';
import { formatReference, parseNormalizedNamed, repositoryName } from '../reference';
import type { EngineClient } from './client';

export interface EngineImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  /** Podman only: the digest of the platform manifest it stored. */
  Digest?: string;
}

/** A reference or ID as a path segment: '/' stays, as the docker CLI sends it. */
export function imagePath(ref: string): string {
  return ref
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%3A/gi, ':').replace(/%40/g, '@'))
    .join('/');
}

/** The image a name or ID means on the engine, or undefined when there is none. */
export async function findImage(client: EngineClient, ref: string, signal?: AbortSignal): Promise<EngineImage | undefined> {
  try {
    return await client.json<EngineImage>({ path: `/images/${imagePath(ref)}/json`, signal });
  } catch (e) {
    if (isBerthError(e) && e.code === 'NOT_FOUND') return undefined;
    throw e;
  }
}

/** Images with a tag in repository (`familiar` is Docker's short name, which the reference filter matches). */
export async function repositoryImages(client: EngineClient, familiar: string, signal?: AbortSignal): Promise<EngineImage[]> {
  const filters = JSON.stringify({ reference: [familiar] });
  return (await client.json<EngineImage[]>({ path: '/images/json', query: { filters }, signal })) ?? [];
}

/**
 * The digest an image has in repository ('docker.io/library/busybox'), from
 * its RepoDigests. Podman keeps both an index's digest and its platform
 * manifest's there; Docker's "Digest:" line names the one the tag points at,
 * the index, so the platform manifest's (Podman's `Digest`) is passed over.
 */
export function repoDigestIn(image: EngineImage | undefined, repository: string): string | undefined {
  const found: string[] = [];
  for (const rd of image?.RepoDigests ?? []) {
    const named = tryNormalize(rd);
    if (named && repositoryName(named) === repository && named.digest) found.push(named.digest);
  }
  return found.find((d) => found.length === 1 || d !== image?.Digest) ?? found[0];
}

/** Full references ('docker.io/library/busybox:1.35') of an image's tags in repository, or of all its tags. */
export function tagsOf(image: EngineImage, repository?: string): string[] {
  const out: string[] = [];
  for (const t of image.RepoTags ?? []) {
    const named = tryNormalize(t);
    if (named && named.tag !== null && (repository === undefined || repositoryName(named) === repository)) out.push(formatReference(named));
  }
  return out;
}

/** An engine's printed name ('busybox:1.35', 'localhost/x:1') in Berth's full form; as printed when it does not parse. */
export function fullReference(name: string): string {
  const named = tryNormalize(name);
  return named ? formatReference(named) : name;
}

function tryNormalize(name: string): ReturnType<typeof parseNormalizedNamed> | undefined {
  try {
    return parseNormalizedNamed(name);
  } catch {
    return undefined;
  }
}
