/**
 * pull, push, save, load and import through a Docker-API engine, as jobs
 * on the runner with the engine as their source. Progress is the engine's
 * own JSON stream mapped onto Docker's per-layer lines (see pull-progress,
 * push-progress, load-progress); cancelling a job aborts its request, and
 * dockerd then stops the work. Credentials go to the engine only in the
 * X-Registry-Auth header.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MethodParsedInput } from '../../../shared/contract';
import { BerthError } from '../../../shared/errors';
import type { JobReporter, JobResult } from '../jobs';
import { parsePlatform } from '../platform';
import { familiarName, familiarString, formatReference, parseNormalizedNamed, repositoryName, withDefaultTag, type Reference } from '../reference';
import type { EngineClient } from './client';
import { countBytes, loadIntoEngine } from './engine-load';
import { saveFromEngine } from './engine-save';
import { findImage, imagePath, repoDigestIn, repositoryImages, tagsOf } from './image-lookup';
import { PullProgress } from './pull-progress';
import { PushProgress } from './push-progress';
import { registryAuthHeaders } from './registry-auth';
import type { EngineDeps, EngineHandlers } from './types';

export type TransferMethod = 'images.pull' | 'images.push' | 'images.save' | 'images.load' | 'images.import';

/** The whole-archive progress line, as the embedded save/load/import name it. */
const ARCHIVE_LINE = 'archive';

export function engineTransferHandlers(client: EngineClient, deps: EngineDeps): Pick<EngineHandlers, TransferMethod> {
  const source = client.endpoint.id;
  const start = (kind: 'pull' | 'push' | 'save' | 'load' | 'import', title: string, work: (job: JobReporter) => Promise<JobResult>) => ({
    jobId: deps.runner.start(kind, title, work, source).id,
  });
  return {
    'images.pull': async (input) => {
      const target = pullTarget(input);
      return start('pull', formatReference(target), (job) => (input.allTags ? pullAllTags(client, deps, job, target) : pullOne(client, deps, job, target, input.platform)));
    },
    'images.push': async (input) => {
      const target = pushTarget(input);
      return start('push', formatReference(target), (job) => push(client, deps, job, target, input.allTags));
    },
    'images.save': async ({ refs, format, path: file }) =>
      start('save', `${refs.join(' ')} → ${path.basename(file)}`, (job) => saveFromEngine(client, job, refs, format, file)),
    'images.load': async ({ path: file }) => start('load', path.basename(file), (job) => load(client, job, file)),
    'images.import': async (input) => {
      const target = importTarget(input.reference);
      return start('import', input.reference ?? path.basename(input.path), (job) => importRootfs(client, job, input, target));
    },
  };
}

// ------------------------------------------------------------------ pull

function pullTarget(input: MethodParsedInput<'images.pull'>): Reference {
  const parsed = parseNormalizedNamed(input.ref);
  if (input.allTags && (parsed.tag !== null || parsed.digest !== null)) {
    throw new BerthError('INVALID_ARGUMENT', "tag can't be used with --all-tags/-a");
  }
  if (input.platform) parsePlatform(input.platform); // refuse a malformed one before any job starts
  return input.allTags ? parsed : withDefaultTag(parsed);
}

/** fromImage and tag as the docker CLI sends them: a digest travels in `tag`. */
function createQuery(target: Reference, platform?: string): Record<string, string | undefined> {
  return { fromImage: repositoryName(target), tag: target.digest ?? target.tag ?? undefined, platform };
}

function pullingFrom(target: Reference): string {
  return `${target.digest ?? target.tag ?? 'latest'}: Pulling from ${target.path}`;
}

async function pullStream(client: EngineClient, deps: EngineDeps, job: JobReporter, target: Reference, platform?: string): Promise<PullProgress> {
  const headers = await registryAuthHeaders(deps.remote, target.domain);
  const progress = new PullProgress(job, pullingFrom(target));
  const stream = client.messages({ method: 'POST', path: '/images/create', query: createQuery(target, platform), headers, signal: job.signal, timeoutMs: 0 });
  for await (const msg of stream) progress.onMessage(msg);
  return progress;
}

async function pullOne(client: EngineClient, deps: EngineDeps, job: JobReporter, target: Reference, platform?: string): Promise<JobResult> {
  const name = formatReference(target);
  const before = await findImage(client, name, job.signal);
  const progress = await pullStream(client, deps, job, target, platform);
  const after = await findImage(client, name, job.signal);
  if (!after) throw new BerthError('INTERNAL', `${client.endpoint.id} finished pulling ${familiarString(target)} but has no such image`);
  progress.finish({
    imageId: after.Id,
    digest: target.digest ?? repoDigestIn(after, repositoryName(target)),
    updated: before?.Id !== after.Id,
    familiar: familiarString(target),
  });
  return { imageIds: [after.Id], references: [name], digest: progress.digest };
}

