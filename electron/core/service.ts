import { BerthError } from '../../shared/index';
import { createDispatch, type Dispatch, type Handlers } from './api/dispatch';
import { EventBus } from './events';
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

function notYet(method: string): never {
  throw new BerthError('UNSUPPORTED', `${method} is not available yet`);
}

export async function createCore(opts: CoreOptions): Promise<Core> {
  const bus = new EventBus();
  const handlers: Handlers = {
    'app.info': async () => ({
      name: 'Berth',
      version: BERTH_VERSION,
      storePath: opts.storePath,
      host: opts.host,
      platform: `${process.platform}/${process.arch}`,
    }),
    'reference.parse': async () => notYet('reference.parse'),
    'images.list': async () => notYet('images.list'),
    'images.inspect': async () => notYet('images.inspect'),
    'images.format': async () => notYet('images.format'),
    'images.history': async () => notYet('images.history'),
    'images.tag': async () => notYet('images.tag'),
    'images.remove': async () => notYet('images.remove'),
    'images.prune': async () => notYet('images.prune'),
    'store.fsck': async () => notYet('store.fsck'),
  };
  return {
    storePath: opts.storePath,
    bus,
    handlers,
    dispatch: createDispatch(handlers, { checkOutput: process.env.NODE_ENV !== 'production' }),
    close: async () => {},
  };
}
