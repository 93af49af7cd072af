import { create } from 'zustand';
import { EMPTY_SELECTION, type Selection } from '../features/images/selection';

interface ImageSelectionState extends Selection {
  set(next: Selection): void;
}

/** The images table's selection, keyed by row (image ID + repository + tag) so it survives refreshes. */
export const useImageSelection = create<ImageSelectionState>()((set) => ({
  ...EMPTY_SELECTION,
  set: (next) => set({ selected: next.selected, anchor: next.anchor, cursor: next.cursor }),
}));
