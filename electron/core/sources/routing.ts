/**
 * Sends each sourced call to its source: the embedded store's handlers, or
 * the engine the input names. A call that finds its engine gone marks it
 * unreachable, so every view learns of it from 'sources.changed'.
 */
import { BerthError, isBerthError } from '../../../shared/errors';
import type { Handlers } from '../api/dispatch';
import { CONTAINER_METHODS, SOURCED_METHODS, type ContainerMethod, type EngineHandlers, type SourcedMethod } from '../engine/types';
import type { SourceRegistry } from './source-registry';

type Routed = Pick<Handlers, SourcedMethod | ContainerMethod>;

export function routeBySource(embedded: Pick<Handlers, SourcedMethod>, registry: SourceRegistry): Routed {
  const onEngine = async <T>(id: string, call: (h: EngineHandlers) => Promise<T>): Promise<T> => {
    const engine = await registry.engine(id);
    try {
      return await call(engine.handlers);
    } catch (e) {
      if (isBerthError(e) && e.code === 'NETWORK' && e.message.startsWith('Cannot connect to the Docker daemon')) registry.markGone(engine.id, e.message);
      throw e;
    }
  };
  const out = {} as Record<string, (input: { source: string }) => Promise<unknown>>;
  for (const name of SOURCED_METHODS) {
    const local = embedded[name] as (input: unknown) => Promise<unknown>;
    out[name] = (input) =>
      input.source === 'embedded' ? local(input) : onEngine(input.source, (h) => (h[name] as (i: unknown) => Promise<unknown>)(input));
  }
  for (const name of CONTAINER_METHODS) {
    out[name] = async (input) => {
      if (input.source === 'embedded') {
        throw new BerthError('UNSUPPORTED', 'the embedded store has no containers: pick a Docker or Podman engine (berth -H unix:///var/run/docker.sock)');
      }
      return onEngine(input.source, (h) => (h[name] as (i: unknown) => Promise<unknown>)(input));
    };
  }
  return out as unknown as Routed;
}
