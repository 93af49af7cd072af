import type { HistoryRow } from '../../../shared/index';
import { humanDuration, humanSize } from '../../core/format/units';
import { ellipsis } from '../../core/format/width';
import { goRFC3339, unixSeconds } from './go-time';
import { truncateId } from './ids';
import type { Zone } from './tzif';

/** One row of `docker history` as Docker's formatter exposes it to templates. */
export interface HistoryView {
  Comment: string;
  CreatedAt: string;
  CreatedBy: string;
  CreatedSince: string;
  ID: string;
  Size: string;
}

export const HISTORY_HEADERS: Record<keyof HistoryView, string> = {
  Comment: 'COMMENT',
  CreatedAt: 'CREATED AT',
  CreatedBy: 'CREATED BY',
  CreatedSince: 'CREATED',
  ID: 'IMAGE',
  Size: 'SIZE',
};

export interface HistoryViewOptions {
  trunc: boolean;
  /** `-H/--human` (Docker's default): humanized dates and sizes. */
  human: boolean;
  now: number;
  zone: Zone;
}

/** Entries at or before 2000-01-01 show `N/A` as their age (Docker's history epoch). */
const EPOCH = Date.UTC(2000, 0, 1) / 1000;

/** CREATED BY is cut to this many display cells, the last one `…`. */
const CREATED_BY_WIDTH = 45;

export function historyView(row: HistoryRow, o: HistoryViewOptions): HistoryView {
  const created = unixSeconds(row.created);
  const createdAt = goRFC3339(Number.isNaN(created) ? 0 : created, o.zone);
  let since = createdAt;
  if (o.human) since = !(created > EPOCH) ? 'N/A' : `${humanDuration(o.now - created * 1000)} ago`;
  const createdBy = row.createdBy.replaceAll('\t', ' ');
  return {
    Comment: row.comment,
    CreatedAt: createdAt,
    CreatedBy: o.trunc ? ellipsis(createdBy, CREATED_BY_WIDTH) : createdBy,
    CreatedSince: since,
    ID: o.trunc ? truncateId(row.id) : row.id,
    Size: o.human ? humanSize(row.size, 3) : String(row.size),
  };
}
