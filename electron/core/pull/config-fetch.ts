/**
 * An image's config for a pull: read from the store when it is already
 * there, else fetched once per process however many pulls want it at once
 * (two names of one image pulled together share it, as layers are shared).
 */
import { fetchBlobBytes, type RegistryClient } from '../registry';
import type { Store } from '../store';
import type { TransferContext } from './context';

export interface ConfigDescriptor {
  digest: string;
  size: number;
}

export async function imageConfig(
  ctx: TransferContext,
  source: { client: RegistryClient; repo: string },
  desc: ConfigDescriptor,
  signal: AbortSignal,
): Promise<Buffer> {
  const here = await configHere(ctx, desc);
  if (here) return here;
  const waiter = { context: undefined, onEvent: () => {}, signal };
  return ctx.configFlights.run(desc.digest, waiter, async (flight) => {
    // This pull found it missing, but another pull's fetch of it may have ended since.
    const bytes =
      (await configHere(ctx, desc)) ??
      (await fetchBlobBytes(source.client, source.repo, { digest: desc.digest, size: desc.size }, { signal: flight.signal, kind: 'config' }));
    ctx.recentConfigs.remember(desc.digest, bytes); // before the flight ends: no later pull misses both
    return bytes;
  });
}

function configHere(ctx: TransferContext, d: ConfigDescriptor): Promise<Buffer | undefined> {
  const recent = ctx.recentConfigs.get(d.digest);
  return recent ? Promise.resolve(recent) : localBlob(ctx.store, d);
}

/** A config already here (the image, or a sibling tag of it, was pulled before) is not fetched again. */
async function localBlob(store: Store, d: ConfigDescriptor): Promise<Buffer | undefined> {
  if ((await store.blobs.size(d.digest)) !== d.size) return undefined;
  return store.blobs.read(d.digest).catch(() => undefined);
}
