import JsonView from '@uiw/react-json-view';
import { useEffect, useRef, type ReactElement } from 'react';
import { normalizedPath, type PathSearch } from './jsonpath-search';

/**
 * The inspect document as a collapsible tree. Keys on a JSONPath match are
 * highlighted and the tree opens down to them; colours come from app CSS
 * (the --w-rjv-* variables), so both themes follow the app.
 */
export function JsonTree({ doc, search, label }: { doc: object; search: PathSearch; label: string }): ReactElement {
  const matches = new Set(search.matches);
  const frame = useRef<HTMLDivElement>(null);
  const first = search.matches[0];
  useEffect(() => {
    if (first) frame.current?.querySelector('[data-match]')?.scrollIntoView({ block: 'nearest' });
  }, [first]);
  return (
    <div ref={frame} className="json-tree-frame" role="region" aria-label={label} data-testid="json-tree">
      <JsonView
        // Remounted per search so the initial expansion follows the new matches.
        key={search.matches.join('|')}
        value={doc}
        className="json-tree"
        displayDataTypes={false}
        displayObjectSize
        enableClipboard
        highlightUpdates={false}
        shortenTextAfterLength={0}
        indentWidth={14}
        shouldExpandNodeInitially={(_, { keys, level }) => level < 2 || search.ancestors.has(normalizedPath(keys)) || matches.has(normalizedPath(keys))}
      >
        <JsonView.KeyName
          render={(props, { keys }) => {
            const path = normalizedPath(keys ?? []);
            const hit = matches.has(path);
            return <span {...props} className={hit ? 'jp-match' : undefined} data-path={path} data-match={hit || undefined} />;
          }}
        />
      </JsonView>
    </div>
  );
}
