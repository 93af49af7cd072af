import type { Job } from '../../../../shared/index';
import { useImageSelection } from '../../state/image-selection';
import { useImages } from '../../state/images';
import { rowKey } from '../images/row-key';

/** After a pull: refresh the list and select the rows of what it stored. */
export async function selectPulled(job: Job): Promise<void> {
  await useImages.getState().refresh();
  const refs = new Set(job.result?.references ?? []);
  const ids = new Set(job.result?.imageIds ?? []);
  const rows = useImages.getState().list?.rows ?? [];
  const keys = rows.filter((r) => (r.reference !== null && refs.has(r.reference)) || (refs.size === 0 && ids.has(r.id))).map(rowKey);
  if (keys.length === 0) return;
  useImageSelection.getState().set({ selected: new Set(keys), anchor: keys[0]!, cursor: keys[0]! });
}
