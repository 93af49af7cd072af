import { create } from 'zustand';

export const VIEWS = ['images', 'registry', 'jobs', 'settings'] as const;
export type ViewId = (typeof VIEWS)[number];

interface NavState {
  view: ViewId;
  go(view: ViewId): void;
}

export const useNav = create<NavState>()((set) => ({
  view: 'images',
  go: (view) => set({ view }),
}));
