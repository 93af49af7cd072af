/**
 * Making a directory a store (oci-layout, index.json, blobs/sha256, berth/)
 * and clearing what dead writers left behind (their temp files and leases).
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../../shared/errors';
import { isErrno, pidAlive, pidOfName, TMP_PREFIX, writeFileAtomic } from './fsutil';
import { emptyIndex } from './index-file';
import type { StorePaths } from './paths';

export const LAYOUT_VERSION = '1.0.0';

export async function ensureLayout(paths: StorePaths): Promise<void> {
  await mkdir(path.join(paths.blobsDir, 'sha256'), { recursive: true });
  await mkdir(paths.tmpDir, { recursive: true });
  await mkdir(paths.leasesDir, { recursive: true });
  await checkOrWriteLayoutFile(paths);
}

async function checkOrWriteLayoutFile(paths: StorePaths): Promise<void> {
  let text: string | null = null;
  try {
    text = await readFile(paths.layoutFile, 'utf8');
  } catch (e) {
    if (!isErrno(e, 'ENOENT')) throw e;
  }
  if (text === null) {
    await writeFileAtomic(paths.layoutFile, JSON.stringify({ imageLayoutVersion: LAYOUT_VERSION }), paths.tmpDir);
    return;
  }
  let version: unknown;
  try {
    version = (JSON.parse(text) as { imageLayoutVersion?: unknown }).imageLayoutVersion;
  } catch {
    version = undefined;
  }
  if (typeof version !== 'string' || !version.startsWith('1.')) {
    throw new BerthError('CORRUPT', `${paths.root} is not an OCI image layout this version understands (oci-layout: ${text.trim().slice(0, 100)})`);
  }
}

/** index.json is created under the store lock so two first runs cannot race. */
export async function ensureIndex(paths: StorePaths, exists: boolean): Promise<void> {
  if (!exists) await writeFileAtomic(paths.indexFile, JSON.stringify(emptyIndex()), paths.tmpDir);
}

/** Temp files whose writer is gone are garbage: the write they belonged to never happened. */
export async function removeDeadTemps(paths: StorePaths): Promise<number> {
  let removed = 0;
  for (const name of await readdir(paths.tmpDir).catch(() => [] as string[])) {
    if (!name.startsWith(TMP_PREFIX)) continue;
    const pid = pidOfName(name);
    if (pid !== null && !pidAlive(pid)) {
      await unlink(path.join(paths.tmpDir, name)).catch(() => {});
      removed += 1;
    }
  }
  return removed;
}
