/**
 * Docker's progress text for one layer line (jsonmessage.JSONProgress.String):
 * a 50-column bar only on terminals wider than 110, then "%8v/%v" counts in
 * HumanSize (4 significant digits); only the current count when there is no
 * total or the current count passed it.
 */
import { humanSize } from '../../core/format';

export function progressText(current: number, total: number, width: number): string {
  if (current <= 0 && total <= 0) return '';
  const human = (n: number): string => humanSize(n, 4);
  if (total <= 0) return human(current).padStart(8);
  const percentage = Math.min(Math.floor((current / total) * 100) >> 1, 50);
  const bar = width > 110 ? `[${'='.repeat(percentage)}>${' '.repeat(Math.max(50 - percentage, 0))}] ` : '';
  const counts = current > total ? human(current).padStart(8) : `${human(current).padStart(8)}/${human(total)}`;
  return bar + counts;
}
