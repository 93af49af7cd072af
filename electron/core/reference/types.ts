/**
 * A parsed image reference. `domain` is '' only for names that carry no
 * registry host (possible from `parseReference`, and from normalization of
 * names whose first component looks like a host but is not a valid one).
 */
export interface Reference {
  domain: string;
  path: string;
  tag: string | null;
  digest: string | null;
}

/** What `parseAnyReference` returns for a bare image ID or `algo:hex` digest. */
export interface DigestReference {
  digest: string;
}

export const DEFAULT_TAG = 'latest';
export const DEFAULT_DOMAIN = 'docker.io';
/** Docker Hub's old "index" host; normalization folds it into DEFAULT_DOMAIN. */
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
export const OFFICIAL_REPO_PREFIX = 'library/';
/** Only the path counts toward this limit (distribution/reference ≥ v0.6). */
export const REPOSITORY_NAME_MAX_LENGTH = 255;
export const TAG_MAX_LENGTH = 128;
