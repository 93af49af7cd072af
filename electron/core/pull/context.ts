/**
 * What pulls and pushes share in one process: the store, registry access,
 * Docker's transfer limits (3 downloads, 5 uploads at once, across all jobs)
 * and the single-flight tables for layer and config downloads.
 */
import PQueue from 'p-queue';
import type { RemoteContext } from '../remote';
import type { LayerMeta, Lease, Store } from '../store';
import type { FetchEvent } from './layer-fetch';
import { SingleFlight } from './single-flight';

export interface TransferLimits {
  downloads?: number;
  uploads?: number;
  /** Blobs larger than this are uploaded in chunks of chunkSize. Default 32 MiB / 8 MiB. */
  chunkedAbove?: number;
  chunkSize?: number;
}

export class TransferContext {
  readonly downloads: PQueue;
  readonly uploads: PQueue;
  readonly layerFlights = new SingleFlight<LayerMeta | null, Lease, FetchEvent>();
  /** Config fetches in flight, by digest: bytes in memory until the image is recorded. */
  readonly configFlights = new SingleFlight<Buffer, undefined, never>();
  /**
   * Configs fetched lately, by digest (verified, so any pull may reuse them): a pull that asks
   * after another's fetch ended but before that pull recorded its image finds it here.
   */
  readonly recentConfigs = new Recent<Buffer>(32);
  /**
   * Facts of layers fetched lately, by digest: a pull that found a layer missing and asks
   * for it after another pull's fetch of it ended uses the blob that fetch stored.
   */
  readonly recentLayers = new Recent<LayerMeta>(256);
  readonly chunking: { above: number; size: number };

  constructor(
    readonly store: Store,
    readonly remote: RemoteContext,
    limits: TransferLimits = {},
  ) {
    this.downloads = new PQueue({ concurrency: limits.downloads ?? 3 });
    this.uploads = new PQueue({ concurrency: limits.uploads ?? 5 });
    this.chunking = { above: limits.chunkedAbove ?? 32 * 1024 * 1024, size: limits.chunkSize ?? 8 * 1024 * 1024 };
  }
}

/** The last `limit` values remembered, by key; the oldest go first. */
export class Recent<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  remember(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    for (const oldest of this.map.keys()) {
      if (this.map.size <= this.limit) break;
      this.map.delete(oldest);
    }
  }
}

/** Runs fn in a slot of queue; says 'Waiting' first when every slot is taken. */
export function inSlot<T>(queue: PQueue, onWaiting: () => void, fn: () => Promise<T>): Promise<T> {
  if (queue.pending >= queue.concurrency) onWaiting();
  return queue.add(fn, { throwOnTimeout: true });
}
