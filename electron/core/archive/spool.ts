/**
 * Where archive entries wait until the archive is understood. A
 * docker-archive may put manifest.json after its layers, so nothing is known
 * about an entry when it streams past: small entries stay in memory (within
 * a budget), larger ones go into the store as candidate blobs under the
 * job's lease, keyed by their digest, while their layer facts are measured
 * from the same bytes. Candidates nobody claims are removed at the end.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { Lease, Store } from '../store';
import type { ArchiveLimits } from './limits';
import { decompress } from './compression';
import { layerFacts, type LayerFacts } from './layer-facts';

export interface Candidate {
  path: string;
  size: number;
  digest: string;
  /** The bytes, for entries kept in memory. */
  bytes?: Buffer;
  /** Measured while spooling (stored candidates) or on demand (memory ones). */
  facts?: LayerFacts;
}

export interface SpoolProgress {
  /** An entry large enough to be worth a progress line started or moved. */
  entry(path: string, current: number, total: number): void;
}

export class Spool {
  readonly files = new Map<string, Candidate>();
  readonly links = new Map<string, string>();
  /** Blobs this job put into the store that were not there before. */
  readonly created = new Set<string>();
  private memory = 0;

  constructor(
    private readonly store: Store,
    readonly lease: Lease,
    private readonly limits: ArchiveLimits,
    private readonly signal?: AbortSignal,
  ) {}

  async add(path: string, size: number, body: AsyncIterable<Uint8Array>, progress?: SpoolProgress): Promise<void> {
    const small = size <= this.limits.smallEntryBytes && this.memory + size <= this.limits.memoryBudgetBytes;
    const candidate = small ? await this.keep(path, size, body) : await this.ingest(path, size, body, progress);
    this.files.set(path, candidate);
  }

  private async keep(path: string, size: number, body: AsyncIterable<Uint8Array>): Promise<Candidate> {
    const parts: Uint8Array[] = [];
    for await (const c of body) parts.push(c);
    const bytes = Buffer.concat(parts);
    this.memory += bytes.length;
    return { path, size, bytes, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
  }

  private async ingest(path: string, size: number, body: AsyncIterable<Uint8Array>, progress?: SpoolProgress): Promise<Candidate> {
    const tee = new PassThrough({ highWaterMark: 1024 * 1024 });
    let measuring = true;
    let refused: unknown;
    const facts = layerFacts(tee, this.limits, path).finally(() => {
      measuring = false;
      tee.resume(); // a measurement that gave up must not hold the ingest back
    });
    facts.catch((e: unknown) => (refused = e)); // a bomb: stop reading at once
    let current = 0;
    async function* both(): AsyncIterable<Uint8Array> {
      try {
        for await (const c of body) {
          current += c.length;
          progress?.entry(path, current, size);
          if (measuring && !tee.write(c)) await Promise.race([once(tee, 'drain'), facts.catch(() => {})]);
          if (refused) throw refused;
          yield c;
        }
        tee.end();
      } catch (e) {
        tee.destroy(e as Error);
        throw e;
      }
    }
    const ref = await this.store.ingest(both(), {
      lease: this.lease,
      ...(this.signal ? { signal: this.signal } : {}),
      beforeCommit: async (digest) => {
        if (!(await this.store.blobs.has(digest))) this.created.add(digest);
      },
    });
    return { path, size: ref.size, digest: ref.digest, facts: await facts };
  }

  /** Makes sure the candidate's bytes are a blob in the store (memory-held ones are ingested now). */
  async commit(c: Candidate): Promise<void> {
    if (!c.bytes) return;
    await this.ingestVerified(c.bytes, { digest: c.digest, size: c.size });
  }

  /** Stores the candidate decompressed; the store checks the result hashes to `diffID`. */
  async commitDecompressed(c: Candidate, diffID: string, tarSize: number): Promise<void> {
    const { stream } = await decompress(this.stream(c), this.limits, c.path);
    await this.ingestVerified(stream, { digest: diffID, size: tarSize });
  }

  private async ingestVerified(source: Uint8Array | AsyncIterable<Uint8Array>, expected: { digest: string; size: number }): Promise<void> {
    await this.store.ingest(source, {
      expected,
      lease: this.lease,
      ...(this.signal ? { signal: this.signal } : {}),
      beforeCommit: async (digest) => {
        if (!(await this.store.blobs.has(digest))) this.created.add(digest);
      },
    });
  }

  /** The file an archive path names, following links inside the archive (bounded, so loops end). */
  resolve(path: string): Candidate | undefined {
    let p = path;
    for (let hops = 0; hops < 40; hops++) {
      const file = this.files.get(p);
      if (file) return file;
      const next = this.links.get(p);
      if (next === undefined) return undefined;
      p = next;
    }
    return undefined;
  }

  /** Layer facts for a candidate, measuring memory-held ones on first use. */
  async factsOf(c: Candidate): Promise<LayerFacts> {
    c.facts ??= await layerFacts(oneChunk(c.bytes ?? Buffer.alloc(0)), this.limits, c.path);
    return c.facts;
  }

  /** The candidate's bytes as a stream: from memory, or from the blob the store now holds. */
  stream(c: Candidate): AsyncIterable<Uint8Array> {
    return c.bytes ? oneChunk(c.bytes) : this.store.blobs.stream(c.digest);
  }

  /** A document's bytes (JSON files are small; the limit is checked by the caller). */
  async read(c: Candidate): Promise<Buffer> {
    return c.bytes ?? (await this.store.blobs.read(c.digest));
  }
}

async function* oneChunk(b: Buffer): AsyncIterable<Uint8Array> {
  yield b;
}
