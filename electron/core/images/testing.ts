/**
 * For the image operations' tests: a fresh store per test with the real core
 * on it, and `call` through the contract (failures thrown with their code).
 */
import { afterEach, beforeEach } from 'vitest';
import { createCore, type Core } from '../service';
import { tempStore } from '../store/testing/build';

export interface CoreOnStore {
  t: Awaited<ReturnType<typeof tempStore>>;
  core: Core;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loose inspect JSON
  call(method: string, input: unknown): Promise<any>;
}

export function coreOnFreshStore(): CoreOnStore {
  const env = {
    call: async (method: string, input: unknown) => {
      const r = await env.core.dispatch(method, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value;
    },
  } as CoreOnStore;
  beforeEach(async () => {
    env.t = await tempStore();
    env.core = await createCore({ storePath: env.t.dir, host: 'browser' });
  });
  afterEach(async () => {
    await env.core.close();
    await env.t.cleanup();
  });
  return env;
}
