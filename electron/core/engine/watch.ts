/**
 * Follows an engine's image and container events (GET /events) so views of
 * its images refresh when something else (the docker CLI, a build) changes
 * them. Bursts (an rmi of many tags) become one onChange; a stream that ends
 * or fails means the engine went away: onGone once, and the watch is over.
 */
import { BerthError } from '../../../shared/errors';
import { jsonLines, type EngineClient, type JsonMessage } from './client';

export const CHANGE_DEBOUNCE_MS = 200;

/** Image actions that leave the image list as it was. */
const QUIET_IMAGE_ACTIONS = new Set(['push', 'save', 'inspect']);
/** Container actions that change which images are in use (podman says remove, dockerd destroy). */
const CONTAINER_ACTIONS = new Set(['create', 'destroy', 'remove', 'commit']);

export function watchEngine(client: EngineClient, handlers: { onChange(): void; onGone(error: Error): void }): () => void {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let over = false;

  const changed = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!over) handlers.onChange();
    }, CHANGE_DEBOUNCE_MS);
  };
  const finish = (error: Error | null): void => {
    if (over) return;
    over = true;
    if (timer) clearTimeout(timer);
    abort.abort();
    if (error) {
      client.reset(); // renegotiate when the engine is back
      handlers.onGone(error);
    }
  };

  void (async () => {
    try {
      const filters = JSON.stringify({ type: ['image', 'container'] });
      // No time limit on the headers either: an engine may hold them until its first event.
      const res = await client.request({ path: '/events', query: { filters }, stream: true, signal: abort.signal, timeoutMs: 0 });
      for await (const event of jsonLines(res.body)) {
        if (affectsImages(event)) changed();
      }
      finish(new BerthError('NETWORK', `${client.endpoint.id} closed its event stream: the engine stopped`));
    } catch (e) {
      if (abort.signal.aborted) return;
      finish(e instanceof Error ? e : new BerthError('NETWORK', String(e)));
    }
  })();

  return () => finish(null);
}

/** An event after which an image view may show something else. */
export function affectsImages(event: JsonMessage & { Type?: string; Action?: string }): boolean {
  const action = event.Action ?? event.status ?? '';
  if (event.Type === 'image') return !QUIET_IMAGE_ACTIONS.has(action);
  if (event.Type === 'container') return CONTAINER_ACTIONS.has(action);
  return false;
}
