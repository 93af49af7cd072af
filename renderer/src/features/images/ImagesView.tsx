import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../../shared/index';
import { ImagesIcon, InfoIcon } from '../../components/icons';
import { Notice } from '../../components/Notice';
import { ViewHeader } from '../../components/ViewHeader';
import { useDetail } from '../../state/detail';
import { useImageSelection } from '../../state/image-selection';
import { useImages } from '../../state/images';
import { useImagesView } from '../../state/images-view';
import { useCurrentSource, useSource } from '../../state/sources';
import { useToasts } from '../../state/toasts';
import { DetailPane } from '../inspect/DetailPane';
import { SourceBanner } from '../sources/SourceBanner';
import { useImageActions } from './actions';
import { asksForDangling, parseFilterQuery } from './filter-query';
import { visibleRows } from './display-rows';
import { humanSize } from './format';
import { HeaderActions } from './HeaderActions';
import { ImageDialogs } from './ImageDialogs';
import { ImagesGrid } from './ImagesGrid';
import { ImagesToolbar } from './ImagesToolbar';
import { rowKey } from './row-key';
import { StatusBar } from './StatusBar';
import { useImagesLive } from './useImagesLive';

/** `docker images` as a desktop view: filter, table, detail pane, status bar, dialogs. */
export function ImagesView(): ReactElement {
  const { t } = useTranslation();
  useImagesLive();
  const images = useImages();
  const { error, loading, query, filters } = images;
  const current = useSource();
  const source = useCurrentSource();
  const unreachable = source?.state === 'unreachable' ? source : undefined;
  // Rows of another source never show as this one's; an unreachable engine's last rows stay, greyed.
  const list = images.source === current ? images.list : undefined;
  const showDangling = useImagesView((s) => s.showDangling);
  const selected = useImageSelection((s) => s.selected);
  const cursor = useImageSelection((s) => s.cursor);
  const detail = useDetail((s) => s.target);
  const words = useMemo(() => parseFilterQuery(query).words, [query]);
  const rows = useMemo(
    () => visibleRows(list?.rows ?? [], { words, hideDangling: !showDangling && !asksForDangling(filters) }),
    [list, words, showDangling, filters],
  );
  const chosen = useMemo(() => pickRows(rows, selected, cursor), [rows, selected, cursor]);
  const actions = useImageActions(chosen);
  useDetailFollowsSelection(chosen);
  const filterError = error && filters.length > 0 && error.code !== 'NETWORK' ? error.message : undefined;
  useRefreshFailureToast(Boolean(list) && !filterError && !unreachable, error?.message);

  return (
    <section className="view images-view" aria-labelledby="view-title">
      <ViewHeader title={t('images.title')}>
        {list && list.imageCount > 0 && <span className="header-summary">{t('images.summary', { count: list.imageCount, size: humanSize(list.totalSize) })}</span>}
        <HeaderActions />
      </ViewHeader>
      {unreachable && <SourceBanner source={unreachable} />}
      {list && (list.rows.length > 0 || filters.length > 0) ? (
        <>
          <ImagesToolbar actions={actions} filterError={filterError} chosen={chosen} />
          <div className={`images-split${detail ? ' with-detail' : ''}`}>
            <div className={`grid-frame${unreachable ? ' stale' : ''}`} aria-disabled={unreachable ? true : undefined}>
              {rows.length > 0 ? (
                <ImagesGrid allRows={list.rows} rows={rows} actions={actions} onOpen={() => actions.find((a) => a.id === 'inspect')?.run()} />
              ) : (
                <p className="grid-empty" role="status">{t('images.noMatch')}</p>
              )}
            </div>
            {detail && <DetailPane target={detail} />}
          </div>
          <StatusBar list={list} shown={rows.length} selected={chosen} />
        </>
      ) : (
        <ImagesPlaceholder hasList={Boolean(list)} error={error} loading={loading} unreachable={Boolean(unreachable)} />
      )}
      <ImageDialogs />
    </section>
  );
}

/** What the actions act on: the selection, or the row under the keyboard cursor when nothing is selected. */
function pickRows(rows: ImageRow[], selected: ReadonlySet<string>, cursor: string | null): ImageRow[] {
  const picked = rows.filter((r) => selected.has(rowKey(r)));
  if (picked.length > 0 || cursor === null) return picked;
  return rows.filter((r) => rowKey(r) === cursor);
}

function ImagesPlaceholder(props: {
  hasList: boolean;
  error: { code: string; message: string } | undefined;
  loading: boolean;
  unreachable: boolean;
}): ReactElement | null {
  const { t } = useTranslation();
  const { hasList, error, loading } = props;
  // The banner above says why and offers Retry; no spinner waits on an engine that does not answer.
  if (props.unreachable && !hasList) {
    return (
      <Notice icon={<ImagesIcon />} title={t('sources.unreachableEmpty.title')} testId="images-unreachable">
        <p>{t('sources.unreachableEmpty.body')}</p>
      </Notice>
    );
  }
  if (hasList) {
    return (
      <Notice icon={<ImagesIcon />} title={t('images.empty.title')} testId="images-empty">
        <p>{t('images.empty.body')}</p>
      </Notice>
    );
  }
  if (error?.code === 'UNSUPPORTED') {
    return (
      <Notice tone="warning" icon={<InfoIcon />} title={t('images.unsupported.title')} testId="images-unsupported">
        <p>{t('images.unsupported.body', { message: error.message })}</p>
      </Notice>
    );
  }
  if (error) {
    return (
      <Notice tone="error" title={t('images.error.title')} testId="images-error">
        <p className="error-detail">{error.message}</p>
        <button type="button" className="button" onClick={() => void useImages.getState().refresh()}>
          {t('images.error.retry')}
        </button>
      </Notice>
    );
  }
  return loading ? <p className="loading" aria-live="polite">{t('app.loading')}</p> : null;
}

/** An open detail pane shows the selected image as the selection moves. */
function useDetailFollowsSelection(chosen: ImageRow[]): void {
  const only = chosen.length === 1 ? chosen[0] : undefined;
  const target = only ? (only.reference ?? only.id) : null;
  useEffect(() => {
    const d = useDetail.getState();
    if (target && d.target && d.target !== target) d.openOn(target);
  }, [target]);
}

/** A failed refresh while rows are on screen keeps the rows and says so in a toast. */
function useRefreshFailureToast(haveData: boolean, message: string | undefined): void {
  const { t } = useTranslation();
  const push = useToasts((s) => s.push);
  const shown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (haveData && message && shown.current !== message) {
      push({ kind: 'error', title: t('images.refreshFailed'), description: message });
    }
    shown.current = message;
  }, [haveData, message, push, t]);
}
