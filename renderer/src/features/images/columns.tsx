import type { CellContext, ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { ImageRow } from '../../../../shared/index';
import type { ColumnId } from '../../state/images-view';
import { humanSize, shortId } from './format';
import { RelativeTime } from './RelativeTime';

type Col = ColumnDef<ImageRow> & { id: ColumnId };

const DEFAULT_WIDTHS: Record<ColumnId, number> = {
  repository: 280,
  tag: 150,
  digest: 190,
  id: 130,
  created: 140,
  platform: 130,
  size: 96,
  shared: 110,
  unique: 110,
};

export const NUMERIC_COLUMNS: ReadonlySet<ColumnId> = new Set(['size', 'shared', 'unique']);

const none = (v: string): string => (v === '<none>' ? 'cell-none' : '');

/** The images table's columns: Docker's headers, Docker's cell formats. */
export function imageColumns(t: TFunction): Col[] {
  const col = (
    id: ColumnId,
    rest: { accessorFn: (r: ImageRow) => unknown; cell: (c: CellContext<ImageRow, unknown>) => ReactNode; sortDescFirst?: boolean },
  ): Col => ({
    id,
    header: t(`images.columns.${id}`),
    size: DEFAULT_WIDTHS[id],
    minSize: 60,
    ...rest,
  });
  return [
    col('repository', {
      accessorFn: (r) => r.repository,
      cell: (c) => <span className={none(c.row.original.repository)}>{c.row.original.repository}</span>,
    }),
    col('tag', {
      accessorFn: (r) => r.tag,
      cell: (c) => <span className={`tag-text ${none(c.row.original.tag)}`}>{c.row.original.tag}</span>,
    }),
    col('digest', {
      accessorFn: (r) => r.digest ?? '',
      cell: (c) => {
        const d = c.row.original.digest;
        return d ? <span className="mono" title={d}>{d.slice(0, 19)}…</span> : <span className="cell-none">{'<none>'}</span>;
      },
    }),
    col('id', {
      accessorFn: (r) => r.id,
      cell: (c) => <span className="mono" title={c.row.original.id}>{shortId(c.row.original.id)}</span>,
    }),
    col('created', {
      accessorFn: (r) => Date.parse(r.created) || 0,
      sortDescFirst: true,
      cell: (c) => <RelativeTime iso={c.row.original.created} />,
    }),
    col('platform', { accessorFn: (r) => r.platform, cell: (c) => <span className="muted-text">{c.row.original.platform}</span> }),
    col('size', { accessorFn: (r) => r.size, sortDescFirst: true, cell: (c) => humanSize(c.row.original.size) }),
    col('shared', {
      accessorFn: (r) => r.sharedSize ?? -1,
      sortDescFirst: true,
      cell: (c) => sizeOrNA(c.row.original.sharedSize, t),
    }),
    col('unique', {
      accessorFn: (r) => r.uniqueSize ?? -1,
      sortDescFirst: true,
      cell: (c) => sizeOrNA(c.row.original.uniqueSize, t),
    }),
  ];
}

function sizeOrNA(n: number | undefined, t: TFunction): string {
  return n === undefined ? t('time.na') : humanSize(n);
}
