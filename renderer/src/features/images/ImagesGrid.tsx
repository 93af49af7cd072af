import * as ContextMenu from '@radix-ui/react-context-menu';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../../shared/index';
import { useImageSelection } from '../../state/image-selection';
import { useImagesView } from '../../state/images-view';
import { ActionMenuItems } from './ActionMenu';
import type { ActionId, ImageAction } from './actions';
import { displayItems } from './display-rows';
import { GridHeader } from './GridHeader';
import { GridRow, GroupRow, ROW_HEIGHT } from './GridRow';
import { reconcile, selectKey } from './selection';
import { useGridKeyboard } from './useGridKeyboard';
import { useImageTable } from './useImageTable';

const HEADER_HEIGHT = 32;
const domId = (index: number): string => `image-grid-row-${index}`;

export interface ImagesGridProps {
  /** Every row of the list: sorted once, so a keystroke in the filter does not rebuild the table model. */
  allRows: ImageRow[];
  /** The rows that pass the filter (the same objects). */
  rows: ImageRow[];
  actions: ImageAction[];
  onOpen(): void;
}

/** The images table: a virtualized ARIA grid with desktop selection and a row context menu. */
export function ImagesGrid({ allRows, rows, actions, onOpen }: ImagesGridProps): ReactElement {
  const { t } = useTranslation();
  const { table, sorted } = useImageTable(allRows);
  const shown = useMemo(() => {
    const keep = new Set(rows);
    return keep.size === sorted.length ? sorted : sorted.filter((r) => keep.has(r));
  }, [sorted, rows]);
  const grouped = useImagesView((s) => s.groupByRepository);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const items = useMemo(() => displayItems(shown, grouped, collapsed), [shown, grouped, collapsed]);
  const order = useMemo(() => items.map((i) => i.key), [items]);
  const selected = useImageSelection((s) => s.selected);
  const cursor = useImageSelection((s) => s.cursor);
  useReconcile(order);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    getItemKey: (i) => items[i]?.key ?? i,
  });
  const toggleGroup = useCallback((repo: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(repo)) next.add(repo);
      return next;
    });
  }, []);
  const run = (id: ActionId): void => actions.find((a) => a.id === id)?.run();
  const onKeyDown = useGridKeyboard({
    items,
    pageSize: Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1),
    scrollTo: (i) => i >= 0 && virtualizer.scrollToIndex(i, { align: 'auto' }),
    toggleGroup,
    run,
    openMenu: () => openMenuAtCursor(scrollRef.current),
  });
  const orderRef = useRef(order);
  orderRef.current = order;
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const onPointer = useCallback((e: MouseEvent, key: string) => {
    const s = useImageSelection.getState();
    if (e.type === 'contextmenu') {
      if (!s.selected.has(key)) s.set(selectKey(s, orderRef.current, key));
      return;
    }
    if (e.button !== 0) return;
    s.set(selectKey(s, orderRef.current, key, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }));
  }, []);
  const onRowOpen = useCallback((key: string) => {
    const s = useImageSelection.getState();
    s.set(selectKey(s, orderRef.current, key));
    openRef.current();
  }, []);

  const layoutKey = table.getVisibleLeafColumns().map((c) => `${c.id}:${c.getSize()}`).join();
  const cursorIndex = cursor === null ? -1 : order.indexOf(cursor);
  const model = table.getRowModel().rowsById;
  return (
    <ContextMenu.Root modal={false}>
      <ContextMenu.Trigger asChild>
        <div
          ref={scrollRef}
          role="grid"
          tabIndex={0}
          aria-label={t('images.tableLabel')}
          aria-multiselectable="true"
          aria-rowcount={items.length + 1}
          aria-colcount={table.getVisibleLeafColumns().length}
          aria-activedescendant={cursorIndex >= 0 ? domId(cursorIndex) : undefined}
          className="grid"
          data-testid="images-grid"
          onKeyDown={onKeyDown}
        >
          <GridHeader table={table} />
          <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), width: table.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((v) => {
              const item = items[v.index]!;
              const top = v.start - HEADER_HEIGHT;
              if (item.kind === 'group') {
                return (
                  <GroupRow key={item.key} domId={domId(v.index)} index={v.index} top={top} repository={item.repository}
                    count={item.count} size={item.size} collapsed={item.collapsed} cursor={v.index === cursorIndex}
                    colCount={table.getVisibleLeafColumns().length} onToggle={toggleGroup} />
                );
              }
              const row = model[item.key];
              if (!row) return null;
              return (
                <GridRow key={item.key} domId={domId(v.index)} row={row} index={v.index} top={top}
                  selected={selected.has(item.key)} cursor={v.index === cursorIndex} layoutKey={layoutKey}
                  onPointer={onPointer} onOpen={onRowOpen} />
              );
            })}
          </div>
        </div>
      </ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content className="menu" aria-label={t('actions.menuLabel')}>
          <ActionMenuItems actions={actions} kind="context" />
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}

/** After a refresh, selection and cursor follow the rows that are still there. */
function useReconcile(order: string[]): void {
  const previous = useRef(order);
  useEffect(() => {
    const s = useImageSelection.getState();
    const next = reconcile(s, previous.current, order);
    if (next !== s) s.set(next);
    previous.current = order;
  }, [order]);
}

/** The keyboard's way into the row menu: a contextmenu event at the cursor row. */
function openMenuAtCursor(grid: HTMLDivElement | null): void {
  const id = grid?.getAttribute('aria-activedescendant');
  const target = (id && document.getElementById(id)) || grid;
  if (!target) return;
  const box = target.getBoundingClientRect();
  target.dispatchEvent(
    new window.MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: box.left + 24, clientY: box.top + box.height / 2 }),
  );
}
