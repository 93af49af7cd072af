/** Which engine answers on an endpoint: podman's compat layer differs from dockerd in places Berth must know. */
import type { EngineClient, EngineVersion } from './client';

const kinds = new WeakMap<EngineClient, Promise<EngineVersion['kind']>>();

export function engineKind(client: EngineClient, signal?: AbortSignal): Promise<EngineVersion['kind']> {
  let p = kinds.get(client);
  if (!p) {
    p = client.version(signal).then((v) => v.kind);
    // Ask again after a failure: the engine may be back (or another one on the socket).
    p.catch(() => kinds.delete(client));
    kinds.set(client, p);
  }
  return p;
}
