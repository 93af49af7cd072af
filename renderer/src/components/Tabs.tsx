import { useRef, type KeyboardEvent, type ReactElement } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

/** An ARIA tablist: arrows, Home and End move and select (automatic activation). */
export function Tabs<T extends string>(props: { label: string; tabs: TabItem<T>[]; value: T; idPrefix: string; onChange(id: T): void }): ReactElement {
  const { tabs, value, onChange, idPrefix } = props;
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (e: KeyboardEvent, i: number): void => {
    const last = tabs.length - 1;
    const next = e.key === 'ArrowRight' ? (i === last ? 0 : i + 1) : e.key === 'ArrowLeft' ? (i === 0 ? last : i - 1)
      : e.key === 'Home' ? 0 : e.key === 'End' ? last : -1;
    if (next < 0) return;
    e.preventDefault();
    onChange(tabs[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div role="tablist" aria-label={props.label} className="tabs">
      {tabs.map((tab, i) => (
        <button key={tab.id} ref={(el) => { refs.current[i] = el; }} type="button" role="tab" id={`${idPrefix}-tab-${tab.id}`}
          aria-selected={tab.id === value} aria-controls={`${idPrefix}-panel`} tabIndex={tab.id === value ? 0 : -1}
          className="tab" onClick={() => onChange(tab.id)} onKeyDown={(e) => onKeyDown(e, i)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}
