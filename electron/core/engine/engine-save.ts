/**
 * docker save through an engine: GET /images/get streams a docker-archive
 * into a temp file beside the target, renamed over it only when complete
 * (removed on failure or cancel), as the embedded save does. An OCI archive
 * is something only Podman's own API writes (libpod's export with
 * format=oci-archive); dockerd cannot, and says so before any file exists.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../../shared/errors';
import type { JobReporter, JobResult } from '../jobs';
import { parseNormalizedNamed, withDefaultTag, formatReference } from '../reference';
import type { EngineClient, EngineRequest } from './client';
import { findImage } from './image-lookup';

const ARCHIVE_LINE = 'archive';

export async function saveFromEngine(client: EngineClient, job: JobReporter, refs: readonly string[], format: 'docker' | 'oci', file: string): Promise<JobResult> {
  const req = await archiveRequest(client, refs, format, job.signal);
  const res = await client.request(req);
  const total = Number(res.headers['content-length'] ?? 0) || 0;
  job.phase(ARCHIVE_LINE, '', 'Writing', { current: 0, total });
  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      written += chunk.length;
      job.bytes(ARCHIVE_LINE, written, total);
      done(null, chunk);
    },
  });
  await writeAtomically(file, (out) => pipeline(res.body, counter, out, { signal: job.signal }));
  return { ...(await savedImages(client, refs, job.signal)), digest: null };
}

async function archiveRequest(client: EngineClient, refs: readonly string[], format: 'docker' | 'oci', signal: AbortSignal): Promise<EngineRequest> {
  const names = [...refs];
  if (format === 'docker') return { path: '/images/get', query: { names }, signal, stream: true };
  const engine = await client.version(signal);
  if (engine.kind !== 'podman') {
    throw new BerthError('UNSUPPORTED', `${engine.name} cannot save an OCI archive: save in the docker format, or copy the images to Berth's store and save them from there`);
  }
  return { path: '/libpod/images/export', query: { format: 'oci-archive', references: names }, signal, stream: true };
}

async function writeAtomically(file: string, write: (out: NodeJS.WritableStream) => Promise<void>): Promise<void> {
  const target = path.resolve(file);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.berth-${process.pid}-${randomBytes(4).toString('hex')}`);
  const out = createWriteStream(tmp, { flags: 'wx', mode: 0o644 });
  try {
    await write(out);
    await rename(tmp, target);
  } catch (e) {
    out.destroy();
    await unlink(tmp).catch(() => {});
    throw e;
  }
}

/** IDs of what was saved, and the tags asked for by name. */
async function savedImages(client: EngineClient, refs: readonly string[], signal: AbortSignal): Promise<{ imageIds: string[]; references: string[] }> {
  const imageIds: string[] = [];
  const references: string[] = [];
  for (const ref of refs) {
    const image = await findImage(client, ref, signal);
    if (image && !imageIds.includes(image.Id)) imageIds.push(image.Id);
    const named = namedTag(ref);
    if (image && named && !references.includes(named)) references.push(named);
  }
  return { imageIds, references };
}

function namedTag(ref: string): string | undefined {
  if (/^(sha256:)?[0-9a-f]{6,64}$/.test(ref)) return undefined; // an ID or ID prefix names no tag
  try {
    const named = parseNormalizedNamed(ref);
    return named.digest === null ? formatReference(withDefaultTag(named)) : undefined;
  } catch {
    return undefined;
  }
}
