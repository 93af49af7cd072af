/**
 * A layer's facts (diffID, size as dockerd counts it, tar length) from its
 * bytes in whatever compression they came in, decompressed under the
 * archive limits. Content that is not a tar yields `null` facts with the
 * reason, since an archive entry is only known to be a layer later.
 */
import { Readable } from 'node:stream';
import { BerthError } from '../../../shared/errors';
import type { LayerMeta } from '../store';
import { measureStream } from '../store/layer-size';
import { decompress, type Compression } from './compression';
import type { ArchiveLimits } from './limits';

export type LayerFacts = (LayerMeta & { compression: Compression }) | { error: BerthError };

export async function layerFacts(source: AsyncIterable<Uint8Array>, limits: ArchiveLimits, what: string): Promise<LayerFacts> {
  try {
    const { compression, stream } = await decompress(source, limits, what);
    const meta = await measureStream(Readable.from(stream, { objectMode: false }), 'none');
    return { ...meta, compression };
  } catch (e) {
    // A bomb is refused outright, wherever it sits; anything else only matters if this turns out to be a layer.
    if (e instanceof BerthError && e.code === 'FORBIDDEN') throw e;
    const err = e instanceof BerthError ? e : new BerthError('CORRUPT', `${what}: ${(e as Error).message}`);
    return { error: err };
  }
}

export function isLayer(f: LayerFacts | undefined): f is LayerMeta & { compression: Compression } {
  return f !== undefined && !('error' in f);
}
