/**
 * Manifest GET/HEAD with containerd's Accept list: schema1 refused with
 * Docker's message, body digest verified (the requested digest wins over
 * Docker-Content-Digest), 4 MB-ish cap as containerd's, a body cut mid-way
 * fetched again, descriptors checked before use, and a body whose mediaType
 * contradicts Content-Type rejected.
 */
import { BerthError } from '../../../shared/errors';
import { repositoryScope, type RegistryClient, type RegistryRequest } from './client';
import { digestAlgorithm, digestOf, isWellFormedDigest } from './digest';
import { baseMediaType, isIndexType, isManifestType, isSchema1Type, MANIFEST_ACCEPT, MediaType } from './media-types';
import type { ErrorContext } from './registry-errors';
import { manifestShapeProblem } from './manifest-shape';
import { discard, header, isBodyTooLarge, type HttpResponse } from './transport';
import type { Descriptor, ManifestJson } from './types';

/** containerd's limit for manifests during resolution (4*1048*1048, sic). */
export const MAX_MANIFEST_BYTES = 4 * 1048 * 1048;

export interface ManifestTarget {
  /** Repository path in the registry: "library/busybox". */
  repo: string;
  /** Tag or digest. */
  reference: string;
  /** Names for messages, Docker-style: familiar name/ref and the full ref. */
  names?: { name: string; ref: string; full: string };
  op?: 'pull' | 'push' | 'other';
}

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  size: number;
  bytes: Buffer;
  json: ManifestJson;
}

export interface ManifestOptions {
  signal?: AbortSignal;
}

function errorContext(t: ManifestTarget): ErrorContext {
  const n = t.names;
  return { op: t.op ?? 'pull', manifest: true, ...(n ? { name: n.name, ref: n.ref } : {}) };
}

function isDigestRef(reference: string): boolean {
  return reference.includes(':');
}

export function schema1Error(t: ManifestTarget): BerthError {
  const who = t.names ? ` Suggest the author of ${t.names.full} to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2.` : '';
  return new BerthError(
    'UNSUPPORTED',
    `Docker Image Format v1 and Docker Image manifest version 2, schema 1 support has been removed.${who} More information at https://docs.docker.com/go/deprecated-image-specs/`,
  );
}

function refFor(t: ManifestTarget): string {
  return t.names?.ref ?? `${t.repo}:${t.reference}`;
}

/** containerd's wording; without a Content-Length the size is only known to pass the cap. */
function tooLarge(t: ManifestTarget, size: number | undefined): BerthError {
  const what = size === undefined ? `rejecting more than ${MAX_MANIFEST_BYTES} byte manifest for ${refFor(t)}` : `rejecting ${size} > ${MAX_MANIFEST_BYTES} byte manifest for ${refFor(t)}`;
  return new BerthError('UNSUPPORTED', what);
}

function requestSpec(method: 'GET' | 'HEAD', t: ManifestTarget, opts: ManifestOptions): RegistryRequest {
  return {
    method,
    path: `/v2/${t.repo}/manifests/${t.reference}`,
    headers: { accept: MANIFEST_ACCEPT },
    scopes: [repositoryScope(t.repo, 'pull')],
    errorContext: errorContext(t),
    ...(opts.signal ? { signal: opts.signal } : {}),
  };
}

/** Works out the manifest's media type from Content-Type and body, refusing contradictions and schema1. */
export function manifestMediaType(t: ManifestTarget, contentType: string | undefined, json: ManifestJson): string {
  const ct = baseMediaType(contentType);
  const body = typeof json.mediaType === 'string' ? json.mediaType : '';
  if (json.schemaVersion === 1 || isSchema1Type(body) || (ct !== 'application/json' && isSchema1Type(ct))) throw schema1Error(t);
  const generic = ct === '' || ct === 'application/json' || ct === 'application/octet-stream' || ct === 'text/plain';
  if (body !== '' && !generic && body !== ct) {
    throw new BerthError('CORRUPT', `media type mismatch for ${t.names?.ref ?? t.reference}: response says ${ct}, manifest says ${body}`);
  }
  if (body !== '') return body;
  if (!generic) return ct;
  // No declared type at all: sniff the OCI shape (mediaType is optional in OCI).
  if (Array.isArray(json.manifests)) return MediaType.ociIndex;
  if (json.config !== undefined) return MediaType.ociManifest;
  return ct;
}

