import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const MAX_RECENT = 10;

export interface RecentSearch {
  term: string;
  registry: string;
}

interface SavedState {
  /** Repository names as pulled (`nginx`, `127.0.0.1:5000/team/web`). */
  bookmarks: string[];
  recent: RecentSearch[];
  toggleBookmark(name: string): void;
  remember(search: RecentSearch): void;
  clearRecent(): void;
}

/** Newest first, no duplicates, at most MAX_RECENT. */
export function addRecent(list: readonly RecentSearch[], s: RecentSearch): RecentSearch[] {
  const rest = list.filter((r) => !(r.term === s.term && r.registry === s.registry));
  return [s, ...rest].slice(0, MAX_RECENT);
}

export function toggle(list: readonly string[], name: string): string[] {
  return list.includes(name) ? list.filter((n) => n !== name) : [...list, name].sort();
}

/** Bookmarked repositories and recent searches: the renderer's own memory, in localStorage. */
export const useSaved = create<SavedState>()(
  persist(
    (set) => ({
      bookmarks: [],
      recent: [],
      toggleBookmark: (name) => set((s) => ({ bookmarks: toggle(s.bookmarks, name) })),
      remember: (search) => set((s) => ({ recent: search.term.trim() ? addRecent(s.recent, search) : s.recent })),
      clearRecent: () => set({ recent: [] }),
    }),
    {
      name: 'berth.registry',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ bookmarks: s.bookmarks, recent: s.recent }),
    },
  ),
);
