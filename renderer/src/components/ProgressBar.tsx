import type { ReactElement } from 'react';

/**
 * A determinate bar (or indeterminate when total is unknown). Its width is a
 * <progress>-free div scaled with a CSS custom property set through the
 * CSSOM, which the strict CSP allows (it refuses style attributes in markup).
 */
export function ProgressBar({ value, label, tone = 'accent' }: { value: number | null; label: string; tone?: 'accent' | 'success' | 'danger' | 'muted' }): ReactElement {
  return (
    <div className={`progress progress-${tone}${value === null ? ' indeterminate' : ''}`} role="progressbar" aria-label={label}
      aria-valuemin={0} aria-valuemax={100} aria-valuenow={value === null ? undefined : Math.round(value)}>
      <div className="progress-fill" style={{ transform: `scaleX(${value === null ? 1 : value / 100})` }} />
    </div>
  );
}
