/**
 * Moving archive files between the user and the core, per host. In Electron
 * the preload tells a picked or dropped file's path and main answers
 * host.pickSavePath with the native dialog; the browser host instead streams
 * files over HTTP with the page's token: uploads become a temp file on the
 * host, saves come back as a download.
 */
import type { BerthApi, ImageRow } from '../../../../shared/index';
import { rowKey } from '../images/row-key';

export interface NativeFiles {
  /** The filesystem path of a File from an <input> or a drop. */
  pathFor(file: File): string;
  /** The native save dialog; null when the user cancelled. */
  pickSavePath(defaultName: string): Promise<string | null>;
}

/** Electron's file access, or null in the browser host; the save dialog is the core call the caller passes. */
export function nativeFiles(win: Window & { berth?: BerthApi }, pickSavePath: NativeFiles['pickSavePath']): NativeFiles | null {
  const pathForFile = win.berth?.pathForFile;
  return pathForFile ? { pathFor: (file) => pathForFile(file), pickSavePath } : null;
}

function token(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

/** Where the core can read `file`: its own path in Electron, else an upload to the browser host. */
export async function pathOnHost(file: File, native: NativeFiles | null): Promise<string> {
  if (native) return native.pathFor(file);
  const r = await fetch(`/archive/upload?token=${encodeURIComponent(token())}`, { method: 'POST', body: file });
  if (!r.ok) throw new Error(`upload failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { path: string }).path;
}

/** The browser host's download address for a save (of an engine's images when `source` names one). */
export function downloadUrl(refs: readonly string[], format: 'docker' | 'oci', source = 'embedded'): string {
  const q = new URLSearchParams({ token: token(), format });
  if (source !== 'embedded') q.set('source', source);
  for (const r of refs) q.append('ref', r);
  return `/archive/save?${q.toString()}`;
}

export function suggestedName(refs: readonly string[], format: 'docker' | 'oci'): string {
  return `${(refs[0] ?? 'images').replace(/[^A-Za-z0-9._-]+/g, '_')}${format === 'oci' ? '-oci' : ''}.tar`;
}

/** The table rows a load or import produced, to select them: its tags, or its untagged images. */
export function loadedRowKeys(result: { imageIds: string[]; references: string[] }, rows: readonly ImageRow[]): string[] {
  const refs = new Set(result.references);
  const ids = new Set(result.imageIds);
  const picked = refs.size > 0 ? rows.filter((r) => r.reference !== null && refs.has(r.reference)) : rows.filter((r) => ids.has(r.id));
  return picked.map(rowKey);
}
