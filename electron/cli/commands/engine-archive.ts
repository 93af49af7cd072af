/**
 * save to STDOUT and load/import from STDIN when -H picked an engine: the
 * bytes go through the engine's archive port (a docker-archive stream each
 * way) instead of the embedded store's archive jobs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Job } from '../../../shared/jobs';
import type { ArchivePort } from '../../core/engine/types';
import type { CliContext } from '../context';
import { daemonMessage } from '../daemon-errors';
import { ExitError } from '../errors';
import { stdoutSink } from './save';

async function archivePort(ctx: CliContext): Promise<ArchivePort> {
  const core = await ctx.core();
  if (!core.archivePort) throw new ExitError(1, `streaming archives to or from ${ctx.source} is not available here: use -o/-i with a file`);
  return core.archivePort(ctx.source);
}

/** Ctrl-C aborts the transfer (the engine drops its half) before the process ends. */
function abortOnInterrupt(ctx: CliContext, controller: AbortController): () => void {
  if (ctx.io.stdout !== process.stdout) return () => {};
  const onSigint = (): void => {
    controller.abort();
    process.exitCode = 130;
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

function failure(e: unknown, signal: AbortSignal): ExitError {
  if (signal.aborted) return new ExitError(130, daemonMessage('context canceled'));
  return new ExitError(1, daemonMessage(e instanceof Error ? e.message : String(e)));
}

/** `berth -H … save IMAGE… > file`: the engine's docker-archive, byte for byte. */
export async function saveFromEngine(ctx: CliContext, refs: string[]): Promise<void> {
  const port = await archivePort(ctx);
  const controller = new AbortController();
  const stop = abortOnInterrupt(ctx, controller);
  try {
    await pipeline(await port.exportImages(refs, controller.signal), stdoutSink(ctx), { signal: controller.signal });
  } catch (e) {
    throw failure(e, controller.signal);
  } finally {
    stop();
  }
}

/**
 * `berth -H … load < file`: the archive goes to the engine; its load lines come
 * back as a job that lives only in this process, rendered like any load.
 */
export async function loadIntoEngine(ctx: CliContext, stdin: AsyncIterable<Uint8Array>, onUpdate: (job: Job) => void): Promise<void> {
  const port = await archivePort(ctx);
  const { JobRecord, newJobId } = await import('../../core/jobs');
  const job = new JobRecord(newJobId(), 'load', 'STDIN', onUpdate, ctx.source);
  const stop = abortOnInterrupt(ctx, job.controller);
  job.transition('running');
  try {
    const loaded = await port.importImages(stdin, job);
    job.transition('succeeded', { result: { ...loaded, digest: null } });
  } catch (e) {
    const error = failure(e, job.signal);
    job.transition(job.signal.aborted ? 'cancelled' : 'failed', { error: { code: 'INTERNAL', message: error.message } });
    throw error;
  } finally {
    stop();
  }
}

/**
 * `berth -H … import - < rootfs.tar`: an engine imports a rootfs from a file the
 * contract names, so STDIN goes to a private temp file first, removed afterwards.
 */
export async function withStdinFile<T>(stdin: AsyncIterable<Uint8Array>, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-stdin-'));
  try {
    const file = path.join(dir, 'rootfs.tar');
    await pipeline(stdin, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
