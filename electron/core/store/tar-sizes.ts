/**
 * The entry sizes of a tar stream, read from its headers alone: chunks are
 * pushed in as they arrive and file data is skipped without being copied or
 * buffered, so memory stays at one header whatever the layer holds. Reads
 * the headers the way tar-stream does (ustar and GNU magic, checksums, pax
 * and GNU long names, base-256 sizes), which the store used before.
 */

const BLOCK = 512;
const NULL_HEADER_SUM = 8 * 32; // the checksum of an all-zero block
const MAX_LONG_HEADER = 4 * 1024 * 1024;
const USTAR_MAGIC = Buffer.from('ustar\x00', 'latin1');
const GNU_MAGIC = Buffer.from('ustar ', 'latin1');
const GNU_VERSION = Buffer.from(' \x00', 'latin1');

type LongKind = 'pax' | 'pax-global' | 'gnu-path' | 'gnu-link';

/** Typeflags (as byte - '0', NUL being 0) of the headers that describe the next entry. */
const LONG_KINDS: Record<number, LongKind> = { 72: 'pax', 55: 'pax-global', 27: 'gnu-link', 28: 'gnu-path', 30: 'gnu-path' };

export class TarSizeScanner {
  private readonly header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** Bytes of the current entry's data still to come (then its padding). */
  private dataLeft = 0;
  private padLeft = 0;
  private long: { kind: LongKind; body: Buffer; fill: number } | null = null;
  private pax: Record<string, string> | null = null;
  private paxGlobal: Record<string, string> | null = null;
  private gnuPath: string | null = null;
  private gnuLink: string | null = null;
  /** Size per entry path: a later entry for a path replaces the earlier one, as extraction would. */
  private readonly sizes = new Map<string, number>();

  /** Reads the headers in chunk; throws on a corrupt header. */
  push(chunk: Uint8Array): void {
    const len = chunk.length;
    let i = 0;
    while (i < len) {
      if (this.dataLeft > 0 || this.padLeft > 0) {
        const n = Math.min(this.dataLeft + this.padLeft, len - i);
        const fromData = Math.min(n, this.dataLeft);
        this.dataLeft -= fromData;
        this.padLeft -= n - fromData;
        i += n;
      } else if (this.long) {
        const long = this.long;
        const n = Math.min(long.body.length - long.fill, len - i);
        long.body.set(chunk.subarray(i, i + n), long.fill);
        long.fill += n;
        i += n;
        if (long.fill === long.body.length) {
          this.long = null;
          this.readLong(long.kind, long.body);
          this.padLeft = padding(long.body.length);
        }
      } else if (this.headerFill === 0 && len - i >= BLOCK) {
        this.readHeader(chunk.subarray(i, i + BLOCK)); // whole header in this chunk: no copy
        i += BLOCK;
      } else {
        const n = Math.min(BLOCK - this.headerFill, len - i);
        this.header.set(chunk.subarray(i, i + n), this.headerFill);
        this.headerFill += n;
        i += n;
        if (this.headerFill === BLOCK) {
          this.headerFill = 0;
          this.readHeader(this.header);
        }
      }
    }
  }

  /**
   * The summed entry sizes. A stream that stops inside an entry's data is an error;
   * one that stops right after it (no padding, no end blocks) is not: Docker accepts those.
   */
  finish(): number {
    if (this.dataLeft > 0) throw new Error('Unexpected end of data');
    let size = 0;
    for (const n of this.sizes.values()) size += n;
    return size;
  }

