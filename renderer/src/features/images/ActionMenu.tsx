import * as ContextMenu from '@radix-ui/react-context-menu';
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { Fragment, type ReactElement } from 'react';
import type { ImageAction } from './actions';

const PARTS = {
  context: { Item: ContextMenu.Item, Separator: ContextMenu.Separator },
  dropdown: { Item: DropdownMenu.Item, Separator: DropdownMenu.Separator },
} as const;

/** The row actions as menu items, for the right-click menu and the toolbar's "more" menu alike. */
export function ActionMenuItems({ actions, kind }: { actions: ImageAction[]; kind: keyof typeof PARTS }): ReactElement {
  const { Item, Separator } = PARTS[kind];
  return (
    <>
      {actions.map((a, i) => (
        <Fragment key={a.id}>
          {a.separated && i > 0 && <Separator className="menu-separator" />}
          <Item
            className={`menu-item${a.danger ? ' danger' : ''}`}
            disabled={!a.enabled}
            onSelect={() => a.run()}
            data-action={a.id}
          >
            <span className="menu-icon">{a.icon ? <a.icon /> : null}</span>
            <span className="menu-label">{a.label}</span>
            {a.shortcut && <kbd className="menu-shortcut">{a.shortcut}</kbd>}
          </Item>
        </Fragment>
      ))}
    </>
  );
}
