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
  const local = ctx.recentConfigs.get(desc.digest) ?? (await localBlob(ctx.store, desc));
  if (local) return local;
  const waiter = { context: undefined, onEvent: () => {}, signal };
  const bytes = await ctx.configFlights.run(desc.digest, waiter, (flight) =>
    fetchBlobBytes(source.client, source.repo, { digest: desc.digest, size: desc.size }, { signal: flight.signal, kind: 'config' }),
  );
  ctx.recentConfigs.remember(desc.digest, bytes);
  return bytes;
}

/** A config already here (the image, or a sibling tag of it, was pulled before) is not fetched again. */
async function localBlob(store: Store, d: ConfigDescriptor): Promise<Buffer | undefined> {
  if ((await store.blobs.size(d.digest)) !== d.size) return undefined;
  return store.blobs.read(d.digest).catch(() => undefined);
}
