/**
 * Names inside an archive are data, never paths to write to. Still, an
 * archive whose names climb out of it (`../x`, `/etc/passwd`) or whose links
 * point outside it is hostile or broken, and Docker refuses it; so do we.
 */
import { BerthError } from '../../../shared/errors';

/** Files whose meaning the loader depends on: they must be plain files. */
export const CONTROL_FILES = new Set(['manifest.json', 'index.json', 'oci-layout', 'repositories']);

function forbidden(message: string): BerthError {
  return new BerthError('FORBIDDEN', `invalid archive: ${message}`);
}

/** `./a//b/` → `a/b`; refuses absolute names, `..` segments and NUL bytes. */
export function entryPath(raw: string): string {
  if (raw.includes('\0')) throw forbidden(`entry name contains a NUL byte: ${JSON.stringify(raw)}`);
  if (raw.startsWith('/')) throw forbidden(`absolute path ${JSON.stringify(raw)}`);
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw forbidden(`path traversal in ${JSON.stringify(raw)}`);
  return parts.join('/');
}

/**
 * Where a link entry leads, as an archive path. Symlink targets are relative
 * to the link's directory; hardlink targets to the archive root. Either way
 * the result must stay inside the archive.
 */
export function linkTarget(linkPath: string, target: string, kind: 'symlink' | 'link'): string {
  if (target.includes('\0')) throw forbidden(`${kind} ${linkPath} has a NUL byte in its target`);
  if (target.startsWith('/')) throw forbidden(`${kind} ${linkPath} points outside the archive (${JSON.stringify(target)})`);
  const base = kind === 'symlink' ? linkPath.split('/').slice(0, -1) : [];
  const out: string[] = [];
  for (const p of [...base, ...target.split('/')]) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) throw forbidden(`${kind} ${linkPath} points outside the archive (${JSON.stringify(target)})`);
      out.pop();
    } else out.push(p);
  }
  if (out.length === 0) throw forbidden(`${kind} ${linkPath} points at the archive root`);
  return out.join('/');
}

/** A link must not stand in for a control file: the loader would read whatever it points at. */
export function checkLinkName(linkPath: string): void {
  if (CONTROL_FILES.has(linkPath)) throw forbidden(`${linkPath} is a link; it must be a regular file`);
}

/** The 64-hex digest an archive path names (`blobs/sha256/<hex>`, `<hex>/layer.tar`, `<hex>.json`), if any. */
export function digestHexIn(p: string): string | undefined {
  return /(?:^|\/)([a-f0-9]{64})(?:\.json|\/|$)/.exec(p)?.[1];
}
