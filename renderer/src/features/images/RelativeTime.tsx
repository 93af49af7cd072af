import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { startClock, useClock } from '../../state/clock';
import { createdSince } from './format';

/** Docker's CREATED wording ("2 years ago"), the exact local time on hover. */
export function RelativeTime({ iso, now }: { iso: string; now?: number }): ReactElement {
  const { t } = useTranslation();
  const clock = useClock((s) => s.now);
  startClock();
  const d = createdSince(iso, now ?? clock);
  const text = d ? t('time.ago', { duration: t(`duration.${d.key}`, { count: d.count }) }) : t('time.na');
  const exact = d ? new Date(iso).toLocaleString() : undefined;
  return (
    <time dateTime={iso} title={exact}>
      {text}
    </time>
  );
}
