/**
 * Crash-safe file primitives: temp file beside the target tree, fsync,
 * rename, fsync the directory. Temp names carry the writer's PID so a later
 * process can tell abandoned temp files (dead writer) from live ones.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { crashPoint } from './crash-point';

export const TMP_PREFIX = 'tmp-';

export function tempName(tmpDir: string): string {
  return path.join(tmpDir, `${TMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
}

/** The PID encoded in a temp or lease file name (`tmp-<pid>-…`, `<pid>-<n>`), or null. */
export function pidOfName(name: string): number | null {
  const m = /^(?:tmp-)?(\d+)-/.exec(name);
  return m ? Number(m[1]) : null;
}

export function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, constants.O_RDONLY);
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes `data` to `target` so that readers see either the old or the new file, even across a crash.
 * `durable: false` keeps the all-or-nothing view for other processes but skips both fsyncs: for files
 * that mean nothing after a crash (a lease names a PID that is then dead). `point` names the file in
 * crash-test traces (default: its base name).
 */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  tmpDir: string,
  opts: { durable?: boolean; point?: string } = {},
): Promise<void> {
  const durable = opts.durable ?? true;
  const point = opts.point ?? path.basename(target);
  const tmp = tempName(tmpDir);
  const fh = await open(tmp, 'wx', 0o644);
  try {
    await fh.writeFile(data);
    if (durable) await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fh.close();
  crashPoint(`${point}.before-rename`);
  try {
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  crashPoint(`${point}.after-rename`);
  if (durable) await fsyncDir(path.dirname(target));
}

export function isErrno(e: unknown, code: string): boolean {
  return (e as NodeJS.ErrnoException | null)?.code === code;
}
