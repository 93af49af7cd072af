import { createDispatch, type Dispatch, type Handlers } from './api/dispatch';
import { EventBus } from './events';
import {
  formatImage,
  imageHistory,
  inspectImage,
  listImages,
  parseReferenceInfo,
  pruneImages,
  removeImages,
  tagImage,
} from './images';
import { createTransfers, type Transfers } from './pull';
import { RemoteContext, remoteHandlers } from './remote';
import { Store } from './store';
import { BERTH_VERSION } from './version';

export interface CoreOptions {
  storePath: string;
  host: 'electron' | 'browser';
}

/** The core as every host sees it: the contract's handlers, the event bus, and a way to stop. */
export interface Core {
  readonly storePath: string;
  readonly bus: EventBus;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

/** Opens the store at opts.storePath (creating it if needed) and wires the contract to it. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const bus = new EventBus();
  const store = await Store.open(opts.storePath);
  // Own writes and other processes' writes (CLI, skopeo) alike make the views refetch.
  const unwatch = store.onChange(() => bus.emit('store.changed', { at: new Date().toISOString() }));
  // One registry context (settings, credentials, token caches) for browsing and for transfers.
  const remote = new RemoteContext();
  const transfers = createTransfers(store, bus, { remote }); // pull/push jobs, progress as job.updated
  const handlers = storeHandlers(store, opts, transfers, remote);
  return {
    storePath: store.root,
    bus,
    handlers,
    dispatch: createDispatch(handlers, { checkOutput: process.env.NODE_ENV !== 'production' }),
    close: async () => {
      unwatch();
      await transfers.close();
      store.close();
    },
  };
}

function storeHandlers(store: Store, opts: CoreOptions, transfers: Transfers, remote: RemoteContext): Handlers {
  return {
    'app.info': async () => ({
      name: 'Berth',
      version: BERTH_VERSION,
      storePath: store.root,
      host: opts.host,
      platform: `${process.platform}/${process.arch}`,
    }),
    'reference.parse': async ({ input }) => parseReferenceInfo(input),
    'images.list': async (input) => listImages(await store.snapshot(), input),
    'images.inspect': async ({ ref }) => inspectImage(await store.snapshot(), ref),
    'images.format': async ({ ref, template }) => ({ output: formatImage(await store.snapshot(), ref, template) }),
    'images.history': async ({ ref }) => imageHistory(await store.snapshot(), ref),
    'images.tag': async ({ source, target }) => tagImage(store, source, target),
    'images.remove': async (input) => {
      const { records, failures } = await removeImages(store, input);
      return { records, failures };
    },
    'images.prune': async (input) => pruneImages(store, input),
    'store.fsck': async () => store.fsck(),
    ...remoteHandlers(remote), // registry.*: search, tags, remote inspect, accounts
    ...transfers.handlers, // images.pull, images.push, jobs.list, jobs.cancel
  };
}
