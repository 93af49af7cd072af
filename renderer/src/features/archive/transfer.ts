/**
 * Moving archive files between the user and the core, per host. In Electron
 * the preload may expose `window.berthFiles` (a picked or dropped file's
 * path, a native save dialog); the browser host instead streams files over
 * HTTP with the page's token: uploads become a temp file on the host,
 * saves come back as a download.
 */
export interface NativeFiles {
  /** The filesystem path of a File from an <input> or a drop. */
  pathFor(file: File): string;
  /** The native save dialog; null when the user cancelled. */
  pickSavePath(defaultName: string): Promise<string | null>;
}

export function nativeFiles(win: Window & { berthFiles?: NativeFiles } = window): NativeFiles | null {
  return win.berthFiles ?? null;
}

function token(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

/** Where the core can read `file`: its own path in Electron, else an upload to the browser host. */
export async function pathOnHost(file: File): Promise<string> {
  const native = nativeFiles();
  if (native) return native.pathFor(file);
  const r = await fetch(`/archive/upload?token=${encodeURIComponent(token())}`, { method: 'POST', body: file });
  if (!r.ok) throw new Error(`upload failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { path: string }).path;
}

/** The browser host's download address for a save. */
export function downloadUrl(refs: readonly string[], format: 'docker' | 'oci'): string {
  const q = new URLSearchParams({ token: token(), format });
  for (const r of refs) q.append('ref', r);
  return `/archive/save?${q.toString()}`;
}

export function suggestedName(refs: readonly string[], format: 'docker' | 'oci'): string {
  return `${(refs[0] ?? 'images').replace(/[^A-Za-z0-9._-]+/g, '_')}${format === 'oci' ? '-oci' : ''}.tar`;
}

/** Row keys (id, familiar repository, tag) of the images a load or import produced, to select them. */
export function loadedRowKeys(result: { imageIds: string[]; references: string[] }): string[] {
  const keys = result.references.map((full) => {
    const at = full.lastIndexOf(':');
    const repo = full.slice(0, at).replace(/^docker\.io\//, '').replace(/^library\/(?=[^/]+$)/, '');
    return { repo, tag: full.slice(at + 1) };
  });
  if (keys.length === 0) return result.imageIds.map((id) => `${id}\n<none>\n<none>`);
  // A tag names one image; with several images, match each tag to each ID and keep what exists.
  return result.imageIds.flatMap((id) => keys.map((k) => `${id}\n${k.repo}\n${k.tag}`));
}
