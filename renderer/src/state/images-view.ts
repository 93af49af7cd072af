import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const COLUMN_IDS = ['repository', 'tag', 'digest', 'id', 'created', 'platform', 'size', 'shared', 'unique'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export const OPTIONAL_COLUMNS: readonly ColumnId[] = ['digest', 'platform', 'shared', 'unique'];

export interface SortChoice {
  id: ColumnId;
  desc: boolean;
}

interface ImagesViewState {
  hidden: ColumnId[];
  widths: Partial<Record<ColumnId, number>>;
  sort: SortChoice[];
  showDangling: boolean;
  groupByRepository: boolean;
  toggleColumn(id: ColumnId): void;
  setWidths(widths: Partial<Record<ColumnId, number>>): void;
  setSort(sort: SortChoice[]): void;
  setShowDangling(on: boolean): void;
  setGroupByRepository(on: boolean): void;
}

/** How the person likes the images table: remembered across runs (localStorage). */
export const useImagesView = create<ImagesViewState>()(
  persist(
    (set) => ({
      hidden: ['digest', 'platform', 'shared', 'unique'],
      widths: {},
      sort: [],
      showDangling: false,
      groupByRepository: false,
      toggleColumn: (id) =>
        set((s) => ({ hidden: s.hidden.includes(id) ? s.hidden.filter((h) => h !== id) : [...s.hidden, id] })),
      setWidths: (widths) => set({ widths }),
      setSort: (sort) => set({ sort }),
      setShowDangling: (showDangling) => set({ showDangling }),
      setGroupByRepository: (groupByRepository) => set({ groupByRepository }),
    }),
    { name: 'berth.images.view', version: 1, storage: createJSONStorage(() => localStorage) },
  ),
);
