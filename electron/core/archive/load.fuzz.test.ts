/**
 * docker load on mutated archives. Small valid archives (a legacy
 * docker-archive, Berth's own docker and OCI saves, gzip/xz/zstd layers, a
 * gzip-compressed archive) are bent by seeded mutations: bytes flipped,
 * inserted, deleted or cut (in tar headers, bodies, compressed frames),
 * entries swapped, dropped, duplicated, renamed or turned into links and
 * devices, JSON documents edited. Every load into a copy of a seeded store
 * must either record valid images (fsck clean, image ID = hash of its
 * config) or refuse with a BerthError that is not INTERNAL; either way the
 * store keeps everything it had, gains nothing unreachable and holds no temp
 * files or leases afterwards. BERTH_SOAK=1 runs 5,000 mutants instead of 150.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import { recordFigures } from '../../../test/fixtures/figures';
import { FuzzTally, fuzzRuns, fuzzTimeout } from '../../../test/fixtures/fuzz';
import { reachableBlobs, Store } from '../store';
import { addImage, fileLayer, sha256 } from '../store/testing/build';
import { loadArchive } from './load';
import { saveToFile } from './save-file';

const tally = new FuzzTally();
const codes = new Map<string, number>();
let unhandled = 0;
const onUnhandled = (): void => void (unhandled += 1);

let work: string;
let template: string; // a seeded store, copied for every mutant
let bases: Base[];
let keptDigest: string;

/* ---------- archives as entry lists ---------- */

type EntryType = 'file' | 'symlink' | 'link' | 'directory' | 'character-device' | 'fifo';
interface Entry {
  name: string;
  type: EntryType;
  body: Buffer;
  linkname?: string;
}
interface Base {
  label: string;
  entries: Entry[];
  gzip: boolean;
}

async function pack(entries: readonly Entry[]): Promise<Buffer> {
  const p = tar.pack();
  for (const e of entries) {
    const header = { name: e.name, type: e.type, mtime: new Date(0), ...(e.linkname !== undefined ? { linkname: e.linkname } : {}) };
    if (e.type === 'file') p.entry({ ...header, size: e.body.length }, e.body);
    else p.entry(header);
  }
  p.finalize();
  const parts: Buffer[] = [];
  for await (const c of p) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

async function unpack(archive: Buffer): Promise<Entry[]> {
  const out: Entry[] = [];
  const extract = tar.extract();
  const done = (async () => {
    for await (const e of extract) {
      const parts: Buffer[] = [];
      for await (const c of e) parts.push(c as Buffer);
      const h = e.header;
      out.push({ name: h.name, type: (h.type ?? 'file') as EntryType, body: Buffer.concat(parts), ...(h.linkname ? { linkname: h.linkname } : {}) });
    }
  })();
  extract.end(archive);
  await done;
  return out;
}

const hex = (d: string) => d.slice('sha256:'.length);
const file = (name: string, body: Buffer | string): Entry => ({ name, type: 'file', body: Buffer.from(body) });

/** A legacy docker-archive (`<id>.json`, `<dir>/layer.tar`) around one layer blob whose uncompressed tar hashes to `diffID`. */
function legacyArchive(layerBlob: Buffer, diffID: string, tag: string): Entry[] {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [diffID] } }));
  return [
    file(`${hex(sha256(config))}.json`, config),
    { name: 'layer0', type: 'directory', body: Buffer.alloc(0) },
    file('layer0/layer.tar', layerBlob),
    file('manifest.json', JSON.stringify([{ Config: `${hex(sha256(config))}.json`, RepoTags: [tag], Layers: ['layer0/layer.tar'] }])),
  ];
}

// rootfs.tar.{xz,zst} (see compression.test.ts) decompress to one tar with this digest.
const ROOTFS_DIFF_ID = 'sha256:149ea7be098ceda69d5ae49de8f607c21686acd6546e1ec400c370879e29e396';
const fixture = (name: string) => readFile(new URL(`./__fixtures__/${name}`, import.meta.url));

