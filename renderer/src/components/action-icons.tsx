import type { ReactElement } from 'react';

/** Small line icons for actions (16×16 box, currentColor), drawn for Berth. */
function Svg({ children, size = 16 }: { children: ReactElement | ReactElement[]; size?: number }): ReactElement {
  return (
    <svg className="icon" viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor"
      strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const SearchIcon = (): ReactElement => (
  <Svg><circle cx="11" cy="11" r="6.5" /><path d="m20 20-4.2-4.2" /></Svg>
);
export const TagIcon = (): ReactElement => (
  <Svg><path d="M3.5 12.2V4.5a1 1 0 0 1 1-1h7.7l8.3 8.3a1.5 1.5 0 0 1 0 2.1l-6.2 6.2a1.5 1.5 0 0 1-2.1 0Z" /><circle cx="8" cy="8" r="1.3" /></Svg>
);
export const UntagIcon = (): ReactElement => (
  <Svg><path d="M3.5 12.2V4.5a1 1 0 0 1 1-1h7.7l8.3 8.3a1.5 1.5 0 0 1 0 2.1l-6.2 6.2a1.5 1.5 0 0 1-2.1 0Z" /><path d="m9 12 4 4" /></Svg>
);
export const TrashIcon = (): ReactElement => (
  <Svg><path d="M4 7h16" /><path d="M9.5 7V4.5h5V7" /><path d="M6 7l1 13h10l1-13" /><path d="M10 11v5M14 11v5" /></Svg>
);
export const PullIcon = (): ReactElement => (
  <Svg><path d="M12 4v11" /><path d="m7.5 10.5 4.5 4.5 4.5-4.5" /><path d="M5 20h14" /></Svg>
);
export const PushIcon = (): ReactElement => (
  <Svg><path d="M12 15V4" /><path d="m7.5 8.5 4.5-4.5 4.5 4.5" /><path d="M5 20h14" /></Svg>
);
/** Save: an archive box with an arrow into it. */
export const SaveIcon = (): ReactElement => (
  <Svg><path d="M4 8h16v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1Z" /><path d="M3 4h18v4H3Z" /><path d="M12 11v6" /><path d="m9.5 14.5 2.5 2.5 2.5-2.5" /></Svg>
);
/** Load: an arrow out of an archive box into the store. */
export const LoadIcon = (): ReactElement => (
  <Svg><path d="M4 8h16v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1Z" /><path d="M3 4h18v4H3Z" /><path d="M12 17v-6" /><path d="m9.5 13.5 2.5-2.5 2.5 2.5" /></Svg>
);
/** Import: a file becoming an image. */
export const ImportIcon = (): ReactElement => (
  <Svg><path d="M14 3.5H6.5a1 1 0 0 0-1 1v15a1 1 0 0 0 1 1h11a1 1 0 0 0 1-1V8Z" /><path d="M14 3.5V8h4.5" /><path d="M12 11v6" /><path d="m9.5 14.5 2.5 2.5 2.5-2.5" /></Svg>
);
export const CopyIcon = (): ReactElement => (
  <Svg><rect x="8.5" y="8.5" width="11" height="11" rx="2" /><path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5" /></Svg>
);
export const InspectIcon = (): ReactElement => (
  <Svg><path d="M8 4H6a2 2 0 0 0-2 2v3c0 1.5-1 3-2 3 1 0 2 1.5 2 3v3a2 2 0 0 0 2 2h2" /><path d="M16 4h2a2 2 0 0 1 2 2v3c0 1.5 1 3 2 3-1 0-2 1.5-2 3v3a2 2 0 0 1-2 2h-2" /></Svg>
);
export const RefreshIcon = (): ReactElement => (
  <Svg><path d="M20 11a8 8 0 0 0-14.9-3.5" /><path d="M4 4v4h4" /><path d="M4 13a8 8 0 0 0 14.9 3.5" /><path d="M20 20v-4h-4" /></Svg>
);
export const PruneIcon = (): ReactElement => (
  <Svg><path d="M14 3 9.5 12" /><path d="M5 13.5h10l1.5 7h-13Z" /><path d="M8 20.5 9 16M12 20.5V16" /></Svg>
);
export const ColumnsIcon = (): ReactElement => (
  <Svg><rect x="3.5" y="4.5" width="17" height="15" rx="2" /><path d="M9.5 4.5v15M14.5 4.5v15" /></Svg>
);
export const MoreIcon = (): ReactElement => (
  <Svg><circle cx="5.5" cy="12" r="1" /><circle cx="12" cy="12" r="1" /><circle cx="18.5" cy="12" r="1" /></Svg>
);
export const CheckIcon = (): ReactElement => <Svg><path d="m5 12.5 4.5 4.5L19 7.5" /></Svg>;
export const WarningIcon = (): ReactElement => (
  <Svg><path d="M12 4 2.8 19.5h18.4Z" /><path d="M12 10v4.5" /><path d="M12 17.3h.01" /></Svg>
);
export const LayersIcon = (): ReactElement => (
  <Svg><path d="M12 3 3 7.5l9 4.5 9-4.5Z" /><path d="m3 12 9 4.5 9-4.5" /></Svg>
);

export function ChevronIcon({ open }: { open: boolean }): ReactElement {
  return <Svg>{open ? <path d="m6 9 6 6 6-6" /> : <path d="m9 6 6 6-6 6" />}</Svg>;
}

export function SortIcon({ direction }: { direction: 'asc' | 'desc' | null }): ReactElement {
  if (direction === null) return <span className="sort-placeholder" aria-hidden="true" />;
  return <Svg size={12}>{direction === 'asc' ? <path d="m6 15 6-6 6 6" /> : <path d="m6 9 6 6 6-6" />}</Svg>;
}
/** Copy to another source: two boxes and an arrow between them. */
export const TransferIcon = (): ReactElement => (
  <Svg><rect x="3" y="4" width="7" height="7" rx="1.5" /><rect x="14" y="13" width="7" height="7" rx="1.5" /><path d="M10 7.5h4.5a2 2 0 0 1 2 2V13" /><path d="m14 10.5 2.5 2.5 2.5-2.5" /></Svg>
);
