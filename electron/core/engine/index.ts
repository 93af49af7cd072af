/** A Docker or Podman engine as an image source, through the Docker Engine API. */
import { engineArchivePort } from './archive-port';
import { EngineClient } from './client';
import { engineContainerHandlers } from './containers';
import { parseEndpoint } from './endpoint';
import { engineImageHandlers } from './images';
import { engineTransferHandlers } from './transfers';
import type { EngineDeps, EngineSource } from './types';
import { watchEngine } from './watch';

export { EngineClient, compareVersions, type EngineVersion } from './client';
export { parseEndpoint, type Endpoint } from './endpoint';
export * from './types';

/** An engine source for an endpoint (`unix:///…` or `tcp://127.0.0.1:PORT`); nothing connects until first use. */
export function createEngineSource(endpoint: string, deps: EngineDeps): EngineSource {
  const client = new EngineClient(parseEndpoint(endpoint));
  return {
    id: client.endpoint.id,
    client,
    handlers: {
      ...engineImageHandlers(client),
      ...engineContainerHandlers(client),
      ...engineTransferHandlers(client, deps),
    },
    archive: engineArchivePort(client),
    version: (signal) => client.version(signal),
    watch: (handlers) => watchEngine(client, handlers),
    close: () => client.close(),
  };
}
