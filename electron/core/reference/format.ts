/** Full (canonical) text forms, as distribution/reference's Name() and String(). */
import type { Reference } from './types';

/** "docker.io/library/ubuntu": the name without tag or digest. */
export function repositoryName(ref: Reference): string {
  return ref.domain === '' ? ref.path : `${ref.domain}/${ref.path}`;
}

/** "docker.io/library/ubuntu:14.04", "…@sha256:…", or both as "name:tag@digest". */
export function formatReference(ref: Reference): string {
  return repositoryName(ref) + suffix(ref);
}

/** ":tag@digest", either part only when present. */
export function suffix(ref: Pick<Reference, 'tag' | 'digest'>): string {
  return (ref.tag === null ? '' : `:${ref.tag}`) + (ref.digest === null ? '' : `@${ref.digest}`);
}
