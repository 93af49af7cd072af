import { create } from 'zustand';

export type DetailTab = 'summary' | 'layers' | 'inspect' | 'containers';

interface DetailState {
  /** What the detail pane shows: a reference, or an image ID for `<none>` rows. */
  target: string | null;
  tab: DetailTab;
  openOn(target: string, tab?: DetailTab): void;
  setTab(tab: DetailTab): void;
  close(): void;
}

export const useDetail = create<DetailState>()((set) => ({
  target: null,
  tab: 'summary',
  openOn: (target, tab) => set((s) => ({ target, tab: tab ?? s.tab })),
  setTab: (tab) => set({ tab }),
  close: () => set({ target: null }),
}));
