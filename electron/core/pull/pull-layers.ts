/**
 * The layers of one image, Docker's way: a line per layer ("Already exists"
 * or "Pulling fs layer"), downloads in the shared 3-slot queue ("Waiting"
 * beyond it), one fetch per blob across concurrent pulls, then "Pull
 * complete" in layer order. The first failure stops the others.
 */
import type { JobReporter } from '../jobs';
import type { RegistryClient } from '../registry';
import { crashPoint, type LayerMeta, type Lease } from '../store';
import { inSlot, type TransferContext } from './context';
import { rootFSMismatch, throwIfCancelled } from './errors';
import { existingLayer, knownLayerFacts } from './known-layers';
import { fetchLayer, type FetchEvent } from './layer-fetch';
import { shortId } from './layer-ids';

export interface LayerPlan {
  digest: string;
  size: number;
  diffID: string;
}

export interface LayersOutcome {
  /** Facts per blob digest, for createImage. */
  facts: Record<string, LayerMeta>;
  /** How many layers were downloaded (not already here). */
  fetched: number;
}

export async function pullLayers(
  ctx: TransferContext,
  job: JobReporter,
  source: { client: RegistryClient; repo: string },
  layers: readonly LayerPlan[],
  lease: Lease,
): Promise<LayersOutcome> {
  const known = await knownLayerFacts(ctx.store);
  const facts: Record<string, LayerMeta> = {};
  const missing: LayerPlan[] = [];
  for (const l of layers) {
    throwIfCancelled(job.signal);
    const have = await existingLayer(ctx.store, lease, l, known);
    if (have && have.diffID !== l.diffID) throw rootFSMismatch({ layer: l.digest, expected: l.diffID, actual: have.diffID });
    if (have) {
      facts[l.digest] = have;
      job.phase(shortId(l.digest), l.digest, 'Already exists');
    } else {
      missing.push(l);
      job.phase(shortId(l.digest), l.digest, 'Pulling fs layer');
    }
  }
  const stop = new AbortController();
  const signal = AbortSignal.any([job.signal, stop.signal]);
  const downloads = missing.map((l) => download(ctx, job, source, l, lease, signal));
  let firstError: unknown;
  // One failure ends the others, and it is the one reported (not the cancellations it caused).
  downloads.forEach((p) =>
    p.catch((e: unknown) => {
      firstError ??= e;
      stop.abort();
    }),
  );
  const unique = new Set<string>();
  for (const [i, l] of missing.entries()) {
    const got = await downloads[i]!.catch(async (e: unknown) => {
      // The others are being stopped; the job ends once they have cleaned up, not before.
      await Promise.allSettled(downloads);
      throw firstError ?? e;
    });
    if (got) facts[l.digest] = got;
    if (!unique.has(l.digest)) job.phase(shortId(l.digest), l.digest, 'Pull complete');
    unique.add(l.digest);
    crashPoint('pull.layer-done');
  }
  return { facts, fetched: unique.size };
}

async function download(
  ctx: TransferContext,
  job: JobReporter,
  source: { client: RegistryClient; repo: string },
  l: LayerPlan,
  lease: Lease,
  signal: AbortSignal,
): Promise<LayerMeta | null> {
  const id = shortId(l.digest);
  let phase = 'Pulling fs layer';
  const onEvent = (e: FetchEvent): void => {
    if (e.type === 'phase') {
      phase = e.phase;
      job.phase(id, l.digest, e.phase);
    } else if (phase !== 'Downloading' && phase !== 'Verifying Checksum') {
      phase = 'Downloading';
      job.phase(id, l.digest, 'Downloading', { current: e.current, total: e.total });
    } else job.bytes(id, e.current, e.total);
  };
  const facts = await ctx.layerFlights.run(l.digest, { context: lease, onEvent, signal }, (flight) =>
    inSlot(ctx.downloads, () => flight.emit({ type: 'phase', phase: 'Waiting' }), async () => {
      throwIfCancelled(flight.signal);
      const flightLease = ctx.store.lease();
      try {
        // This pull found it missing, but another pull's fetch of it may have ended since.
        const got =
          (await existingLayer(ctx.store, flightLease, l, ctx.recentLayers)) ??
          (await fetchLayer({ ...source, layer: l, diffID: l.diffID, store: ctx.store, lease: flightLease, signal: flight.signal, emit: flight.emit }));
        if (got) ctx.recentLayers.remember(l.digest, got);
        await Promise.all(flight.waiters().map((w) => w.add(l.digest)));
        return got;
      } finally {
        await flightLease.release();
      }
    }),
  );
  await lease.add(l.digest); // a caller that joined at the very end
  if (facts && facts.diffID !== l.diffID) throw rootFSMismatch({ layer: l.digest, expected: l.diffID, actual: facts.diffID });
  return facts;
}
