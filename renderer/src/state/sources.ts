import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Source } from '../../../shared/index';
import { api } from '../api/index';
import { asBerthError } from '../lib/errors';
import { EMBEDDED, effectiveSource, reconnected } from '../features/sources/source-logic';

interface SourcesState {
  /** Every source the core knows, as sources.list / sources.changed last said; undefined until the first answer. */
  list: Source[] | undefined;
  /** The person's choice, remembered across runs. */
  chosen: string;
  /** What every images.* call works on (the choice, or the store when the choice is gone). */
  current: string;
  /** A sources.list {probe} is under way (Retry). */
  probing: boolean;
  /** Why sources.list failed, if it did. */
  error: string | undefined;
  choose(id: string): void;
  setList(list: Source[]): void;
  probe(): Promise<void>;
}

type Listener = (ids: string[]) => void;
const reconnectListeners = new Set<Listener>();

/** Image sources (the embedded store and Docker/Podman engines) and the one the views show. */
export const useSources = create<SourcesState>()(
  persist(
    (set, get) => ({
      list: undefined,
      chosen: EMBEDDED,
      current: EMBEDDED,
      probing: false,
      error: undefined,
      choose: (chosen) => set({ chosen, current: effectiveSource(get().list, chosen) }),
      setList: (list) => {
        const back = reconnected(get().list, list);
        set({ list, error: undefined, current: effectiveSource(list, get().chosen) });
        if (back.length > 0) for (const l of reconnectListeners) l(back);
      },
      probe: async () => {
        set({ probing: true });
        try {
          get().setList(await api.call('sources.list', { probe: true }));
        } catch (e) {
          set({ error: asBerthError(e).message });
        } finally {
          set({ probing: false });
        }
      },
    }),
    {
      name: 'berth.source',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ chosen: s.chosen }),
      // The remembered choice is in effect until the list says it is gone.
      merge: (persisted, state) => {
        const chosen = (persisted as { chosen?: unknown } | undefined)?.chosen;
        return typeof chosen === 'string' ? { ...state, chosen, current: chosen } : state;
      },
    },
  ),
);

/** The source images.* calls go to, for code outside React (actions, dialogs' callbacks). */
export function currentSource(): string {
  return useSources.getState().current;
}

/** The source the views show; re-renders when it changes. */
export function useSource(): string {
  return useSources((s) => s.current);
}

/** The Source record of the current source, once listed. */
export function useCurrentSource(): Source | undefined {
  return useSources((s) => s.list?.find((x) => x.id === s.current));
}

/** Called with the ids of engines that came back (unreachable → connected). */
export function onSourcesReconnected(listener: Listener): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

let attached = false;
/** Follows the core's sources: the list now, every sources.changed, and the list again after a lost connection. */
export function attachSources(): void {
  if (attached) return;
  attached = true;
  const load = (): void => {
    api.call('sources.list', { probe: false }).then(
      (list) => useSources.getState().setList(list),
      (e: unknown) => useSources.setState({ error: asBerthError(e).message }),
    );
  };
  api.on('sources.changed', (list) => useSources.getState().setList(list));
  let wasDown = false;
  api.onStatus((s) => {
    if (s === 'open' && wasDown) load();
    wasDown = s !== 'open';
  });
  load();
}
