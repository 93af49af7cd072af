import type { Source } from '../../../shared/index';

/**
 * One row of `berth source ls`, shaped like `docker context ls`: the current
 * source is starred, and an unreachable engine shows why instead of its name.
 */
export interface SourceView {
  Current: boolean;
  ID: string;
  Type: string;
  Origin: string;
  State: string;
  API: string;
  Name: string;
  Error: string;
  /** NAME/ERROR: the name while connected, the reason when not. */
  Description: string;
}

// No `Current` entry: `{{if .Current}} *{{end}}` then adds nothing to the header row, as in Docker.
export const SOURCE_HEADERS: Readonly<Record<string, string>> = {
  ID: 'SOURCE',
  Type: 'TYPE',
  Origin: 'ORIGIN',
  State: 'STATE',
  API: 'API',
  Name: 'NAME',
  Error: 'ERROR',
  Description: 'NAME/ERROR',
};

export function sourceView(s: Source, current: string): SourceView {
  return {
    Current: s.id === current,
    ID: s.id,
    Type: s.kind,
    Origin: s.origin,
    State: s.state,
    API: s.apiVersion ?? '',
    Name: s.name,
    Error: s.error ?? '',
    Description: s.state === 'connected' || !s.error ? s.name : s.error,
  };
}