async function buildBases(dir: string): Promise<Base[]> {
  const src = await Store.open(path.join(dir, 'src'));
  try {
    const layer = await fileLayer('etc/fuzz', 'fuzzed content');
    await addImage(src, { layers: [layer], tag: 'docker.io/fuzz/saved:1' });
    const saved = async (format: 'docker' | 'oci') => {
      const out = path.join(dir, `saved-${format}.tar`);
      await saveToFile(src, ['fuzz/saved:1'], out, { format });
      return unpack(await readFile(out));
    };
    const legacy = legacyArchive(layer, sha256(layer), 'fuzz/legacy:1');
    return [
      { label: 'legacy docker-archive', entries: legacy, gzip: false },
      { label: 'legacy docker-archive, gzip-compressed', entries: legacy, gzip: true },
      { label: 'legacy docker-archive with a gzip layer', entries: legacyArchive(gzipSync(layer), sha256(layer), 'fuzz/gz:1'), gzip: false },
      { label: 'legacy docker-archive with an xz layer', entries: legacyArchive(await fixture('rootfs.tar.xz'), ROOTFS_DIFF_ID, 'fuzz/xz:1'), gzip: false },
      { label: 'legacy docker-archive with a zstd layer', entries: legacyArchive(await fixture('rootfs.tar.zst'), ROOTFS_DIFF_ID, 'fuzz/zst:1'), gzip: false },
      { label: 'docker save (Docker 25 layout)', entries: await saved('docker'), gzip: false },
      { label: 'OCI archive (gzip layer as stored)', entries: await saved('oci'), gzip: false },
    ];
  } finally {
    src.close();
  }
}

/* ---------- mutations ---------- */

type ByteMutation =
  | { op: 'flip'; at: number; mask: number }
  | { op: 'header'; block: number; at: number; mask: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; len: number }
  | { op: 'zero'; at: number; len: number }
  | { op: 'truncate'; at: number };

