/**
 * Go's container.Config as dockerd 20.10 serializes it: every field in
 * declaration order, `omitempty` ones only when set, nil slices and maps as
 * null. Keys are matched case-insensitively, as Go's JSON decoder does.
 */
type Json = unknown;

type Kind = 'string' | 'bool' | 'list' | 'map' | 'object' | 'int';

/** [name, kind, omitempty] in container.Config's field order. */
const FIELDS: ReadonlyArray<readonly [string, Kind, boolean]> = [
  ['Hostname', 'string', false],
  ['Domainname', 'string', false],
  ['User', 'string', false],
  ['AttachStdin', 'bool', false],
  ['AttachStdout', 'bool', false],
  ['AttachStderr', 'bool', false],
  ['ExposedPorts', 'map', true],
  ['Tty', 'bool', false],
  ['OpenStdin', 'bool', false],
  ['StdinOnce', 'bool', false],
  ['Env', 'list', false],
  ['Cmd', 'list', false],
  ['Healthcheck', 'object', true],
  ['ArgsEscaped', 'bool', true],
  ['Image', 'string', false],
  ['Volumes', 'map', false],
  ['WorkingDir', 'string', false],
  ['Entrypoint', 'list', false],
  ['NetworkDisabled', 'bool', true],
  ['MacAddress', 'string', true],
  ['OnBuild', 'list', false],
  ['Labels', 'map', false],
  ['StopSignal', 'string', true],
  ['StopTimeout', 'int', true],
  ['Shell', 'list', true],
];

export function containerConfig(raw: Record<string, unknown> | null | undefined): Record<string, Json> {
  const src = new Map<string, unknown>();
  for (const [k, v] of Object.entries(raw ?? {})) if (!src.has(k.toLowerCase())) src.set(k.toLowerCase(), v);
  const out: Record<string, Json> = {};
  for (const [name, kind, omitEmpty] of FIELDS) {
    const v = normalize(kind, src.get(name.toLowerCase()));
    // Pointer fields (Healthcheck, StopTimeout) are omitted only when absent.
    const pointer = kind === 'object' || kind === 'int';
    if (omitEmpty && (pointer ? v === null : isEmpty(v))) continue;
    out[name] = v;
  }
  return out;
}

function normalize(kind: Kind, v: unknown): Json {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? v : '';
    case 'bool':
      return v === true;
    case 'int':
      return typeof v === 'number' ? v : null;
    case 'list':
      // strslice accepts a single string for a one-element list
      if (typeof v === 'string') return [v];
      return Array.isArray(v) ? v : null;
    case 'map':
    case 'object':
      return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  }
}

function isEmpty(v: Json): boolean {
  if (v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}
