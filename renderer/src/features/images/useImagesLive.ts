import { useEffect } from 'react';
import { api } from '../../api/index';
import { useImages } from '../../state/images';

/**
 * Keeps the list current: now, on every 'store.changed' (this window, the
 * CLI, skopeo, another window) and after a reconnect. Rows are replaced in
 * place, so selection and scroll position stay where they were.
 */
export function useImagesLive(): void {
  useEffect(() => {
    const refresh = (): void => void useImages.getState().refresh();
    refresh();
    const offEvent = api.on('store.changed', refresh);
    let wasDown = false;
    const offStatus = api.onStatus((s) => {
      if (s === 'open' && wasDown) refresh();
      wasDown = s !== 'open';
    });
    return () => {
      offEvent();
      offStatus();
    };
  }, []);
}