type Structural =
  | { op: 'swap'; i: number; j: number }
  | { op: 'drop'; i: number }
  | { op: 'dup'; i: number }
  | { op: 'rename'; i: number; to: string }
  | { op: 'retype'; i: number; type: EntryType; target: number; outside: boolean }
  | { op: 'json'; i: number; path: number[]; action: 'replace' | 'delete' | 'wrap' | 'stringify'; value: unknown }
  | { op: 'body'; i: number; m: ByteMutation };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('header' as const), block: fc.nat({ max: 40 }), at: fc.nat({ max: 511 }), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 24 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ op: fc.constant('zero' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

const NASTY_NAMES = ['../escape', '/etc/passwd', 'a/../../b', '', '.', './manifest.json', 'manifest.json', 'index.json', 'blobs/sha256/', 'x'.repeat(300), 'dir/', 'é/ü.json'];

const structural: fc.Arbitrary<Structural> = fc.oneof(
  fc.record({ op: fc.constant('swap' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ op: fc.constant('drop' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), i: fc.nat(), to: fc.constantFrom(...NASTY_NAMES) }),
  fc.record({
    op: fc.constant('retype' as const),
    i: fc.nat(),
    type: fc.constantFrom<EntryType>('symlink', 'link', 'directory', 'character-device', 'fifo'),
    target: fc.nat(),
    outside: fc.boolean(),
  }),
  {
    arbitrary: fc.record({
      op: fc.constant('json' as const),
      i: fc.nat(),
      path: fc.array(fc.nat(), { maxLength: 5 }),
      action: fc.constantFrom('replace' as const, 'delete' as const, 'wrap' as const, 'stringify' as const),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('sha256:' + 'a'.repeat(64), '../x', -1, 2 ** 53, 1e300, '', null, [], {})),
    }),
    weight: 3,
  },
  fc.record({ op: fc.constant('body' as const), i: fc.nat(), m: byteMutation }),
);

function applyBytes(b: Buffer, m: ByteMutation): Buffer {
  const at = (n: number) => n % (b.length + 1);
  switch (m.op) {
    case 'flip':
    case 'header': {
      if (b.length === 0) return b;
      const i = m.op === 'flip' ? m.at % b.length : Math.min(m.block * 512 + m.at, b.length - 1);
      const out = Buffer.from(b);
      out[i]! ^= m.mask;
      return out;
    }
    case 'insert':
      return Buffer.concat([b.subarray(0, at(m.at)), m.bytes, b.subarray(at(m.at))]);
    case 'delete':
      return Buffer.concat([b.subarray(0, at(m.at)), b.subarray(at(m.at) + m.len)]);
    case 'zero': {
      const out = Buffer.from(b);
      out.fill(0, at(m.at), Math.min(at(m.at) + m.len, b.length));
      return out;
    }
    case 'truncate':
      return b.subarray(0, at(m.at));
  }
}

/** Edits one spot of a JSON document: the node `path` leads to (indexes taken modulo what is there). */
function editJson(doc: unknown, pathIdx: number[], action: 'replace' | 'delete' | 'wrap' | 'stringify', value: unknown): unknown {
  const change = (v: unknown): unknown => (action === 'wrap' ? [v] : action === 'stringify' ? JSON.stringify(v) : value);
  if (pathIdx.length === 0 || doc === null || typeof doc !== 'object') return action === 'delete' ? undefined : change(doc);
  const [first, ...rest] = pathIdx as [number, ...number[]];
  if (Array.isArray(doc)) {
    if (doc.length === 0) return change(doc);
    const k = first % doc.length;
    const copy = [...doc];
    const v = editJson(copy[k], rest, action, value);
    if (v === undefined) copy.splice(k, 1);
    else copy[k] = v;
    return copy;
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return change(doc);
  const k = keys[first % keys.length]!;
  const copy: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  const v = editJson(copy[k], rest, action, value);
  if (v === undefined) delete copy[k];
  else copy[k] = v;
  return copy;
}

function applyStructural(entries: Entry[], m: Structural): Entry[] {
  if (entries.length === 0) return entries;
  const out = [...entries];
  const pick = (n: number) => n % out.length;
  switch (m.op) {
    case 'swap': {
      const [i, j] = [pick(m.i), pick(m.j)];
      [out[i], out[j]] = [out[j]!, out[i]!];
      return out;
    }
    case 'drop':
      out.splice(pick(m.i), 1);
      return out;
    case 'dup':
      out.splice(pick(m.i), 0, out[pick(m.i)]!);
      return out;
    case 'rename':
      out[pick(m.i)] = { ...out[pick(m.i)]!, name: m.to };
      return out;
    case 'retype': {
      const i = pick(m.i);
      const target = m.outside ? '../../etc/shadow' : out[pick(m.target)]!.name;
      out[i] = { name: out[i]!.name, type: m.type, body: Buffer.alloc(0), ...(m.type === 'symlink' || m.type === 'link' ? { linkname: target } : {}) };
      return out;
    }
    case 'json': {
      // manifest.json and index.json count twice: they steer everything else.
      const docs = out.flatMap((e, i) => (isJson(e) ? (e.name.endsWith('manifest.json') || e.name.endsWith('index.json') ? [i, i] : [i]) : []));
      if (docs.length === 0) return out;
      const i = docs[m.i % docs.length]!;
      const edited = editJson(JSON.parse(out[i]!.body.toString('utf8')), m.path, m.action, m.value);
      out[i] = { ...out[i]!, body: Buffer.from(edited === undefined ? '' : JSON.stringify(edited)) };
      return out;
    }
    case 'body': {
      const i = pick(m.i);
      out[i] = { ...out[i]!, body: applyBytes(out[i]!.body, m.m) };
      return out;
    }
  }
}

function isJson(e: Entry): boolean {
  if (e.type !== 'file' || e.body.length === 0 || (e.body[0] !== 0x7b && e.body[0] !== 0x5b)) return false;
  try {
    JSON.parse(e.body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

interface Mutant {
  base: number;
  structural: Structural[];
  gzip: 'as-base' | 'gzip';
  bytes: ByteMutation[];
}

const mutant: fc.Arbitrary<Mutant> = fc
  .record({
    base: fc.nat(),
    structural: fc.array(structural, { maxLength: 2 }),
    gzip: fc.constantFrom('as-base' as const, 'as-base' as const, 'gzip' as const),
    bytes: fc.array(byteMutation, { maxLength: 3 }),
  })
  .filter((m) => m.structural.length + m.bytes.length > 0);

async function build(m: Mutant): Promise<{ label: string; bytes: Buffer }> {
  const base = bases[m.base % bases.length]!;
  const entries = m.structural.reduce(applyStructural, base.entries);
  let bytes = await pack(entries);
  if (base.gzip || m.gzip === 'gzip') bytes = gzipSync(bytes);
  bytes = m.bytes.reduce(applyBytes, bytes);
  return { label: base.label, bytes };
}

/* ---------- the store before and after ---------- */

interface StoreState {
  index: string;
  meta: string;
  blobs: Set<string>;
}

async function stateOf(store: Store): Promise<StoreState> {
  const read = (f: string) => readFile(f, 'utf8').catch(() => '');
  return { index: await read(store.paths.indexFile), meta: await read(store.paths.metaFile), blobs: new Set(await store.blobs.list()) };
}

const listDir = (d: string) => readdir(d).catch(() => [] as string[]);

async function leftovers(store: Store): Promise<string[]> {
  return [
    ...(await listDir(store.paths.tmpDir)).filter((n) => n !== 'lock').map((n) => `berth/tmp/${n}`),
    ...(await listDir(store.paths.leasesDir)).map((n) => `berth/leases/${n}`),
  ];
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} did not finish in ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Loads one mutant into a fresh copy of the seeded store and checks every promise of the loader. */
async function check(m: Mutant): Promise<void> {
  const { label, bytes } = await build(m);
  const dir = await mkdtemp(path.join(work, 'm-'));
  await cp(template, dir, { recursive: true });
  const store = await Store.open(dir);
  tally.add('mutants');
  try {
    const before = await stateOf(store);
    let loaded: Awaited<ReturnType<typeof loadArchive>> | null = null;
    try {
      loaded = await withTimeout(loadArchive(store, { stream: (async function* () { yield bytes; })(), size: bytes.length }), 20_000, label);
    } catch (e) {
      const code = e instanceof BerthError ? e.code : `${(e as Error).name}`;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (!(e instanceof BerthError) || e.code === 'INTERNAL') {
        tally.add('crashes');
        throw new Error(`${label}: load failed with ${String(e)}`, { cause: e });
      }
      tally.add('refusals');
    }
    const after = await stateOf(store);
    expect(await leftovers(store), `${label}: temp files or leases left`).toEqual([]);
    for (const b of before.blobs) expect(after.blobs.has(b), `${label}: blob ${b} lost`).toBe(true);
    if (loaded === null) {
      expect(after, `${label}: a refused load changed the store`).toEqual(before);
      return;
    }
    tally.add('loads');
    codes.set('loaded', (codes.get('loaded') ?? 0) + 1);
    await checkLoaded(store, loaded, label, before);
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function checkLoaded(store: Store, loaded: Awaited<ReturnType<typeof loadArchive>>, label: string, before: StoreState): Promise<void> {
  const fsck = await store.fsck();
  expect(fsck.problems, `${label}: fsck after a successful load`).toEqual([]);
  const snap = await store.snapshot();
  for (const img of loaded.images) {
    const config = await store.blobs.read(img.id);
    expect(`sha256:${createHash('sha256').update(config).digest('hex')}`, `${label}: image ID is not its config's digest`).toBe(img.id);
    for (const tag of img.tags) expect(snap.byTag.get(tag)?.id, `${label}: ${tag}`).toBe(img.id);
  }
  // The untouched image is still there, whole; every blob the load added is reachable from index.json.
  expect(snap.byTag.get('docker.io/fuzz/keep:1')?.id).toBe(keptDigest);
  const index = await store.readIndex();
  const { reachable } = await reachableBlobs(index, store.docs, store.blobs);
  const added = [...(await stateOf(store)).blobs].filter((b) => !before.blobs.has(b));
  for (const b of added) expect(reachable.has(`sha256:${b}`), `${label}: unreachable blob ${b} left behind`).toBe(true);
}

/* ---------- the run ---------- */

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  work = await mkdtemp(path.join(os.tmpdir(), 'berth-load-fuzz-'));
  bases = await buildBases(work);
  template = path.join(work, 'template');
  const seeded = await Store.open(template);
  try {
    keptDigest = (await addImage(seeded, { layers: [await fileLayer('keep', 'kept')], tag: 'docker.io/fuzz/keep:1' })).id;
    await addImage(seeded, { layers: [await fileLayer('old', 'older legacy')], tag: 'docker.io/fuzz/legacy:1' }); // a tag a load may move
  } finally {
    seeded.close();
  }
}, 60_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  recordFigures('fuzz', {
    inputsTried: tally.get('mutants'),
    parsersCovered: 1,
    archiveMutants: tally.get('mutants'),
    archiveRefusals: tally.get('refusals'),
    archiveLoads: tally.get('loads'),
    crashes: tally.get('crashes') + unhandled,
  });
  if (process.env.BERTH_FUZZ_VERBOSE) console.info('load outcomes', Object.fromEntries(codes));
  await rm(work, { recursive: true, force: true });
});

describe('docker load on mutated archives', () => {
  it('every base archive loads cleanly before mutation', async () => {
    for (const b of bases) {
      const dir = await mkdtemp(path.join(work, 'base-'));
      await cp(template, dir, { recursive: true });
      const store = await Store.open(dir);
      try {
        let bytes = await pack(b.entries);
        if (b.gzip) bytes = gzipSync(bytes);
        const before = await stateOf(store);
        const r = await loadArchive(store, { stream: (async function* () { yield bytes; })() });
        expect(r.images, b.label).toHaveLength(1);
        await checkLoaded(store, r, b.label, before);
      } finally {
        store.close();
        await rm(dir, { recursive: true, force: true });
      }
    }
  }, 60_000);

  it('each mutant loads valid images or is refused with a BerthError, leaving the store whole', async () => {
    const seed = process.env.BERTH_FUZZ_SEED ? Number(process.env.BERTH_FUZZ_SEED) : undefined;
    await fc.assert(fc.asyncProperty(mutant, check), { numRuns: fuzzRuns(150, 5000), ...(seed !== undefined ? { seed } : {}) });
    expect(unhandled, 'unhandled promise rejections during loads').toBe(0);
    // The mutations must reach both outcomes, or the property proves little.
    expect(tally.get('refusals')).toBeGreaterThan(0);
    expect(tally.get('loads')).toBeGreaterThan(0);
  }, fuzzTimeout(120_000, 3_600_000));

  it('damaged gzip, xz and zstd layer frames are refused, never crash a decoder', async () => {
    const compressed = bases.flatMap((b, i) => (/gzip layer|xz layer|zstd layer|OCI/.test(b.label) ? [i] : []));
    const layerEntry = (b: Base) => b.entries.findIndex((e) => e.name.endsWith('layer.tar') || (e.body[0] === 0x1f && e.body[1] === 0x8b));
    const damaged = fc.tuple(fc.constantFrom(...compressed), fc.array(byteMutation, { minLength: 1, maxLength: 3 })).map(([base, ms]): Mutant => ({
      base,
      structural: ms.map((m) => ({ op: 'body' as const, i: layerEntry(bases[base]!), m })),
      gzip: 'as-base',
      bytes: [],
    }));
    await fc.assert(fc.asyncProperty(damaged, check), { numRuns: fuzzRuns(40, 1000) });
    expect(unhandled).toBe(0);
  }, fuzzTimeout(60_000, 1_800_000));
});
