import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useImagesView } from '../../state/images-view';

/** Two pressed/unpressed buttons: show `<none>` rows, group rows by repository. */
export function ViewToggles(): ReactElement {
  const { t } = useTranslation();
  const showDangling = useImagesView((s) => s.showDangling);
  const grouped = useImagesView((s) => s.groupByRepository);
  const view = useImagesView.getState();
  return (
    <div className="segmented-toggles">
      <button type="button" className="toggle" aria-pressed={showDangling} onClick={() => view.setShowDangling(!showDangling)}
        data-toggle="dangling">
        {t('images.toggles.dangling')}
      </button>
      <button type="button" className="toggle" aria-pressed={grouped} onClick={() => view.setGroupByRepository(!grouped)}
        data-toggle="group">
        {t('images.toggles.group')}
      </button>
    </div>
  );
}
