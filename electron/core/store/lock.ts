/**
 * The store's inter-process lock: a lock file created atomically (link() of a
 * fully written temp file, so it never exists half-written) holding the
 * owner's PID. A lock whose owner PID is dead is broken, but only by one
 * process at a time (guarded by a second O_EXCL "breaker" file) and only if
 * it still holds the same content, so a live owner's fresh lock is never
 * removed by a slow breaker.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { BerthError } from '../../../shared/errors';
import { crashPoint } from './crash-point';
import { isErrno, pidAlive, tempName } from './fsutil';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
}

const BREAKER_STALE_MS = 5_000;

export class StoreLock {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly tmpDir: string,
  ) {}

  /** Runs fn holding the lock; callers in this process queue behind each other. */
  run<T>(fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
    const next = this.chain.then(async () => {
      const token = await this.acquire(opts.timeoutMs ?? 60_000);
      try {
        return await fn();
      } finally {
        await this.release(token);
      }
    });
    this.chain = next.catch(() => {});
    return next;
  }

  private async acquire(timeoutMs: number): Promise<string> {
    const token = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
    const tmp = tempName(this.tmpDir);
    await writeFile(tmp, token, { flag: 'wx' });
    crashPoint('lock.temp-written');
    const deadline = Date.now() + timeoutMs;
    let wait = 2;
    try {
      for (;;) {
        try {
          await link(tmp, this.file);
          crashPoint('lock.taken');
          return token;
        } catch (e) {
          if (!isErrno(e, 'EEXIST')) throw e;
        }
        const holder = await readText(this.file);
        if (holder !== null && !pidAlive(pidOf(holder))) await this.breakStale(holder);
        if (Date.now() > deadline) {
          throw new BerthError('INTERNAL', `the store is locked by process ${holder ? pidOf(holder) : '?'}`);
        }
        await sleep(wait + Math.random() * wait);
        wait = Math.min(wait * 2, 50);
      }
    } finally {
      await unlink(tmp).catch(() => {});
    }
  }

  private async release(token: string): Promise<void> {
    // Only remove what is ours; a lock we no longer own must be left alone.
    if ((await readText(this.file)) !== token) return;
    crashPoint('lock.before-release');
    await unlink(this.file).catch(() => {});
    crashPoint('lock.released');
  }

  private async breakStale(holder: string): Promise<void> {
    const breaker = `${this.file}.break`;
    try {
      const fh = await open(breaker, 'wx');
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
    } catch (e) {
      if (!isErrno(e, 'EEXIST')) throw e;
      await clearDeadBreaker(breaker);
      return;
    }
    try {
      crashPoint('lock.breaking');
      if ((await readText(this.file)) === holder) await unlink(this.file).catch(() => {});
    } finally {
      await unlink(breaker).catch(() => {});
    }
  }
}

/** A breaker left by a process that died while breaking a lock (a very small window). */
async function clearDeadBreaker(breaker: string): Promise<void> {
  const text = await readText(breaker);
  const st = await stat(breaker).catch(() => null);
  if (!st) return;
  const dead = text !== null && text.trim() !== '' && !pidAlive(pidOf(text));
  if (dead || Date.now() - st.mtimeMs > BREAKER_STALE_MS) await unlink(breaker).catch(() => {});
}

function pidOf(text: string): number {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : 0;
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return null;
    throw e;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
