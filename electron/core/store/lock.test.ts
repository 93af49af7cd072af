import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './fsutil';
import { StoreLock } from './lock';

let dir: string;
let tmp: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-lock-'));
  tmp = path.join(dir, 'tmp');
  await mkdir(tmp);
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A PID that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const f = path.join(dir, 'x.json');
    await writeFile(f, 'old');
    await writeFileAtomic(f, 'new', tmp);
    expect(await readFile(f, 'utf8')).toBe('new');
    expect(await readdir(tmp)).toEqual([]);
  });
});

describe('StoreLock', () => {
  it('serializes holders, even through separate instances on the same file', async () => {
    const file = path.join(dir, 'lock');
    const a = new StoreLock(file, tmp);
    const b = new StoreLock(file, tmp);
    const events: string[] = [];
    const hold = (lock: StoreLock, name: string) =>
      lock.run(async () => {
        events.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 30));
        events.push(`${name}-`);
      });
    await Promise.all([hold(a, 'a'), hold(b, 'b'), hold(a, 'c')]);
    for (let i = 0; i < events.length; i += 2) expect(events[i]!.slice(0, -1)).toBe(events[i + 1]!.slice(0, -1));
    expect(events).toHaveLength(6);
    expect(await readdir(dir)).not.toContain('lock');
  });

  it('breaks a lock whose owner process is dead', async () => {
    const file = path.join(dir, 'lock');
    await writeFile(file, `${deadPid()} deadbeef\n`);
    const lock = new StoreLock(file, tmp);
    expect(await lock.run(async () => 'got it', { timeoutMs: 2000 })).toBe('got it');
  });

  it('waits for a lock held by a live process and times out with who holds it', async () => {
    const child = spawn('sleep', ['30']);
    try {
      const file = path.join(dir, 'lock');
      await writeFile(file, `${child.pid} cafe\n`);
      const lock = new StoreLock(file, tmp);
      await expect(lock.run(async () => 1, { timeoutMs: 200 })).rejects.toThrow(`locked by process ${child.pid}`);
      expect(await readFile(file, 'utf8')).toBe(`${child.pid} cafe\n`);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('releases the lock when the holder throws', async () => {
    const file = path.join(dir, 'lock');
    const lock = new StoreLock(file, tmp);
    await expect(lock.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await lock.run(async () => 'again', { timeoutMs: 500 })).toBe('again');
  });
});

