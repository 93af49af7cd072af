import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a raw request target to a file under root, or null when it is not a
 * plain path inside root. The raw target is checked before any normalisation,
 * so `..` (literal or percent-encoded) is refused rather than resolved away.
 */
export function resolveStaticPath(root: string, rawUrl: string): string | null {
  if (!rawUrl.startsWith('/')) return null;
  const end = rawUrl.search(/[?#]/);
  const rawPath = end === -1 ? rawUrl : rawUrl.slice(0, end);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  // Dot segments and dotfiles: the build has neither, so refuse both outright.
  if (segments.some((s) => s.startsWith('.'))) return null;
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  return isInside(base, full) ? full : null;
}

function isInside(base: string, candidate: string): boolean {
  return candidate === base || candidate.startsWith(base + path.sep);
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, headers: Record<string, string>) => Promise<void>;

export function createStaticHandler(rootDir: string): StaticHandler {
  let realRoot: Promise<string> | undefined;
  return async (req, res, headers) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'Method Not Allowed', { ...headers, Allow: 'GET, HEAD' });
    }
    const file = resolveStaticPath(rootDir, req.url ?? '');
    if (!file) return sendText(res, 400, 'Bad Request', headers);
    realRoot ??= realpath(path.resolve(rootDir));
    const found = await existingFileInside(await realRoot, file);
    if (!found) return sendText(res, 404, 'Not Found', headers);
    const body = await readFile(found);
    res.writeHead(200, {
      ...headers,
      'Content-Type': contentTypeFor(found),
      'Content-Length': String(body.length),
      // Asset names carry content hashes, but index.html does not: revalidate everything.
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

/** Follows symlinks and checks again, so a link inside the build cannot lead outside it. */
async function existingFileInside(realRoot: string, file: string): Promise<string | null> {
  try {
    const real = await realpath(file);
    if (!isInside(realRoot, real)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}
