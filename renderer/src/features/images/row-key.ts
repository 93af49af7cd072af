import type { ImageRow } from '../../../../shared/index';

const keys = new WeakMap<object, string>();

/** A row's identity across refreshes: the same tag of the same image (memoized per row object). */
export function rowKey(r: Pick<ImageRow, 'id' | 'repository' | 'tag'>): string {
  let key = keys.get(r);
  if (key === undefined) {
    key = `${r.id}\n${r.repository}\n${r.tag}`;
    keys.set(r, key);
  }
  return key;
}

/** What a person types to name the row: `repo:tag`, or the short ID for `<none>` rows. */
export function rowRef(r: ImageRow): string {
  if (r.tag !== '<none>') return `${r.repository}:${r.tag}`;
  if (r.repository !== '<none>' && r.digest) return `${r.repository}@${r.digest}`;
  return r.id;
}
