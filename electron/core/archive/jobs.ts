/**
 * Save, load and import as jobs: the id comes back at once, progress flows
 * as 'job.updated' (bytes, Docker's "Loading layer" lines and messages), and
 * cancelling aborts the stream. The stream variants serve the CLI (stdout,
 * stdin) and the browser host's download; the contract passes file paths.
 */
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { Handlers } from '../api/dispatch';
import type { JobReporter, JobResult, JobRunner } from '../jobs';
import type { Store } from '../store';
import { importRootfs, type ImportInput } from './import';
import type { ArchiveLimits } from './limits';
import { loadArchive, type ArchiveProgress, type ArchiveSource } from './load';
import { saveImages, type SaveFormat } from './save';
import { saveToFile } from './save-file';

export type ArchiveMethod = 'images.save' | 'images.load' | 'images.import';

export interface ArchiveJobs {
  readonly handlers: Pick<Handlers, ArchiveMethod>;
  /** Saves to a stream (stdout, an HTTP response); the job ends when the stream has everything. */
  saveStream(refs: readonly string[], format: SaveFormat, out: Writable, title?: string): string;
  load(source: ArchiveSource, title: string): string;
  import(input: ImportInput, title: string): string;
}

const WHOLE = 'archive';

function reporter(job: JobReporter, line: string, phase: string): ArchiveProgress & { onBytes(c: number, t: number): void } {
  let started = false;
  const onBytes = (current: number, total: number): void => {
    if (!started) job.phase(line, '', phase, { current, total });
    else job.bytes(line, current, total);
    started = true;
  };
  const layers = new Set<string>();
  return {
    onBytes,
    bytes: onBytes,
    layer: (id, current, total) => {
      if (!layers.has(id)) job.phase(id, '', 'Loading layer', { current, total });
      else job.bytes(id, current, total);
      layers.add(id);
    },
    message: (text) => job.message(text),
  };
}

function result(images: Array<{ id: string; tags: string[] }>): JobResult {
  return { imageIds: images.map((i) => i.id), references: images.flatMap((i) => i.tags), digest: null };
}

export function createArchiveJobs(store: Store, runner: JobRunner, limits?: Partial<ArchiveLimits>): ArchiveJobs {
  const base = limits ? { limits } : {};
  const load = (source: ArchiveSource, title: string): string =>
    runner.start('load', title, async (job) => {
      const r = await loadArchive(store, source, { ...base, signal: job.signal, progress: reporter(job, WHOLE, 'Reading') });
      return result(r.images);
    }).id;
  const doImport = (input: ImportInput, title: string): string =>
    runner.start('import', title, async (job) => {
      const r = await importRootfs(store, input, { ...base, signal: job.signal, progress: reporter(job, WHOLE, 'Importing') });
      job.message(r.id);
      return { imageIds: [r.id], references: r.tag ? [r.tag] : [], digest: null };
    }).id;
  const saveStream = (refs: readonly string[], format: SaveFormat, out: Writable, title = refs.join(' ')): string =>
    runner.start('save', title, async (job) => {
      const r = await saveImages(store, refs, out, { ...base, format, signal: job.signal, onBytes: reporter(job, WHOLE, 'Writing').onBytes });
      return result(r.images);
    }).id;
  const handlers: Pick<Handlers, ArchiveMethod> = {
    'images.save': async ({ refs, format, path: file }) => ({
      jobId: runner.start('save', `${refs.join(' ')} → ${path.basename(file)}`, async (job) => {
        const r = await saveToFile(store, refs, file, { ...base, format, signal: job.signal, onBytes: reporter(job, WHOLE, 'Writing').onBytes });
        return result(r.images);
      }).id,
    }),
    'images.load': async ({ path: file }) => ({ jobId: load({ path: file }, path.basename(file)) }),
    'images.import': async ({ path: file, reference, changes, message, platform }) => {
      const input: ImportInput = { source: { path: file }, changes, ...(reference ? { reference } : {}), ...(message ? { message } : {}), ...(platform ? { platform } : {}) };
      return { jobId: doImport(input, reference ?? path.basename(file)) };
    },
  };
  return { handlers, saveStream, load, import: doImport };
}
