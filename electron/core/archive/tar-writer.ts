/**
 * Writes an archive entry by entry with tar-stream, streaming each body with
 * backpressure. An entry's size is declared up front and the body must
 * match it exactly; the caller verifies digests while the bytes pass.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';

export const EPOCH = new Date(0);

export class TarWriter {
  private readonly pack = tar.pack();
  private readonly done: Promise<void>;
  written = 0;

  constructor(out: Writable, private readonly onBytes?: (written: number) => void) {
    this.done = pipeline(this.pack as unknown as NodeJS.ReadableStream, out);
    this.done.catch(() => {}); // surfaced by finish() or by the next write
  }

  async file(name: string, body: Uint8Array | AsyncIterable<Uint8Array>, size: number, mtime: Date = EPOCH): Promise<void> {
    let sinkError: unknown;
    const ended = new Promise<void>((resolve, reject) => {
      const sink = this.pack.entry({ name, size, mtime, mode: 0o644 }, (err) => (err ? reject(err) : resolve()));
      // The entry callback reports its failure; unheard, the stream's own 'error' would be uncaught (`berth save | head`).
      sink.on('error', () => undefined);
      void this.fill(sink, body).catch((e: unknown) => {
        sinkError = e;
        sink.destroy(e as Error);
        reject(e);
      });
    });
    await Promise.race([ended, this.done]);
    await ended;
    if (sinkError) throw sinkError;
  }

  private async fill(sink: ReturnType<tar.Pack['entry']>, body: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    const chunks = body instanceof Uint8Array ? [body] : body;
    for await (const c of chunks) {
      this.written += c.length;
      this.onBytes?.(this.written);
      if (!sink.write(c)) await once(sink as unknown as NodeJS.EventEmitter, 'drain');
    }
    sink.end(undefined as never);
  }

  json(name: string, value: unknown): Promise<void> {
    const bytes = Buffer.from(JSON.stringify(value));
    return this.file(name, bytes, bytes.length);
  }

  async finish(): Promise<void> {
    this.pack.finalize();
    await this.done;
  }

  destroy(e: Error): void {
    this.pack.destroy(e);
  }
}