  private readHeader(block: Uint8Array): void {
    const sum = checksum(block);
    if (sum === NULL_HEADER_SUM) return; // end-of-archive blocks: skipped, as tar-stream does
    if (sum !== readNumber(block, 148, 8)) throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?');
    const ustar = equalAt(block, 257, USTAR_MAGIC);
    if (!ustar && !(equalAt(block, 257, GNU_MAGIC) && equalAt(block, 263, GNU_VERSION))) {
      throw new Error('Invalid tar header: unknown format.');
    }
    const flag = block[156] === 0 ? 0 : block[156]! - 48;
    const size = readNumber(block, 124, 12);
    const longKind = LONG_KINDS[flag];
    if (longKind) {
      if (size === null || !(size >= 0) || size > MAX_LONG_HEADER) throw new Error('Header exceeds max size');
      if (size > 0) this.long = { kind: longKind, body: Buffer.alloc(size), fill: 0 }; // an empty one says nothing
      return;
    }
    let name = readString(block, 0, 100);
    if (ustar && block[345] !== 0) name = `${readString(block, 345, 155)}/${name}`;
    let linkname = block[157] === 0 ? null : readString(block, 157, 100);
    let entrySize = size;
    if (this.gnuPath) name = this.gnuPath;
    if (this.gnuLink) linkname = this.gnuLink;
    this.gnuPath = this.gnuLink = null;
    if (this.pax) {
      if (this.pax.path) name = this.pax.path;
      if (this.pax.linkpath) linkname = this.pax.linkpath;
      if (this.pax.size) entrySize = parseInt(this.pax.size, 10);
      this.pax = null;
    }
    if (entrySize === null || !(entrySize >= 0)) throw new Error('Invalid header');
    this.sizes.set(entryPath(name), countedSize(flag, entrySize, linkname));
    if (entrySize > 0 && flag !== 5) {
      this.dataLeft = entrySize;
      this.padLeft = padding(entrySize);
    }
  }

  private readLong(kind: LongKind, body: Buffer): void {
    switch (kind) {
      case 'gnu-path':
        this.gnuPath = readString(body, 0, body.length);
        break;
      case 'gnu-link':
        this.gnuLink = readString(body, 0, body.length);
        break;
      case 'pax-global':
        this.paxGlobal = parsePax(body);
        break;
      case 'pax':
        // Global records only apply through a later local pax header, as in tar-stream.
        this.pax = { ...(this.paxGlobal ?? {}), ...parsePax(body) };
        break;
    }
  }
}

/** overlay2's size: regular files count their size, symlinks their target's length, the rest 0. */
function countedSize(flag: number, size: number, linkname: string | null): number {
  if (flag === 0 || flag === 7) return size;
  if (flag === 2) return Buffer.byteLength(linkname ?? '', 'utf8');
  return 0;
}

/** A later entry for the same path replaces the earlier one, as extraction would. */
function entryPath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

function padding(size: number): number {
  const rest = size % BLOCK;
  return rest === 0 ? 0 : BLOCK - rest;
}

function checksum(block: Uint8Array): number {
  let sum = NULL_HEADER_SUM;
  for (let i = 0; i < 148; i++) sum += block[i]!;
  for (let i = 156; i < BLOCK; i++) sum += block[i]!;
  return sum;
}

function equalAt(block: Uint8Array, at: number, bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (block[at + i] !== bytes[i]) return false;
  return true;
}

function readString(buf: Uint8Array, at: number, length: number): string {
  let end = at;
  while (end < at + length && buf[end] !== 0) end++;
  return Buffer.from(buf.buffer, buf.byteOffset + at, end - at).toString('utf8');
}

/** An octal field (leading spaces and NULs allowed), or base-256 when its top bit is set; null when unreadable. */
function readNumber(buf: Uint8Array, at: number, length: number): number | null {
  const first = buf[at]!;
  if (first & 0x80) return readBase256(buf, at, length);
  let i = at;
  const stop = at + length;
  while (i < stop && buf[i] === 32) i++;
  let end = i;
  while (end < stop && buf[end] !== 32) end++;
  while (i < end && buf[i] === 0) i++;
  if (i === end) return 0;
  return parseInt(Buffer.from(buf.buffer, buf.byteOffset + i, end - i).toString('latin1'), 8);
}

function readBase256(buf: Uint8Array, at: number, length: number): number | null {
  const first = buf[at]!;
  if (first !== 0x80 && first !== 0xff) return null;
  const positive = first === 0x80;
  let sum = 0;
  for (let i = at + 1; i < at + length; i++) sum = sum * 256 + (positive ? buf[i]! : 0xff - buf[i]!);
  return positive ? sum : -sum;
}

/** pax records ("LEN key=value\n"); stops quietly at the first malformed one. */
function parsePax(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let rest = body;
  while (rest.length > 0) {
    let i = 0;
    while (i < rest.length && rest[i] !== 32) i++;
    const len = parseInt(rest.subarray(0, i).toString(), 10);
    if (!len) return out;
    const record = rest.subarray(i + 1, len - 1).toString();
    const eq = record.indexOf('=');
    if (eq === -1) return out;
    out[record.slice(0, eq)] = record.slice(eq + 1);
    rest = rest.subarray(len);
  }
  return out;
}
