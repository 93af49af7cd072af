import type { ReactElement, ReactNode } from 'react';

/** A centred message in place of content: empty states, unsupported features, failures. */
export function Notice({
  title,
  children,
  tone = 'neutral',
  icon,
  testId,
}: {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'warning' | 'error';
  icon?: ReactElement;
  testId?: string;
}): ReactElement {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : undefined} data-testid={testId}>
      {icon && <div className="notice-icon">{icon}</div>}
      <h2>{title}</h2>
      {children}
    </div>
  );
}
