import type { ImageRow } from '../../../shared/index';
import { createdSince, humanSize } from '../../core/format/units';
import { goTimeString, unixSeconds } from './go-time';
import { truncateId } from './ids';
import type { Zone } from './tzif';

/**
 * One row of `docker images` as Docker's formatter exposes it to templates:
 * every field is a string, named as in Docker (`{{.ID}}`, `{{.CreatedSince}}`…).
 */
export interface ImageView {
  Containers: string;
  CreatedAt: string;
  CreatedSince: string;
  Digest: string;
  ID: string;
  Repository: string;
  SharedSize: string;
  Size: string;
  Tag: string;
  UniqueSize: string;
  /** Deprecated in Docker (equals Size at 4 digits) but still a field, and in `--format json`, up to Docker 28. */
  VirtualSize: string;
}

/** Table headers for each field (Docker's SubHeaderContext for images). */
export const IMAGE_HEADERS: Record<keyof ImageView, string> = {
  Containers: 'CONTAINERS',
  CreatedAt: 'CREATED AT',
  CreatedSince: 'CREATED',
  Digest: 'DIGEST',
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  SharedSize: 'SHARED SIZE',
  Size: 'SIZE',
  Tag: 'TAG',
  UniqueSize: 'UNIQUE SIZE',
  VirtualSize: 'SIZE',
};

export interface ImageViewOptions {
  trunc: boolean;
  /** `--digests` was given. */
  showDigests: boolean;
  /** `--digests`, or the format mentions `{{.Digest}}`: tagged rows then show their digest. */
  needDigest: boolean;
  now: number;
  zone: Zone;
}

/**
 * The DIGEST cell Docker shows: a tagged row shows its repository digest only
 * when digests are wanted (else `<none>`); a digest-only row shows it with
 * `--digests` and is blank otherwise; an untagged row is all `<none>`.
 */
function digestCell(row: ImageRow, o: ImageViewOptions): string {
  if (row.repository === '<none>') return '<none>';
  if (row.tag !== '<none>') return o.needDigest ? (row.digest ?? '<none>') : '<none>';
  return o.showDigests ? (row.digest ?? '<none>') : '';
}

export function imageView(row: ImageRow, o: ImageViewOptions): ImageView {
  // Docker's API carries Created as whole Unix seconds.
  const created = unixSeconds(row.created);
  const shared = row.sharedSize;
  return {
    Containers: 'N/A',
    CreatedAt: Number.isNaN(created) ? '' : goTimeString(created, o.zone),
    CreatedSince: Number.isNaN(created) ? '' : createdSince(created * 1000, o.now),
    Digest: digestCell(row, o),
    ID: o.trunc ? truncateId(row.id) : row.id,
    Repository: row.repository,
    SharedSize: shared === undefined ? 'N/A' : humanSize(shared, 4),
    Size: humanSize(row.size, 3),
    Tag: row.tag,
    UniqueSize: shared === undefined ? 'N/A' : humanSize(row.uniqueSize ?? row.size - shared, 4),
    VirtualSize: humanSize(row.size, 4),
  };
}
