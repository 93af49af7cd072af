import { useEffect } from 'react';
import { api } from '../../api/index';
import { useImages } from '../../state/images';
import { currentSource, onSourcesReconnected, useSources } from '../../state/sources';

/**
 * Keeps the list current: now, on every 'store.changed' of the source on
 * screen (this window, the CLI, skopeo, another window, the engine's own
 * events), when another source is chosen, when its engine comes back, and
 * after a reconnect. Rows are replaced in place, so selection and scroll
 * position stay where they were.
 */
export function useImagesLive(): void {
  useEffect(() => {
    const refresh = (): void => void useImages.getState().refresh();
    refresh();
    const offs = [
      api.on('store.changed', (p) => {
        if ((p.source ?? 'embedded') === currentSource()) refresh();
      }),
      useSources.subscribe((s, prev) => {
        if (s.current !== prev.current) refresh();
      }),
      onSourcesReconnected((ids) => {
        if (ids.includes(currentSource())) refresh();
      }),
    ];
    let wasDown = false;
    offs.push(
      api.onStatus((s) => {
        if (s === 'open' && wasDown) refresh();
        wasDown = s !== 'open';
      }),
    );
    return () => {
      for (const off of offs) off();
    };
  }, []);
}
