import { flexRender, type Row } from '@tanstack/react-table';
import { memo, type MouseEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../../shared/index';
import { ChevronIcon } from '../../components/action-icons';
import type { ColumnId } from '../../state/images-view';
import { NUMERIC_COLUMNS } from './columns';
import { humanSize } from './format';

export const ROW_HEIGHT = 30;

export interface RowProps {
  domId: string;
  row: Row<ImageRow>;
  index: number;
  top: number;
  selected: boolean;
  cursor: boolean;
  /** Changes when column sizes or visibility change, so memoized rows re-render then. */
  layoutKey: string;
  onPointer(e: MouseEvent, key: string): void;
  onOpen(key: string): void;
}

/** One image row: cells in the table's column order, Docker's formats. */
export const GridRow = memo(function GridRow(p: RowProps): ReactElement {
  const r = p.row.original;
  return (
    <div
      role="row"
      id={p.domId}
      aria-rowindex={p.index + 2}
      aria-selected={p.selected}
      data-key={p.row.id}
      data-testid="image-row"
      className={`grid-row${p.selected ? ' selected' : ''}${p.cursor ? ' cursor' : ''}${r.dangling ? ' dangling' : ''}`}
      style={{ transform: `translateY(${p.top}px)` }}
      onMouseDown={(e) => p.onPointer(e, p.row.id)}
      onContextMenu={(e) => p.onPointer(e, p.row.id)}
      onDoubleClick={() => p.onOpen(p.row.id)}
    >
      {p.row.getVisibleCells().map((cell) => (
        <div
          key={cell.id}
          role="gridcell"
          data-column={cell.column.id}
          className={`grid-cell${NUMERIC_COLUMNS.has(cell.column.id as ColumnId) ? ' num' : ''}`}
          style={{ width: cell.column.getSize() }}
        >
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
      <div className="grid-filler" aria-hidden="true" />
    </div>
  );
});

export interface GroupProps {
  domId: string;
  index: number;
  top: number;
  repository: string;
  count: number;
  size: number;
  collapsed: boolean;
  cursor: boolean;
  colCount: number;
  onToggle(repository: string): void;
}

/** A repository heading when grouped: name, tag count, size; toggles its rows. */
export const GroupRow = memo(function GroupRow(p: GroupProps): ReactElement {
  const { t } = useTranslation();
  return (
    <div
      role="row"
      id={p.domId}
      aria-rowindex={p.index + 2}
      aria-expanded={!p.collapsed}
      className={`grid-row group-row${p.cursor ? ' cursor' : ''}`}
      style={{ transform: `translateY(${p.top}px)` }}
      onClick={() => p.onToggle(p.repository)}
    >
      <div role="gridcell" aria-colspan={p.colCount} className="grid-cell group-cell">
        <ChevronIcon open={!p.collapsed} />
        <span className="group-name">{p.repository}</span>
        <span className="group-meta">
          {t('images.groupMeta', { count: p.count, size: humanSize(p.size) })}
        </span>
      </div>
    </div>
  );
});
