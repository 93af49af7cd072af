/**
 * Which registry a search term names, the way Docker's daemon splits it: the
 * first path component is a registry when it has a '.' or ':' or is
 * 'localhost'; otherwise the whole term goes to Docker Hub, where a leading
 * 'library/' is dropped.
 */
import { BerthError } from '../../../shared/errors';
import { isDockerHub } from '../registry/hosts';

export const HUB = 'docker.io';

export interface SearchTarget {
  /** 'docker.io' or host[:port]. */
  registry: string;
  /** What is sent as q (or matched against catalog names). */
  query: string;
}

export function searchTarget(term: string): SearchTarget {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(term)) {
    throw new BerthError('INVALID_ARGUMENT', `invalid repository name: repository name (${term}) should not have a scheme`);
  }
  const slash = term.indexOf('/');
  const first = slash < 0 ? '' : term.slice(0, slash);
  if (slash < 0 || (!first.includes('.') && !first.includes(':') && first !== 'localhost')) return onHub(term);
  if (first.startsWith('-') || first.endsWith('-')) {
    throw new BerthError('INVALID_ARGUMENT', `invalid index name (${first}). Cannot begin or end with a hyphen.`);
  }
  const rest = term.slice(slash + 1);
  return isDockerHub(first) ? onHub(rest) : { registry: first.toLowerCase(), query: rest };
}

/** A term searched in a registry the caller chose (the panel's registry selector). */
export function searchTargetIn(registry: string, term: string): SearchTarget {
  return isDockerHub(registry) ? onHub(term) : { registry: registry.toLowerCase(), query: term };
}

function onHub(term: string): SearchTarget {
  return { registry: HUB, query: term.startsWith('library/') ? term.slice('library/'.length) : term };
}
