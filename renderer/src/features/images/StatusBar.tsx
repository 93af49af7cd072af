import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageList, ImageRow } from '../../../../shared/index';
import { humanSize } from './format';

/** Counts and disk use under the table; read by screen readers when asked, not on every change. */
export function StatusBar({ list, shown, selected }: { list: ImageList; shown: number; selected: ImageRow[] }): ReactElement {
  const { t } = useTranslation();
  const selectedImages = new Map(selected.map((r) => [r.id, r.size]));
  const selectedBytes = [...selectedImages.values()].reduce((a, b) => a + b, 0);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-rows">{t('status.rows', { shown, total: list.rows.length })}</span>
      <span>{t('status.images', { count: list.imageCount })}</span>
      <span>{t('status.disk', { size: humanSize(list.totalSize) })}</span>
      <span className="status-spacer" />
      {selected.length > 0 && (
        <span data-testid="status-selected">
          {t('status.selected', { count: selected.length, images: selectedImages.size, size: humanSize(selectedBytes) })}
        </span>
      )}
    </footer>
  );
}