/** GETs a manifest and checks it; throws DIGEST_MISMATCH, UNSUPPORTED (schema1, size), CORRUPT. */
export async function getManifest(client: RegistryClient, t: ManifestTarget, opts: ManifestOptions = {}): Promise<FetchedManifest> {
  let fetched: { res: HttpResponse; bytes: Buffer };
  try {
    fetched = await client.requestBytes(requestSpec('GET', t, opts), MAX_MANIFEST_BYTES);
  } catch (e) {
    if (isBodyTooLarge(e)) throw tooLarge(t, e.details.declared);
    throw e;
  }
  const { res, bytes } = fetched;
  const expected = isDigestRef(t.reference) ? t.reference : header(res, 'docker-content-digest');
  const digest = verifyManifestDigest(t, bytes, expected);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BerthError('CORRUPT', `invalid manifest for ${t.names?.ref ?? t.reference}: not JSON`);
  }
  const problem = manifestShapeProblem(parsed);
  if (problem) throw new BerthError('CORRUPT', `invalid manifest for ${t.names?.ref ?? t.reference}: ${problem}`);
  const json = parsed as ManifestJson;
  const mediaType = manifestMediaType(t, header(res, 'content-type'), json);
  return { digest, mediaType, size: bytes.length, bytes, json };
}

function verifyManifestDigest(t: ManifestTarget, bytes: Buffer, expected: string | undefined): string {
  if (expected === undefined || !isWellFormedDigest(expected)) return digestOf(bytes);
  const actual = digestOf(bytes, digestAlgorithm(expected));
  if (actual !== expected) {
    throw new BerthError('DIGEST_MISMATCH', `manifest verification failed for digest ${expected}`, { expected, actual, repo: t.repo });
  }
  // Keep sha256 as the canonical digest when the registry used another algorithm.
  return expected.startsWith('sha256:') ? expected : digestOf(bytes);
}

/**
 * Resolves a tag or digest to a descriptor: HEAD first, then GET when HEAD is
 * refused or lacks Docker-Content-Digest (GET also gives the proper error text).
 */
export async function resolveManifest(client: RegistryClient, t: ManifestTarget, opts: ManifestOptions = {}): Promise<Descriptor> {
  try {
    const res = await client.request(requestSpec('HEAD', t, opts));
    await discard(res);
    const digest = isDigestRef(t.reference) ? t.reference : header(res, 'docker-content-digest');
    const mediaType = baseMediaType(header(res, 'content-type'));
    const size = Number(header(res, 'content-length'));
    if (digest && isWellFormedDigest(digest) && (isIndexType(mediaType) || isManifestType(mediaType)) && size >= 0) {
      if (size > MAX_MANIFEST_BYTES) throw tooLarge(t, size);
      return { mediaType, digest, size };
    }
    if (isSchema1Type(mediaType)) throw schema1Error(t);
  } catch (e) {
    if (e instanceof BerthError && (e.code === 'CANCELLED' || e.code === 'UNSUPPORTED')) throw e;
  }
  const m = await getManifest(client, t, opts);
  return { mediaType: m.mediaType, digest: m.digest, size: m.size };
}

/** Whether the manifest exists (HEAD 200); false on 404. */
export async function manifestExists(client: RegistryClient, t: ManifestTarget, opts: ManifestOptions = {}): Promise<Descriptor | undefined> {
  try {
    return await resolveManifest(client, t, opts);
  } catch (e) {
    if (e instanceof BerthError && e.code === 'NOT_FOUND') return undefined;
    throw e;
  }
}
