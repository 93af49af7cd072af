/**
 * Measures a layer while it downloads: the compressed bytes are fed to an
 * inflater whose output goes straight into the store's layer meter (the
 * tar's sha256 → diffID, its length, the entry sizes from the headers), so
 * the facts match what the store computes for `images` SIZE. The inflater's
 * backpressure bounds memory whatever the layer size.
 */
import { once } from 'node:events';
import { PassThrough, type Transform } from 'node:stream';
import { createGunzip, type ZlibOptions } from 'node:zlib';
import { BerthError } from '../../../shared/errors';
import { INFLATE_CHUNK, LayerMeter, measureStream, sniffCompression } from '../store/layer-size';
import type { LayerMeta } from '../store';

/** How much compressed input may wait in the inflater before write() waits. */
const INPUT_BUFFER = 1 << 20;
/** Network chunks are ~64 KiB; each inflater write is a thread-pool round trip, so they go in batches. */
const INPUT_BATCH = 512 * 1024;

/** Collects small chunks into one of at least `size` bytes. */
class Batch {
  private parts: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly size: number) {}

  /** The batch once it is full, else undefined (the chunk is kept). */
  add(chunk: Buffer): Buffer | undefined {
    this.parts.push(chunk);
    this.bytes += chunk.length;
    return this.bytes >= this.size ? this.take() : undefined;
  }

  take(): Buffer {
    const out = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.bytes);
    this.parts = [];
    this.bytes = 0;
    return out;
  }
}

type Sink =
  /** Uncompressed: the chunks are the tar. */
  | { kind: 'tar'; meter: LayerMeter }
  /** gzip: inflated on the thread pool, metered as the output arrives. */
  | { kind: 'gzip'; meter: LayerMeter; inflate: Transform; done: Promise<void> }
  /** Anything else (zstd): the store's stream measuring, which knows what this Node can read. */
  | { kind: 'stream'; input: PassThrough; result: Promise<LayerMeta> };

export class StreamMeasure {
  private sink: Sink | undefined;
  private readonly batch = new Batch(INPUT_BATCH);
  /** Why measuring stopped early. Reported by end(), after the download's own digest check had its say. */
  private failure: { error: unknown } | undefined;

  /** Feeds a chunk, waiting while the inflater is behind. Never throws: end() does. */
  async write(chunk: Buffer): Promise<void> {
    if (this.failure) return;
    const sink = (this.sink ??= openSink(chunk, (error) => (this.failure ??= { error })));
    if (sink.kind === 'tar') {
      try {
        sink.meter.push(chunk);
      } catch (error) {
        this.failure = { error };
      }
      return;
    }
    const input = sink.kind === 'gzip' ? sink.inflate : sink.input;
    if (input.destroyed) return;
    const batch = this.batch.add(chunk);
    if (!batch) return;
    if (input.write(batch)) return;
    const stopped = sink.kind === 'gzip' ? sink.done : sink.result;
    // The measuring may stop early (a broken stream): then nobody will drain, and its error tells why.
    await Promise.race([once(input, 'drain').catch(() => undefined), stopped.then(noop, noop)]);
  }

  /** Ends the input and resolves with the layer's facts. */
  async end(): Promise<LayerMeta> {
    const sink = (this.sink ??= openSink(Buffer.alloc(0), noop));
    if (this.failure) throw this.failure.error;
    switch (sink.kind) {
      case 'tar':
        return sink.meter.finish();
      case 'gzip':
        sink.inflate.end(this.batch.take());
        await sink.done;
        return sink.meter.finish();
      case 'stream':
        sink.input.end(this.batch.take());
        return sink.result;
    }
  }

  /** Stops measuring (the download failed or was cancelled). */
  abort(): void {
    if (this.sink?.kind === 'gzip') this.sink.inflate.destroy();
    if (this.sink?.kind === 'stream') this.sink.input.destroy();
  }
}

function openSink(first: Buffer, onError: (e: unknown) => void): Sink {
  const kind = sniffCompression(first);
  if (kind === 'none') return { kind: 'tar', meter: new LayerMeter() };
  if (kind === 'gzip') {
    const meter = new LayerMeter();
    // zlib passes stream options on to its Transform; the typings do not list them.
    const inflate = createGunzip({ chunkSize: INFLATE_CHUNK, highWaterMark: INPUT_BUFFER } as ZlibOptions);
    const done = new Promise<void>((resolve, reject) => {
      inflate.on('data', (out: Buffer) => {
        try {
          meter.push(out);
        } catch (e) {
          inflate.destroy(e as Error);
        }
      });
      inflate.once('end', resolve);
      inflate.on('error', (e) => reject(e instanceof BerthError ? e : new BerthError('CORRUPT', `cannot read layer: ${e.message}`)));
      inflate.once('close', () => reject(new BerthError('CANCELLED', 'measuring stopped')));
    });
    done.catch(onError); // observed by end(); an aborted measure must not be an unhandled rejection
    return { kind: 'gzip', meter, inflate, done };
  }
  const input = new PassThrough({ highWaterMark: INPUT_BUFFER });
  input.on('error', noop); // the measuring reports failures through result
  const result = measureStream(input, kind);
  result.catch(noop); // observed by end()
  return { kind: 'stream', input, result };
}

function noop(): void {}

/** The chunks of source, passing each through measure first; the measure is aborted if the source fails. */
export async function* measured(source: AsyncIterable<Buffer>, measure: StreamMeasure): AsyncGenerator<Buffer> {
  let complete = false;
  try {
    for await (const chunk of source) {
      await measure.write(chunk);
      yield chunk;
    }
    complete = true;
  } finally {
    if (!complete) measure.abort();
  }
}
