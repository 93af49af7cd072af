import { create } from 'zustand';
import type { ContainerRow, ImageRow } from '../../../shared/index';

export type DialogRequest =
  | { kind: 'tag'; row: ImageRow }
  | { kind: 'delete'; rows: ImageRow[] }
  | { kind: 'untag'; rows: ImageRow[] }
  | { kind: 'prune' }
  | { kind: 'pull'; reference?: string }
  | { kind: 'commit'; container: ContainerRow }
  | { kind: 'copy'; rows: ImageRow[] };

interface DialogsState {
  open: DialogRequest | null;
  show(request: DialogRequest): void;
  close(): void;
}

/** At most one dialog at a time; whoever opens it says what it is about. */
export const useDialogs = create<DialogsState>()((set) => ({
  open: null,
  show: (open) => set({ open }),
  close: () => set({ open: null }),
}));
