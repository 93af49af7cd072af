/** Manifest and blob media types the client negotiates and recognises. */
export { MEDIA as MediaType, isIndexType, isManifestType } from '../oci';
import { MEDIA as MediaType } from '../oci';

/** containerd's resolver Accept list, in its order. */
export const MANIFEST_ACCEPT = [
  MediaType.dockerManifest,
  MediaType.dockerList,
  MediaType.ociManifest,
  MediaType.ociIndex,
  '*/*',
].join(', ');

export function isSchema1Type(mt: string): boolean {
  return mt === MediaType.dockerSchema1 || mt === MediaType.dockerSchema1Signed || mt === 'application/json';
}

/** "application/json; charset=utf-8" → "application/json". */
export function baseMediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
