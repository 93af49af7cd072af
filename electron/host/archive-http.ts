/**
 * The browser host's file transfer for save and load/import, which a page
 * cannot do through the contract alone: GET /archive/save streams `docker
 * save` as a download; POST /archive/upload streams a file the user picked
 * into a private temp file and answers its path for images.load/import.
 * Both need the run's token; the upload also our own Origin (a fetch from
 * our page sends it; a form post from another site cannot forge it), and a
 * download that carries an Origin must carry ours.
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
        // Our page downloads by navigating, which sends no Origin; a script elsewhere that got hold of the token sends its own.
        if (req.headers.origin !== undefined && !isOwnOrigin(req.headers.origin, expect.port())) return sendText(res, 403, 'Forbidden', headers);
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
  const source = url.searchParams.get('source') ?? 'embedded';
  if (refs.length === 0 || (format !== 'docker' && format !== 'oci') || source === '' || source.length > 1024) return sendText(res, 400, 'Bad Request', headers);
  const name = `${refs[0]!.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100)}${format === 'oci' ? '-oci' : ''}.tar`;
  const download = attachment(res, headers, name);
  if (source !== 'embedded') return saveFromEngine(core, source, refs, format, res, headers, download);
  if (!core.archives) return sendText(res, 501, 'Not Implemented', headers);
  const archives = await core.archives();
  // Headers go out with the first byte, so a save that fails at once (no such image) can still answer with its error.
  const { start, started } = download;
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
    if (!started()) sendText(res, job.error?.code === 'NOT_FOUND' ? 404 : 400, job.error?.message ?? 'save failed', headers);
    else res.destroy();
  });
}

interface Attachment {
  /** Sends the download's headers (once). */
  start(): void;
  started(): boolean;
}

function attachment(res: ServerResponse, headers: Record<string, string>, name: string): Attachment {
  let sent = false;
  return {
    start() {
      if (sent) return;
      sent = true;
      res.writeHead(200, { ...headers, 'Content-Type': 'application/x-tar', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
    },
    started: () => sent,
  };
}

/**
 * An engine's images as it saves them (GET /images/get), passed through as
 * they come. Only docker-archives: Berth does not re-pack an engine's save.
 * A failure before the first byte answers with the engine's own message.
 */
async function saveFromEngine(
  core: HostCore,
  source: string,
  refs: string[],
  format: string,
  res: ServerResponse,
  headers: Record<string, string>,
  download: Attachment,
): Promise<void> {
  if (format !== 'docker') return sendText(res, 400, 'an engine saves docker-archives only (format=docker)', headers);
  if (!core.archivePort) return sendText(res, 501, 'Not Implemented', headers);
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  // The first chunk decides: the engine's refusal can still be the answer, as its message.
  let chunks: AsyncIterator<Uint8Array>;
  let first: IteratorResult<Uint8Array>;
  try {
    chunks = (await (await core.archivePort(source)).exportImages(refs, controller.signal))[Symbol.asyncIterator]();
    first = await chunks.next();
  } catch (e) {
    return sendText(res, engineStatus(e), e instanceof Error ? e.message : String(e), headers);
  }
  download.start();
  async function* whole(): AsyncGenerator<Uint8Array> {
    if (!first.done) yield first.value;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  // A failure after the first byte can only cut the download short.
  await pipeline(whole(), res).catch(() => res.destroy());
}

/** The HTTP status for an engine's refusal: a missing image is 404, an unreachable engine 502, anything else 400. */
function engineStatus(e: unknown): number {
  const code = (e as { code?: unknown }).code;
  if (code === 'NOT_FOUND') return 404;
  if (code === 'NETWORK') return 502;
  return 400;
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
