import type { ContainerRow } from '../../../shared/index';
import { createdSince } from '../../core/format/units';
import { ellipsis } from '../../core/format/width';
import { goQuote } from '../../core/format/template/goquote';
import { familiarName, familiarString, parseNormalizedNamed, trimNamed } from '../../core/reference/index';
import { goTimeString, unixSeconds } from './go-time';
import { truncateId } from './ids';
import type { Zone } from './tzif';

/** One row of `docker ps` as Docker's ContainerContext exposes it to templates. */
export interface ContainerView {
  ID: string;
  Image: string;
  Command: string;
  CreatedAt: string;
  RunningFor: string;
  Ports: string;
  State: string;
  Status: string;
  Names: string;
}

export const CONTAINER_HEADERS: Record<keyof ContainerView, string> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Names: 'NAMES',
};

export interface ContainerViewOptions {
  trunc: boolean;
  now: number;
  zone: Zone;
}

/** Docker cuts COMMAND to 20 cells (19 + `…`) before quoting it. */
const COMMAND_WIDTH = 20;

/**
 * IMAGE as Docker shows it: the short ID when the container was made from an
 * ID; otherwise the familiar name, with its tag but without a digest.
 */
function imageCell(row: ContainerRow, trunc: boolean): string {
  if (row.image === '') return '<no image>';
  if (!trunc) return row.image;
  if (truncateId(row.imageId) === truncateId(row.image)) return truncateId(row.image);
  try {
    const ref = parseNormalizedNamed(row.image);
    return ref.tag !== null ? familiarString({ ...trimNamed(ref), tag: ref.tag }) : familiarName(ref);
  } catch {
    return row.image;
  }
}

/** NAMES: all of them joined by commas, or (truncated) the first that is not a link alias `a/b`. */
function namesCell(names: readonly string[], trunc: boolean): string {
  const plain = names.map((n) => n.replace(/^\//, ''));
  const own = trunc ? plain.find((n) => !n.includes('/')) : undefined;
  return (own !== undefined ? [own] : plain).join(',');
}

export function containerView(row: ContainerRow, o: ContainerViewOptions): ContainerView {
  const created = unixSeconds(row.created);
  return {
    ID: o.trunc ? truncateId(row.id) : row.id,
    Image: imageCell(row, o.trunc),
    Command: goQuote(o.trunc ? ellipsis(row.command, COMMAND_WIDTH) : row.command),
    CreatedAt: Number.isNaN(created) ? '' : goTimeString(created, o.zone),
    RunningFor: Number.isNaN(created) ? '' : createdSince(created * 1000, o.now),
    Ports: '',
    State: row.state,
    Status: row.status,
    Names: namesCell(row.names, o.trunc),
  };
}
