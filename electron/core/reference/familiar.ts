/**
 * The short forms Docker prints everywhere a person reads a reference
 * (RepoTags, "Untagged:", "Loaded image:").
 */
import { repositoryName, suffix } from './format';
import { DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX, type Reference } from './types';

/**
 * "ubuntu", "user/app", "localhost:5000/x". "library/" is dropped only when
 * nothing nested follows it: docker.io/library/a/b stays "library/a/b".
 */
export function familiarName(ref: Reference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return repositoryName(ref);
  if (!ref.path.startsWith(OFFICIAL_REPO_PREFIX)) return ref.path;
  const official = ref.path.slice(OFFICIAL_REPO_PREFIX.length);
  return official.includes('/') ? ref.path : official;
}

/** "ubuntu:14.04", "ubuntu@sha256:…", "user/app:1@sha256:…". */
export function familiarString(ref: Reference): string {
  return familiarName(ref) + suffix(ref);
}
