/**
 * Measures a layer while it downloads: the compressed bytes are teed into the
 * store's own layer measuring (decompress, hash the tar → diffID, sum the
 * entry sizes), so the facts match what the store computes for `images`
 * SIZE. A bounded buffer with backpressure keeps memory flat.
 */
import { once } from 'node:events';
import { PassThrough, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { measureStream, sniffCompression } from '../store/layer-size';
import type { LayerMeta } from '../store';

const BUFFER_BYTES = 1 << 20;
/** zlib's default 16 KiB output chunks make inflate callback-bound; larger ones halve its cost. */
const INFLATE_CHUNK = 256 * 1024;

export class StreamMeasure {
  private readonly input = new PassThrough({ highWaterMark: BUFFER_BYTES });
  private result: Promise<LayerMeta> | undefined;

  constructor() {
    this.input.on('error', noop); // the measuring pipeline reports failures through result
  }

  /** Feeds a chunk, waiting while the decompressor is behind. */
  async write(chunk: Buffer): Promise<void> {
    const result = this.start(chunk);
    if (this.input.write(chunk)) return;
    // The measuring may stop early (a broken stream): then nobody will drain, and its error tells why.
    await Promise.race([once(this.input, 'drain').catch(() => undefined), result.then(noop, noop)]);
  }

  /** Ends the input and resolves with the layer's facts. */
  async end(): Promise<LayerMeta> {
    const result = this.start(Buffer.alloc(0));
    this.input.end();
    return result;
  }

  /** Stops measuring (the download failed or was cancelled). */
  abort(): void {
    this.input.destroy();
  }

  private start(first: Buffer): Promise<LayerMeta> {
    if (!this.result) {
      const kind = sniffCompression(first);
      this.result =
        kind === 'gzip'
          ? measureStream(pipeline(this.input, createGunzip({ chunkSize: INFLATE_CHUNK }), noop), 'none')
          : measureStream(this.input, kind);
      this.result.catch(noop); // observed by end(); an aborted measure must not be an unhandled rejection
    }
    return this.result;
  }
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