/** `pull -a`: dockerd pulls every tag; Podman's compatible API pulls only `latest` (see the report). */
async function pullAllTags(client: EngineClient, deps: EngineDeps, job: JobReporter, target: Reference): Promise<JobResult> {
  const familiar = familiarName(target);
  const before = new Set((await repositoryImages(client, familiar, job.signal)).map((i) => i.Id));
  const progress = await pullStream(client, deps, job, target);
  const images = await repositoryImages(client, familiar, job.signal);
  progress.finish({ updated: images.some((i) => !before.has(i.Id)), familiar });
  return {
    imageIds: images.map((i) => i.Id),
    references: images.flatMap((i) => tagsOf(i, repositoryName(target))),
    digest: progress.digest,
  };
}

// ------------------------------------------------------------------ push

function pushTarget(input: MethodParsedInput<'images.push'>): Reference {
  const parsed = parseNormalizedNamed(input.ref);
  if (input.allTags && (parsed.tag !== null || parsed.digest !== null)) {
    throw new BerthError('INVALID_ARGUMENT', "tag can't be used with --all-tags/-a");
  }
  if (parsed.digest !== null) throw new BerthError('INVALID_ARGUMENT', 'cannot push a digest reference');
  return input.allTags ? parsed : withDefaultTag(parsed);
}

async function push(client: EngineClient, deps: EngineDeps, job: JobReporter, target: Reference, allTags: boolean): Promise<JobResult> {
  const repository = repositoryName(target);
  // dockerd refuses a push without the header, even to a registry that needs no login.
  const headers = await registryAuthHeaders(deps.remote, target.domain, { always: true });
  const progress = new PushProgress(job, repository);
  const query = { tag: target.tag ?? undefined };
  const stream = client.messages({ method: 'POST', path: `/images/${imagePath(repository)}/push`, query, headers, signal: job.signal, timeoutMs: 0 });
  for await (const msg of stream) progress.onMessage(msg);
  if (allTags) {
    const images = await repositoryImages(client, familiarName(target), job.signal);
    return { imageIds: images.map((i) => i.Id), references: images.flatMap((i) => tagsOf(i, repository)), digest: progress.digest };
  }
  const image = await findImage(client, formatReference(target), job.signal);
  return { imageIds: image ? [image.Id] : [], references: [formatReference(target)], digest: progress.digest };
}

// ------------------------------------------------------------------ load and import

/** A file going up as a request body, its bytes reported on the archive line. */
async function fileBody(job: JobReporter, file: string, phase: string): Promise<AsyncIterable<Uint8Array>> {
  const { size } = await stat(file);
  job.phase(ARCHIVE_LINE, '', phase, { current: 0, total: size });
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  job.signal.addEventListener('abort', () => stream.destroy(), { once: true });
  return countBytes(stream, (sent) => job.bytes(ARCHIVE_LINE, sent, size));
}

async function load(client: EngineClient, job: JobReporter, file: string): Promise<JobResult> {
  const loaded = await loadIntoEngine(client, await fileBody(job, file, 'Reading'), job, { layers: true });
  return { ...loaded, digest: null };
}

function importTarget(reference: string | undefined): Reference | undefined {
  if (reference === undefined) return undefined;
  const parsed = parseNormalizedNamed(reference);
  if (parsed.digest !== null) throw new BerthError('INVALID_ARGUMENT', 'cannot import digest reference');
  return withDefaultTag(parsed);
}

const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;

async function importRootfs(client: EngineClient, job: JobReporter, input: MethodParsedInput<'images.import'>, target: Reference | undefined): Promise<JobResult> {
  const query = {
    fromSrc: '-',
    repo: target ? repositoryName(target) : undefined,
    tag: target?.tag ?? undefined,
    message: input.message,
    changes: input.changes.length ? input.changes : undefined,
    platform: input.platform,
  };
  const body = await fileBody(job, input.path, 'Importing');
  let id: string | undefined;
  const stream = client.messages({ method: 'POST', path: '/images/create', query, headers: { 'content-type': 'application/x-tar' }, body, signal: job.signal, timeoutMs: 0 });
  for await (const msg of stream) if (msg.status && IMAGE_ID.test(msg.status)) id = msg.status;
  if (!id) throw new BerthError('INTERNAL', `${client.endpoint.id} imported the tarball but did not say the new image's ID`);
  if (target) await ensureTagged(client, job, id, target);
  job.message(id);
  return { imageIds: [id], references: target ? [formatReference(target)] : [], digest: null };
}

/** Podman 4.3's compatible import ignores `repo` (and so the tag): name the image as asked. */
async function ensureTagged(client: EngineClient, job: JobReporter, id: string, target: Reference): Promise<void> {
  const named = await findImage(client, formatReference(target), job.signal);
  if (named?.Id === id) return;
  await client.json({ method: 'POST', path: `/images/${imagePath(id)}/tag`, query: { repo: repositoryName(target), tag: target.tag ?? 'latest' }, signal: job.signal });
}
