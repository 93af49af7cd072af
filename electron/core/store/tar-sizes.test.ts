import fc from 'fast-check';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { TarSizeScanner } from './tar-sizes';
import { tarOf, type Entry } from './testing/build';

/** The reference: the sizes as tar-stream's extract reads the same bytes. */
async function sizesByTarStream(bytes: Buffer): Promise<number> {
  const sizes = new Map<string, number>();
  const extract = tar.extract();
  extract.on('entry', (h, stream, next) => {
    const name = h.name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
    const size = h.type === 'file' || h.type === 'contiguous-file' ? (h.size ?? 0) : h.type === 'symlink' ? Buffer.byteLength(h.linkname ?? '') : 0;
    sizes.set(name, size);
    stream.on('end', next);
    stream.resume();
  });
  const done = new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(bytes);
  await done;
  let total = 0;
  for (const n of sizes.values()) total += n;
  return total;
}

function scan(bytes: Uint8Array, cuts: number[] = []): number {
  const s = new TarSizeScanner();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    s.push(bytes.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  s.push(bytes.subarray(at));
  return s.finish();
}

/** A raw header block with a valid checksum (GNU or ustar magic). */
function header(fields: { name: string; size: number | Buffer; flag: string; linkname?: string; magic?: 'gnu' | 'ustar' | 'none' }): Buffer {
  const b = Buffer.alloc(512);
  b.write(fields.name, 0, 100, 'utf8');
  b.write('0000644\0', 100);
  b.write('0000000\0', 108);
  b.write('0000000\0', 116);
  if (typeof fields.size === 'number') b.write(`${fields.size.toString(8).padStart(11, '0')}\0`, 124);
  else fields.size.copy(b, 124);
  b.write('00000000000\0', 136);
  b.write(fields.flag, 156);
  if (fields.linkname) b.write(fields.linkname, 157, 100, 'utf8');
  const magic = fields.magic ?? 'ustar';
  if (magic === 'ustar') b.write('ustar\x0000', 257, 'latin1');
  if (magic === 'gnu') b.write('ustar  \x00', 257, 'latin1');
  b.fill(32, 148, 156);
  let sum = 0;
  for (const x of b) sum += x;
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return b;
}

function padded(body: Buffer): Buffer {
  return Buffer.concat([body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

const END = Buffer.alloc(1024);

describe('TarSizeScanner', () => {
  it('agrees with tar-stream on any entries, however the bytes are chunked', async () => {
    const name = fc.oneof(
      fc.stringMatching(/^[a-z]{1,12}(\/[a-z]{1,12}){0,3}$/),
      fc.string({ minLength: 90, maxLength: 300 }).map((s) => `long/${s.replace(/[\0/]/g, 'x')}`), // pax path records
      fc.constantFrom('é/ü', './f', 'f', '/f', 'd/'),
    );
    const entry: fc.Arbitrary<Entry> = fc.oneof(
      fc.record({ name, content: fc.uint8Array({ maxLength: 1500 }).map((a) => Buffer.from(a)) }),
      fc.record({ name, type: fc.constant('directory' as const) }),
      fc.record({ name, type: fc.constant('symlink' as const), linkname: fc.string({ minLength: 1, maxLength: 200 }).map((s) => s.replace(/\0/g, 'x')) }),
      fc.record({ name, type: fc.constant('link' as const), linkname: fc.constant('f') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 8 }), async (entries, cuts) => {
        const bytes = await tarOf(entries);
        const scaled = cuts.map((c) => c % (bytes.length + 1));
        expect(scan(bytes, scaled)).toBe(await sizesByTarStream(bytes));
      }),
      { numRuns: 150 },
    );
  });

  it('reads byte by byte the same as in one chunk', async () => {
    const bytes = await tarOf([
      { name: 'a', content: 'x'.repeat(700) },
      { name: 'b'.repeat(150), content: 'yy' },
      { name: 'l', type: 'symlink', linkname: 't'.repeat(180) },
    ]);
    const one = new TarSizeScanner();
    for (let i = 0; i < bytes.length; i++) one.push(bytes.subarray(i, i + 1));
    expect(one.finish()).toBe(scan(bytes));
    expect(scan(bytes)).toBe(700 + 2 + 180);
  });

  it('takes names and link targets from GNU long headers', () => {
    const longName = `${'n'.repeat(120)}/file`;
    const longLink = 'k'.repeat(130);
    const bytes = Buffer.concat([
      header({ name: '././@LongLink', size: longName.length + 1, flag: 'L', magic: 'gnu' }),
      padded(Buffer.from(`${longName}\0`)),
      header({ name: 'short', size: 3, flag: '0', magic: 'gnu' }),
      padded(Buffer.from('abc')),
      header({ name: '././@LongLink', size: longLink.length, flag: 'K', magic: 'gnu' }),
      padded(Buffer.from(longLink)),
      header({ name: 'link', size: 0, flag: '2', linkname: 'short-target', magic: 'gnu' }),
      // the same long path again, smaller: replaces the first
      header({ name: '././@LongLink', size: longName.length, flag: 'L', magic: 'gnu' }),
      padded(Buffer.from(longName)),
      header({ name: 'other', size: 1, flag: '0', magic: 'gnu' }),
      padded(Buffer.from('z')),
      END,
    ]);
    expect(scan(bytes)).toBe(1 + longLink.length);
  });

  it('reads base-256 sizes and pax size records', () => {
    const big = Buffer.alloc(12);
    big[0] = 0x80;
    big.writeUIntBE(700, 6, 6);
    const pax = Buffer.from('13 size=1000\n');
    const bytes = Buffer.concat([
      header({ name: 'b256', size: big, flag: '0' }),
      padded(Buffer.alloc(700)),
      header({ name: 'PaxHeader', size: pax.length, flag: 'x' }),
      padded(pax),
      header({ name: 'paxed', size: 0, flag: '0' }),
      padded(Buffer.alloc(1000)),
      END,
    ]);
    expect(scan(bytes)).toBe(1700);
  });

  it('accepts a tar that ends right after the last data, refuses one cut inside it', async () => {
    const bytes = await tarOf([{ name: 'f', content: 'x'.repeat(2000) }]);
    expect(scan(bytes.subarray(0, 512 + 2000))).toBe(2000);
    expect(() => scan(bytes.subarray(0, 900))).toThrow('Unexpected end of data');
  });

  it('refuses a header with a bad checksum or no tar magic', () => {
    const good = header({ name: 'f', size: 0, flag: '0' });
    const bad = Buffer.from(good);
    bad[0] = 0x41;
    expect(() => scan(bad)).toThrow(/Invalid tar header. Maybe the tar is corrupted/);
    expect(() => scan(header({ name: 'f', size: 0, flag: '0', magic: 'none' }))).toThrow('Invalid tar header: unknown format.');
  });
});
