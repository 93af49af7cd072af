/**
 * One pass over a stream feeding two consumers: the bytes go on to the
 * caller (who stores them) while `side` reads a copy (to measure them). A
 * side that stops early stops receiving; one that fails with FORBIDDEN
 * (a bomb) stops the main stream too.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors';

export function tee<T>(source: AsyncIterable<Uint8Array>, side: (copy: Readable) => Promise<T>): { main: AsyncIterable<Uint8Array>; side: Promise<T> } {
  const copy = new PassThrough({ highWaterMark: 1024 * 1024 });
  let open = true;
  let refused: unknown;
  const result = side(copy).finally(() => {
    open = false;
    copy.resume();
  });
  result.catch((e: unknown) => {
    if (e instanceof BerthError && e.code === 'FORBIDDEN') refused = e;
  });
  async function* main(): AsyncIterable<Uint8Array> {
    try {
      for await (const c of source) {
        if (open && !copy.write(c)) await Promise.race([once(copy, 'drain'), result.catch(() => {})]);
        if (refused) throw refused;
        yield c;
      }
      copy.end();
    } catch (e) {
      copy.destroy(e as Error);
      throw e;
    }
  }
  return { main: main(), side: result };
}
