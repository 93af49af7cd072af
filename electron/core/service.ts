import { BerthError } from '../../shared/index';
import { createDispatch, type Dispatch, type Handlers } from './api/dispatch';
import type { ArchiveJobs, ArchiveMethod } from './archive';
import type { ArchivePort } from './engine/types';
import { EventBus } from './events';
import type { Transfers, TransferMethod } from './pull';
import type { RemoteContext, RemoteMethod } from './remote';
import { settingsPath } from './settings';
import { routeBySource } from './sources/routing';
import { SourceRegistry } from './sources/source-registry';
import { Store } from './store';
import { BERTH_VERSION } from './version';

export interface CoreOptions {
  storePath: string;
  host: 'electron' | 'browser';
  /** Engine detection reads DOCKER_HOST and friends here. Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/** The core as every host sees it: the contract's handlers, the event bus, and a way to stop. */
export interface Core {
  readonly storePath: string;
  readonly bus: EventBus;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  /** Save/load/import jobs on streams (CLI stdout/stdin, the browser host's download). */
  archives?(): Promise<ArchiveJobs>;
  /** A source's images as docker-archive streams (the CLI's and the browser host's save/load on an engine). */
  archivePort?(source: string): Promise<ArchivePort>;
  /** GUI hosts: follow engines' events and reconnect engines that went away. The CLI never calls it. */
  watchSources?(): void;
  close(): Promise<void>;
}

/** A value built on first use; `built` tells whether it was. */
interface Lazy<T> {
  (): Promise<T>;
  readonly built: boolean;
}

function lazy<T>(make: () => Promise<T>): Lazy<T> {
  let value: Promise<T> | undefined;
  const get = (): Promise<T> => (value ??= make());
  return Object.defineProperty(get, 'built', { get: () => value !== undefined }) as Lazy<T>;
}

/** Handlers for `names` that load their implementation on first call (a CLI run uses one or two methods). */
function deferred<K extends keyof Handlers>(names: readonly K[], load: () => Promise<Pick<Handlers, K>>): Pick<Handlers, K> {
  const out = {} as Pick<Handlers, K>;
  for (const name of names) {
    const call = async (input: unknown): Promise<unknown> => ((await load())[name] as (i: unknown) => Promise<unknown>)(input);
    (out as Record<K, unknown>)[name] = call;
  }
  return out;
}

const TRANSFER_METHODS = ['images.pull', 'images.push', 'jobs.list', 'jobs.cancel'] as const satisfies readonly TransferMethod[];
const REMOTE_METHODS = [
  'registry.search',
  'registry.tags',
  'registry.inspect',
  'registry.list',
  'registry.add',
  'registry.remove',
  'registry.login',
  'registry.logout',
] as const satisfies readonly RemoteMethod[];
const ARCHIVE_METHODS = ['images.save', 'images.load', 'images.import'] as const satisfies readonly ArchiveMethod[];

/**
 * Opens the store at opts.storePath (creating it if needed) and wires the contract to it.
 * The registry side, transfers and image queries are loaded on first use: `berth images`
 * never loads the HTTP stack, `berth pull` never loads the template engine.
 */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const bus = new EventBus();
  const env = opts.env ?? process.env;
  const store = await Store.open(opts.storePath);
  // Own writes and other processes' writes (CLI, skopeo) alike make the views refetch.
  const unwatch = store.onChange(() => bus.emit('store.changed', { at: new Date().toISOString(), source: 'embedded' }));
  // One registry context (settings, credentials, token caches) for browsing and for transfers.
  const remote = lazy(async () => new (await import('./remote')).RemoteContext({ env }));
  const transfers = lazy(async () => {
    const [{ createTransfers }, ctx] = await Promise.all([import('./pull'), remote()]);
    return createTransfers(store, bus, { remote: ctx }); // pull/push jobs, progress as job.updated
  });
  const archives = lazy(async () => (await import('./archive')).createArchiveJobs(store, (await transfers()).runner));
  const sources = new SourceRegistry({
    env,
    settingsFile: settingsPath(env),
    bus,
    engineDeps: async () => ({ runner: (await transfers()).runner, bus, remote: await remote() }),
  });
  const archivePort = async (source: string): Promise<ArchivePort> =>
    source === 'embedded' ? (await import('./archive/port')).embeddedArchivePort(store) : (await sources.engine(source)).archive;
  const embedded = { ...storeHandlers(store, opts, transfers, remote), ...deferred(ARCHIVE_METHODS, async () => (await archives()).handlers) };
  const handlers: Handlers = {
    ...embedded,
    ...routeBySource(embedded, sources),
    'sources.list': ({ probe }) => sources.list(probe),
    'sources.add': ({ endpoint }) => sources.add(endpoint),
    'sources.remove': ({ id }) => sources.remove(id),
    'images.copy': async ({ from, to, refs }) => {
      if (from === to) throw new BerthError('INVALID_ARGUMENT', 'the source and the destination of a copy are the same');
      const [src, dst, { copyImages }, { runner }] = await Promise.all([archivePort(from), archivePort(to), import('./sources/copy'), transfers()]);
      return { jobId: runner.start('copy', `${refs.join(' ')} → ${to}`, (job) => copyImages(src, dst, refs, job), from).id };
    },
  };
  return {
    storePath: store.root,
    bus,
    handlers,
    dispatch: createDispatch(handlers, { checkOutput: process.env.NODE_ENV !== 'production' }),
    archives,
    archivePort,
    watchSources: () => sources.watch(),
    close: async () => {
      unwatch();
      await sources.close();
      if (transfers.built) await (await transfers()).close();
      store.close();
    },
  };
}

type EmbeddedHandlers = Omit<Handlers, ArchiveMethod | 'images.copy' | `sources.${string}` | `containers.${string}`>;

function storeHandlers(store: Store, opts: CoreOptions, transfers: Lazy<Transfers>, remote: Lazy<RemoteContext>): EmbeddedHandlers {
  const images = lazy(() => import('./images'));
  const remoteHandlers = lazy(async () => (await import('./remote')).remoteHandlers(await remote()));
  return {
    'app.info': async () => ({
      name: 'Berth',
      version: BERTH_VERSION,
      storePath: store.root,
      host: opts.host,
      platform: `${process.platform}/${process.arch}`,
    }),
    'reference.parse': async ({ input }) => (await images()).parseReferenceInfo(input),
    'images.list': async (input) => (await images()).listImages(await store.snapshot(), input),
    'images.inspect': async ({ ref }) => (await images()).inspectImage(await store.snapshot(), ref),
    'images.format': async ({ ref, template }) => ({ output: (await images()).formatImage(await store.snapshot(), ref, template) }),
    'images.history': async ({ ref }) => (await images()).imageHistory(await store.snapshot(), ref),
    'images.tag': async ({ ref, target }) => (await images()).tagImage(store, ref, target),
    'images.remove': async (input) => (await images()).removeImages(store, input),
    'images.prune': async (input) => (await images()).pruneImages(store, input),
    'store.fsck': async () => store.fsck(),
    'host.pickSavePath': async () => {
      throw new BerthError('UNSUPPORTED', 'a native save dialog exists only in the desktop app; here a save downloads');
    },
    // registry.*: search, tags, remote inspect, accounts
    ...deferred(REMOTE_METHODS, remoteHandlers),
    // images.pull, images.push, jobs.list, jobs.cancel
    ...deferred(TRANSFER_METHODS, async () => (await transfers()).handlers),
  };
}
