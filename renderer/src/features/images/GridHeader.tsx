import { flexRender, type Header, type Table } from '@tanstack/react-table';
import type { KeyboardEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../../shared/index';
import type { ColumnId } from '../../state/images-view';
import { SortIcon } from '../../components/action-icons';
import { NUMERIC_COLUMNS } from './columns';

/** Column headers: click (or Enter) sorts, the edge drags (or arrow keys) resize. */
export function GridHeader({ table }: { table: Table<ImageRow> }): ReactElement {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-head-row">
        {table.getFlatHeaders().map((h) => (
          <HeaderCell key={h.id} header={h} />
        ))}
        <div className="grid-filler" aria-hidden="true" />
      </div>
    </div>
  );
}

function HeaderCell({ header }: { header: Header<ImageRow, unknown> }): ReactElement {
  const { t } = useTranslation();
  const col = header.column;
  const sorted = col.getIsSorted();
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
  const numeric = NUMERIC_COLUMNS.has(col.id as ColumnId);
  const onResizeKey = (e: KeyboardEvent): void => {
    const step = e.key === 'ArrowLeft' ? -16 : e.key === 'ArrowRight' ? 16 : 0;
    if (!step) return;
    e.preventDefault();
    e.stopPropagation();
    header.getContext().table.setColumnSizing((s) => ({ ...s, [col.id]: Math.max(60, col.getSize() + step) }));
  };
  return (
    <div role="columnheader" aria-sort={ariaSort} className={`grid-cell grid-head-cell${numeric ? ' num' : ''}`} style={{ width: col.getSize() }}>
      <button type="button" className="sort-button" onClick={col.getToggleSortingHandler()} data-column={col.id}>
        <span>{flexRender(col.columnDef.header, header.getContext())}</span>
        <SortIcon direction={sorted || null} />
      </button>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={t('images.resizeColumn', { column: String(col.columnDef.header) })}
        aria-valuenow={col.getSize()}
        tabIndex={0}
        className={`resizer${col.getIsResizing() ? ' resizing' : ''}`}
        onMouseDown={header.getResizeHandler()}
        onDoubleClick={() => col.resetSize()}
        onKeyDown={onResizeKey}
      />
    </div>
  );
}
