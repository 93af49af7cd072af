/**
 * The browser host's file transfer for save and load/import, which a page
 * cannot do through the contract alone: GET /archive/save streams `docker
 * save` as a download; POST /archive/upload streams a file the user picked
 * into a private temp file and answers its path for images.load/import.
 * Both need the run's token; the upload also our own Origin (a fetch from
 * our page sends it; a form post from another site cannot forge it).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isOwnOrigin } from './origin';
import { sendText } from './static-files';
import { tokensEqual } from './token';
import type { HostCore } from './types';

export const SAVE_PATH = '/archive/save';
export const UPLOAD_PATH = '/archive/upload';

export interface ArchiveHttp {
  handles(req: IncomingMessage): boolean;
  handle(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export function createArchiveHttp(core: HostCore, expect: { token: string; port: () => number; maxUploadBytes?: number }): ArchiveHttp {
  let uploads: Promise<string> | undefined;
  const uploadDir = (): Promise<string> => (uploads ??= mkdtemp(path.join(os.tmpdir(), 'berth-uploads-')));
  const maxUpload = expect.maxUploadBytes ?? 256 * 1024 ** 3;
  return {
    handles: (req) => {
      const p = new URL(req.url ?? '/', 'http://x').pathname;
      return p === SAVE_PATH || p === UPLOAD_PATH;
    },
    async handle(req, res, headers) {
      const url = new URL(req.url ?? '/', 'http://x');
      const token = url.searchParams.get('token');
      if (token === null || !tokensEqual(token, expect.token)) return sendText(res, 401, 'Unauthorized', headers);
      if (url.pathname === SAVE_PATH) {
        if (req.method !== 'GET') return sendText(res, 405, 'Method Not Allowed', { ...headers, Allow: 'GET' });
        return save(core, url, res, headers);
      }
      if (req.method !== 'POST') return sendText(res, 405, 'Method Not Allowed', { ...headers, Allow: 'POST' });
      if (!isOwnOrigin(req.headers.origin, expect.port())) return sendText(res, 403, 'Forbidden', headers);
      return upload(req, res, headers, await uploadDir(), maxUpload);
    },
    close: async () => {
      if (uploads) await rm(await uploads, { recursive: true, force: true });
    },
  };
}

async function save(core: HostCore, url: URL, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const refs = url.searchParams.getAll('ref').filter((r) => r.length > 0 && r.length <= 4096).slice(0, 1000);
  const format = url.searchParams.get('format') ?? 'docker';
  if (refs.length === 0 || (format !== 'docker' && format !== 'oci')) return sendText(res, 400, 'Bad Request', headers);
  if (!core.archives) return sendText(res, 501, 'Not Implemented', headers);
  const archives = await core.archives();
  const name = `${refs[0]!.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100)}${format === 'oci' ? '-oci' : ''}.tar`;
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    res.writeHead(200, { ...headers, 'Content-Type': 'application/x-tar', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
  };
  // Headers go out with the first byte, so a save that fails at once (no such image) can still answer with its error.
  const body = new Writable({
    write(chunk: Buffer, _enc, cb) {
      start();
      if (res.write(chunk)) cb();
      else res.once('drain', () => cb());
    },
    final(cb) {
      start();
      res.end(cb);
    },
  });
  const jobId = archives.saveStream(refs, format, body, `${refs.join(' ')} → download`);
  res.once('close', () => {
    if (!res.writableFinished) void core.dispatch('jobs.cancel', { id: jobId });
  });
  const off = core.bus.on('job.updated', (job) => {
    if (job.id !== jobId || job.state !== 'failed') return;
    off();
    if (!started) sendText(res, job.error?.code === 'NOT_FOUND' ? 404 : 400, job.error?.message ?? 'save failed', headers);
    else res.destroy();
  });
}

async function upload(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, dir: string, max: number): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return sendText(res, 413, 'Payload Too Large', headers);
  const file = path.join(dir, `upload-${randomBytes(12).toString('hex')}.tar`);
  let size = 0;
  async function* capped(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    for await (const c of source) {
      size += c.length;
      if (size > max) throw new Error('too large');
      yield c;
    }
  }
  try {
    await pipeline(req, capped, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch {
    await rm(file, { force: true });
    if (!res.headersSent) sendText(res, size > max ? 413 : 400, size > max ? 'Payload Too Large' : 'Bad Request', headers);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ path: file, size }));
}
