import path from 'node:path';
import { BerthError } from '../../../shared/errors';

/** Where each part of a store lives. Berth's own files stay under berth/, never in blobs/. */
export class StorePaths {
  readonly root: string;
  readonly layoutFile: string;
  readonly indexFile: string;
  readonly blobsDir: string;
  readonly berthDir: string;
  readonly tmpDir: string;
  readonly leasesDir: string;
  readonly metaFile: string;
  readonly lockFile: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.layoutFile = path.join(this.root, 'oci-layout');
    this.indexFile = path.join(this.root, 'index.json');
    this.blobsDir = path.join(this.root, 'blobs');
    this.berthDir = path.join(this.root, 'berth');
    this.tmpDir = path.join(this.berthDir, 'tmp');
    this.leasesDir = path.join(this.berthDir, 'leases');
    this.metaFile = path.join(this.berthDir, 'meta.json');
    this.lockFile = path.join(this.berthDir, 'lock');
  }

  /** blobs/<algorithm>/<encoded>; refuses anything that could escape the blobs dir. */
  blob(digest: string): string {
    const m = /^([a-z0-9]+):([a-f0-9]{64})$/.exec(digest);
    if (!m || m[1] !== 'sha256') throw new BerthError('UNSUPPORTED', `unsupported digest: ${digest}`);
    return path.join(this.blobsDir, m[1], m[2]!);
  }
}

export const SHA256_RE = /^sha256:[a-f0-9]{64}$/;

export function isSha256Digest(s: string): boolean {
  return SHA256_RE.test(s);
}
