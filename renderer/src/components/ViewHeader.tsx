import type { ReactElement, ReactNode } from 'react';

export function ViewHeader({ title, children }: { title: string; children?: ReactNode }): ReactElement {
  return (
    <div className="view-header">
      <h1 id="view-title" tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="view-header-meta">{children}</div>}
    </div>
  );
}
