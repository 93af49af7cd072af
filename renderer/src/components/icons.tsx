import type { ReactElement } from 'react';
import type { ViewId } from '../state/nav';

/** Line icons drawn for Berth (24×24, currentColor): no icon font, nothing inline-styled. */
function Svg({ children }: { children: ReactElement | ReactElement[] }): ReactElement {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor"
      strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export function ImagesIcon(): ReactElement {
  return (
    <Svg>
      <path d="M12 3 3 7.5l9 4.5 9-4.5L12 3Z" />
      <path d="m3 12 9 4.5 9-4.5" />
      <path d="m3 16.5 9 4.5 9-4.5" />
    </Svg>
  );
}

export function RegistryIcon(): ReactElement {
  return (
    <Svg>
      <path d="M7 18a4.5 4.5 0 0 1-.6-8.96A6 6 0 0 1 18 8.5a4.75 4.75 0 0 1-.5 9.5H7Z" />
      <path d="M12 11v5" />
      <path d="m9.5 13.5 2.5 2.5 2.5-2.5" />
    </Svg>
  );
}

export function JobsIcon(): ReactElement {
  return (
    <Svg>
      <path d="M9 6h11" />
      <path d="M9 12h11" />
      <path d="M9 18h11" />
      <path d="m3.5 6 1.25 1.25L7 5" />
      <path d="m3.5 12 1.25 1.25L7 11" />
      <path d="M4 18h2" />
    </Svg>
  );
}

export function SettingsIcon(): ReactElement {
  return (
    <Svg>
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.7 1.7 0 0 0 .34 1.87l.06.06a2 2 0 1 1-2.83 2.83l-.06-.06a1.7 1.7 0 0 0-1.87-.34 1.7 1.7 0 0 0-1 1.55V21a2 2 0 1 1-4 0v-.09a1.7 1.7 0 0 0-1.1-1.55 1.7 1.7 0 0 0-1.87.34l-.06.06a2 2 0 1 1-2.83-2.83l.06-.06A1.7 1.7 0 0 0 4.6 15a1.7 1.7 0 0 0-1.55-1H3a2 2 0 1 1 0-4h.09A1.7 1.7 0 0 0 4.6 9a1.7 1.7 0 0 0-.34-1.87l-.06-.06a2 2 0 1 1 2.83-2.83l.06.06A1.7 1.7 0 0 0 9 4.6a1.7 1.7 0 0 0 1-1.55V3a2 2 0 1 1 4 0v.09a1.7 1.7 0 0 0 1 1.55 1.7 1.7 0 0 0 1.87-.34l.06-.06a2 2 0 1 1 2.83 2.83l-.06.06A1.7 1.7 0 0 0 19.4 9a1.7 1.7 0 0 0 1.55 1H21a2 2 0 1 1 0 4h-.09a1.7 1.7 0 0 0-1.51 1Z" />
    </Svg>
  );
}

export function BerthMark(): ReactElement {
  return (
    <svg className="brand-mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="22" height="22" rx="6" className="brand-mark-bg" />
      <path d="M6 9h4v4H6zM10.5 9h4v4h-4zM10.5 4.5h4v4h-4zM15 9h4v4h-4z" className="brand-mark-boxes" />
      <path d="M4 15.5h16c-.6 2.4-2.9 4-5.5 4h-5C7 19.5 4.8 18 4 15.5Z" className="brand-mark-hull" />
    </svg>
  );
}

export function InfoIcon(): ReactElement {
  return (
    <Svg>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v5" />
      <path d="M12 8h.01" />
    </Svg>
  );
}

export function CloseIcon(): ReactElement {
  return (
    <Svg>
      <path d="M6 6l12 12" />
      <path d="M18 6 6 18" />
    </Svg>
  );
}

export const VIEW_ICONS: Record<ViewId, () => ReactElement> = {
  images: ImagesIcon,
  registry: RegistryIcon,
  jobs: JobsIcon,
  settings: SettingsIcon,
};
