import { create } from 'zustand';
import { BerthError, type ImageList } from '../../../shared/index';
import { api } from '../api/index';
import { useDetail } from './detail';
import { useImageSelection } from './image-selection';
import { currentSource, useSources } from './sources';

interface ImagesState {
  list: ImageList | undefined;
  /** The source `list` came from; rows of another source never show as this one's. */
  source: string | undefined;
  /** The last images.list failure; rows from before it stay on screen. */
  error: BerthError | undefined;
  loading: boolean;
  /** What is typed in the filter box (kept while the view is away). */
  query: string;
  setQuery(query: string): void;
  /** Docker filters from the filter box, as sent to images.list. */
  filters: string[];
  setFilters(filters: string[]): void;
  refresh(): Promise<void>;
}

let seq = 0;

/**
 * `docker images` of the current source for every part of the view (table,
 * status bar, dialogs). Answers that arrive out of order are dropped; an
 * older list never replaces a newer one.
 */
export const useImages = create<ImagesState>()((set, get) => ({
  list: undefined,
  source: undefined,
  error: undefined,
  loading: false,
  query: '',
  setQuery: (query) => set({ query }),
  filters: [],
  setFilters: (filters) => {
    if (filters.join('\n') === get().filters.join('\n')) return;
    set({ filters });
    void get().refresh();
  },
  refresh: async () => {
    const mine = ++seq;
    const source = currentSource();
    set({ loading: true });
    try {
      const list = await api.call('images.list', { source, all: true, filters: get().filters });
      if (mine === seq) set({ list, source, error: undefined, loading: false });
    } catch (e) {
      if (mine === seq) set({ error: e instanceof BerthError ? e : new BerthError('INTERNAL', String(e)), loading: false });
    }
  },
}));

// Another source is another table: its rows, selection and open detail do not carry over.
useSources.subscribe((s, prev) => {
  if (s.current === prev.current) return;
  seq++; // an answer still on its way belongs to the old source
  useImages.setState({ list: undefined, source: undefined, error: undefined, loading: false });
  useImageSelection.getState().set({ selected: new Set(), anchor: null, cursor: null });
  useDetail.getState().close();
});
