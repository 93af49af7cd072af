import type { ImageRow } from '../../../../shared/index';
import { rowRef } from './row-key';

export interface PlannedImage {
  id: string;
  /** What `Untagged:` lines name (familiar references). */
  untag: string[];
  /** The image itself goes (its last reference is among those removed). */
  deleted: boolean;
  /** Layer bytes only this image uses: what deleting it frees. */
  bytes: number;
}

export interface DeletePlan {
  /** The arguments images.remove gets, as `docker rmi` would. */
  args: string[];
  images: PlannedImage[];
  bytes: number;
}

/**
 * What the confirmation lists, from the rows on screen. Delete removes whole
 * images by ID (every tag goes); untag removes exactly the chosen tags, and
 * only an image whose every reference is chosen goes with them.
 */
export function planRemoval(kind: 'delete' | 'untag', chosen: readonly ImageRow[], all: readonly ImageRow[]): DeletePlan {
  const byId = new Map<string, ImageRow[]>();
  for (const r of chosen) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const images: PlannedImage[] = [];
  const args: string[] = [];
  for (const [id, picked] of byId) {
    const refs = all.filter((r) => r.id === id && r.reference !== null);
    const bytes = picked[0]!.uniqueSize ?? picked[0]!.size;
    if (kind === 'delete') {
      args.push(id);
      images.push({ id, untag: refs.map(rowRef), deleted: true, bytes });
      continue;
    }
    const mine = picked.filter((r) => r.reference !== null);
    args.push(...mine.map((r) => r.reference!));
    const deleted = refs.every((r) => mine.some((m) => m.reference === r.reference));
    images.push({ id, untag: mine.map(rowRef), deleted, bytes: deleted ? bytes : 0 });
  }
  return { args, images, bytes: images.reduce((n, i) => n + i.bytes, 0) };
}
