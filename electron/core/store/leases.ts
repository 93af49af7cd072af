/**
 * Leases keep blobs alive while a job holds them (an ingest not yet tagged, an
 * export in progress). They are files, berth/leases/<pid>-<n>, so a GC in
 * another process sees them; a lease whose PID is dead protects nothing.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { crashPoint } from './crash-point';
import { isErrno, pidAlive, pidOfName, writeFileAtomic } from './fsutil';
import type { StorePaths } from './paths';

let counter = 0;

export class Lease {
  readonly file: string;
  private readonly digests = new Set<string>();
  private released = false;

  constructor(private readonly paths: StorePaths) {
    counter += 1;
    this.file = path.join(paths.leasesDir, `${process.pid}-${counter}`);
  }

  get held(): ReadonlySet<string> {
    return this.digests;
  }

  /** Records the digests on disk before returning, so a GC that starts afterwards spares them. */
  async add(...digests: string[]): Promise<void> {
    if (this.released) throw new Error('lease already released');
    const before = this.digests.size;
    for (const d of digests) this.digests.add(d);
    if (this.digests.size === before) return;
    await mkdir(this.paths.leasesDir, { recursive: true });
    // Renamed into place, so a GC never reads half a lease; not fsynced: after a crash its PID is dead anyway.
    await writeFileAtomic(this.file, JSON.stringify([...this.digests]), this.paths.tmpDir, { durable: false, point: 'lease' });
  }

  async release(): Promise<void> {
    this.released = true;
    this.digests.clear();
    crashPoint('lease.before-remove');
    await unlink(this.file).catch(() => {});
    crashPoint('lease.removed');
  }
}

/** Digests held by leases of live processes. Leases of dead processes are removed on the way. */
export async function leasedDigests(paths: StorePaths): Promise<Set<string>> {
  const held = new Set<string>();
  let names: string[];
  try {
    names = await readdir(paths.leasesDir);
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return held;
    throw e;
  }
  for (const name of names) {
    const pid = pidOfName(name);
    const file = path.join(paths.leasesDir, name);
    if (pid === null || !pidAlive(pid)) {
      await unlink(file).catch(() => {});
      continue;
    }
    for (const d of await readLease(file)) held.add(d);
  }
  return held;
}

async function readLease(file: string): Promise<string[]> {
  try {
    const v: unknown = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    // Vanished (released) between readdir and read: it protects nothing.
    return [];
  }
}
