import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs';
import { EventBus } from '../events';
import { JobRunner } from './runner';

function setup(opts: ConstructorParameters<typeof JobRunner>[1] = {}) {
  const bus = new EventBus();
  const events: Job[] = [];
  bus.on('job.updated', (j) => events.push(j));
  return { runner: new JobRunner(bus, opts), events };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('JobRunner', () => {
  it('returns a queued snapshot at once, then publishes every phase change and the end', async () => {
    const { runner, events } = setup();
    const first = runner.start('pull', 'docker.io/library/x:1', async (job) => {
      job.message('1: Pulling from library/x');
      job.phase('aaaaaaaaaaaa', 'sha256:a', 'Pulling fs layer');
      job.phase('aaaaaaaaaaaa', 'sha256:a', 'Download complete', { current: 10, total: 10 });
      return { imageIds: ['sha256:i'], references: ['docker.io/library/x:1'], digest: 'sha256:d' };
    });
    expect(first).toMatchObject({ state: 'queued', kind: 'pull', title: 'docker.io/library/x:1', startedAt: null });
    const done = await runner.wait(first.id);
    expect(done).toMatchObject({ state: 'succeeded', error: null, result: { digest: 'sha256:d' }, progress: { current: 10, total: 10 } });
    expect(events.map((e) => [e.state, e.messages.length, e.layers[0]?.phase])).toEqual([
      ['queued', 0, undefined],
      ['running', 0, undefined],
      ['running', 1, undefined],
      ['running', 1, 'Pulling fs layer'],
      ['running', 1, 'Download complete'],
      ['succeeded', 1, 'Download complete'],
    ]);
  });

  it('throttles byte updates to one per 100 ms but never drops the last count', async () => {
    const { runner, events } = setup();
    let updatingMs = 0;
    const job = runner.start('pull', 'x', async (j) => {
      j.phase('l', 'sha256:l', 'Downloading', { current: 0, total: 1000 });
      const t0 = Date.now();
      for (let i = 1; i <= 1000; i++) {
        j.bytes('l', i, 1000);
        if (i % 100 === 0) await sleep(25);
      }
      updatingMs = Date.now() - t0;
      await sleep(150);
      return { imageIds: [], references: [], digest: null };
    });
    await runner.wait(job.id);
    const byteEvents = events.filter((e) => e.state === 'running' && e.layers[0]?.phase === 'Downloading').slice(1);
    expect(byteEvents.length).toBeGreaterThan(0);
    // One per 100 ms of however long the updates took here (a loaded machine stretches the sleeps), plus the last.
    expect(byteEvents.length).toBeLessThanOrEqual(Math.floor(updatingMs / 100) + 2);
    expect(byteEvents.at(-1)?.layers[0]?.current).toBe(1000);
  });

  it('cancels a running job through its signal and a queued one at once; failures carry the error payload', async () => {
    const { runner } = setup({ concurrency: 1 });
    const running = runner.start('pull', 'a', (j) => new Promise((_, reject) => j.signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const queued = runner.start('push', 'b', async () => ({ imageIds: [], references: [], digest: null }));
    await sleep(5);
    expect(runner.cancel(queued.id)).toBe(true);
    expect(runner.get(queued.id)?.state).toBe('cancelled');
    expect(runner.cancel(running.id)).toBe(true);
    expect(await runner.wait(running.id)).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED', message: 'context canceled' } });
    expect(runner.cancel(running.id)).toBe(false);
    const failed = runner.start('pull', 'c', async () => {
      throw new BerthError('NOT_FOUND', 'manifest unknown');
    });
    expect(await runner.wait(failed.id)).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND', message: 'manifest unknown' } });
  });

  it('keeps running jobs listed first and only the newest finished ones', async () => {
    const { runner } = setup({ history: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const j = runner.start('pull', `t${i}`, async () => ({ imageIds: [], references: [], digest: null }));
      ids.push(j.id);
      await runner.wait(j.id);
    }
    let release: () => void = () => {};
    const live = runner.start('pull', 'live', () => new Promise((r) => (release = () => r({ imageIds: [], references: [], digest: null }))));
    await sleep(5);
    expect(runner.list().map((j) => j.title)).toEqual(['live', 't3', 't2']);
    release();
    await runner.wait(live.id);
    await expect(runner.wait(ids[0]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
