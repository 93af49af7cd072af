/**
 * `docker history`: the config's history, newest first. Non-empty entries
 * take the size of the layer they created (in order); the top row carries
 * the image ID, the rest `<missing>` (no parent images exist in this store).
 */
import type { HistoryRow } from '../../../shared/schemas';
import { goTime, type Snapshot } from '../store';
import { lookupImage } from './lookup';

export function imageHistory(snap: Snapshot, ref: string): HistoryRow[] {
  const img = lookupImage(snap, ref).image;
  const rows: HistoryRow[] = [];
  let layer = 0;
  for (const h of img.config.history ?? []) {
    const empty = h.empty_layer === true;
    const size = empty ? 0 : (img.layers[layer]?.size ?? 0);
    if (!empty) layer += 1;
    rows.push({
      id: '<missing>',
      created: goTime(h.created).text,
      createdBy: h.created_by ?? '',
      size,
      comment: h.comment ?? '',
      emptyLayer: empty,
    });
  }
  rows.reverse();
  if (rows[0]) rows[0].id = img.id;
  return rows;
}
