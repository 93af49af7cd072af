/**
 * `docker save -o FILE`: the archive goes to a temp file beside FILE and is
 * renamed over it only when complete, so a failed or cancelled save never
 * leaves a half archive under the name asked for.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Store } from '../store';
import { saveImages, type SaveOptions, type SaveResult } from './save';

export async function saveToFile(store: Store, refs: readonly string[], file: string, opts: SaveOptions = {}): Promise<SaveResult> {
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.berth-${process.pid}-${randomBytes(4).toString('hex')}`);
  const out = createWriteStream(tmp, { flags: 'wx', mode: 0o644 });
  try {
    const result = await saveImages(store, refs, out, opts);
    await rename(tmp, target);
    return result;
  } catch (e) {
    out.destroy();
    await unlink(tmp).catch(() => {});
    throw e;
  }
}
