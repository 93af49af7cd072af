import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnSizingState,
  type SortingState,
  type Table,
  type Updater,
  type VisibilityState,
} from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../../shared/index';
import { COLUMN_IDS, useImagesView, type ColumnId, type SortChoice } from '../../state/images-view';
import { imageColumns } from './columns';
import { rowKey } from './row-key';

const apply = <T,>(u: Updater<T>, old: T): T => (typeof u === 'function' ? (u as (o: T) => T)(old) : u);

/** TanStack Table over the rows, with sorting, sizes and visibility kept in the remembered view settings. */
export function useImageTable(rows: ImageRow[]): { table: Table<ImageRow>; sorted: ImageRow[] } {
  const { t, i18n } = useTranslation();
  const hidden = useImagesView((s) => s.hidden);
  const widths = useImagesView((s) => s.widths);
  const sort = useImagesView((s) => s.sort);
  const view = useImagesView.getState();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- headers follow the language
  const columns = useMemo(() => imageColumns(t), [t, i18n.language]);
  const visibility = useMemo<VisibilityState>(
    () => Object.fromEntries(COLUMN_IDS.map((id) => [id, !hidden.includes(id)])),
    [hidden],
  );
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: rowKey,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    columnResizeMode: 'onChange',
    enableSortingRemoval: true,
    state: { sorting: sort as SortingState, columnVisibility: visibility, columnSizing: widths as ColumnSizingState },
    onSortingChange: (u) => view.setSort(apply(u, useImagesView.getState().sort as SortingState) as SortChoice[]),
    onColumnSizingChange: (u) =>
      view.setWidths(apply(u, useImagesView.getState().widths as ColumnSizingState) as Partial<Record<ColumnId, number>>),
  });
  const model = table.getRowModel();
  const sorted = useMemo(() => model.rows.map((r) => r.original), [model]);
  return { table, sorted };
}
