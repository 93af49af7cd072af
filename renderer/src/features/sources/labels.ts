import type { TFunction } from 'i18next';
import type { Source } from '../../../../shared/index';

/**
 * What the UI calls a source: the embedded store in the UI's language, an
 * engine by the name the core gives it ('Docker Engine 20.10.24'), a source
 * no longer listed by its id.
 */
export function sourceLabel(list: readonly Source[] | undefined, id: string, t: TFunction): string {
  const s = list?.find((x) => x.id === id);
  if (s?.kind === 'embedded' || id === 'embedded') return t('sources.embeddedName');
  return s?.name ?? id;
}
