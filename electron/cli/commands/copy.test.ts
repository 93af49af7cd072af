import { describe, expect, it } from 'vitest';
import type { EventBus } from '../../core/events';
import { JobRecord } from '../../core/jobs';
import { berth } from '../testing/harness';

const ENGINE = 'unix:///run/docker.sock';
const ERASE = '\r\x1b[2K';

/**
 * A copy job as the core runs one: the archive's bytes on one 'archive' line,
 * the destination's load lines as messages, then 'Copy complete'.
 */
function copyAnswer(outcome: { loaded: string[] } | { error: string; code?: 'NOT_FOUND' | 'NETWORK' }) {
  return {
    'images.copy': async ({ from, to, refs }: { from: string; to: string; refs: string[] }, bus: EventBus) => {
      const job = new JobRecord(`copy-${refs[0]}`, 'copy', `${refs.join(' ')} → ${to}`, (j) => bus.emit('job.updated', j), from);
      setTimeout(() => {
        job.transition('running');
        if ('error' in outcome) {
          job.transition('failed', { error: { code: outcome.code ?? 'NOT_FOUND', message: outcome.error } });
          return;
        }
        job.phase('archive', '', 'Copying', { current: 0, total: 0 });
        job.bytes('archive', 1_234_567, 0);
        for (const ref of outcome.loaded) job.message(`Loaded image: ${ref}`);
        job.phase('archive', '', 'Copy complete', { current: 2_469_134, total: 2_469_134 });
        job.transition('succeeded', { result: { imageIds: ['sha256:7c9284d253dc'], references: outcome.loaded, digest: null } });
      }, 5);
      return { jobId: job.id };
    },
  };
}

/** What a terminal shows in the end: an erase-line clears the line the cursor is on. */
function screen(out: string): string {
  const lines: string[] = [];
  let current = '';
  out.split(ERASE).forEach((part, i) => {
    if (i > 0) current = '';
    const pieces = part.split('\n');
    current += pieces.shift() ?? '';
    for (const next of pieces) {
      lines.push(current);
      current = next;
    }
  });
  return [...lines, current].join('\n');
}

describe('berth copy', () => {
  it('copies from the -H source (the embedded store by default) and prints what the destination loaded', async () => {
    const r = await berth(['copy', '--to', ENGINE, 'peers/box:1', 'peers/box:2'], copyAnswer({ loaded: ['peers/box:1', 'peers/box:2'] }));
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: 'Loaded image: peers/box:1\nLoaded image: peers/box:2\n' });
    expect(r.core.calls).toEqual([{ method: 'images.copy', input: { from: 'embedded', to: ENGINE, refs: ['peers/box:1', 'peers/box:2'] } }]);
  });

  it('takes --from, -H and socket paths, naming sources as the core does', async () => {
    const back = await berth(['-H', ENGINE, 'image', 'copy', '--to', 'embedded', 'peers/box:1'], copyAnswer({ loaded: ['peers/box:1'] }));
    expect(back.core.calls[0]!.input).toEqual({ from: ENGINE, to: 'embedded', refs: ['peers/box:1'] });
    const across = await berth(['copy', '--from', '/run/docker.sock', '--to', 'tcp://localhost:2375', 'x'], copyAnswer({ loaded: ['x:latest'] }));
    expect(across.core.calls[0]!.input).toEqual({ from: ENGINE, to: 'tcp://127.0.0.1:2375', refs: ['x'] });
  });

  it('counts the bytes on one transient line at a terminal, ending with the loaded images', async () => {
    const r = await berth(['copy', '--to', ENGINE, 'peers/box:1'], copyAnswer({ loaded: ['peers/box:1'] }), { tty: { columns: 80 } });
    expect(r.stdout).toContain(`${ERASE}archive: Copying`);
    expect(r.stdout).toContain('archive: Copy complete  2.469MB/2.469MB');
    expect(screen(r.stdout)).toBe('Loaded image: peers/box:1\n');
  });

  it("fails with the failing side's message", async () => {
    const missing = await berth(['copy', '--to', ENGINE, 'nosuch'], copyAnswer({ error: 'No such image: nosuch:latest' }));
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'Error response from daemon: No such image: nosuch:latest\n' });
    const dead = 'Cannot connect to the Docker daemon at unix:///run/docker.sock. Is the docker daemon running?';
    const gone = await berth(['copy', '--to', ENGINE, 'x'], copyAnswer({ error: dead, code: 'NETWORK' }));
    expect(gone).toMatchObject({ code: 1, stderr: `${dead}\n` });
  });

  it('checks its flags before asking the core', async () => {
    const answer = copyAnswer({ loaded: [] });
    const noTo = await berth(['copy', 'x'], answer);
    expect(noTo).toMatchObject({ code: 1, stderr: 'required flag(s) "to" not set\nSee \'berth copy --help\'.\n' });
    const same = await berth(['-H', ENGINE, 'copy', '--to', 'unix:///run//docker.sock', 'x'], answer);
    expect(same).toMatchObject({ code: 1, stderr: `nothing to copy: --from and --to are both ${ENGINE}\n` });
    const bad = await berth(['copy', '--to', 'ssh://host', 'x'], answer);
    expect(bad.stderr).toBe(
      'invalid argument "ssh://host" for "--to" flag: ssh:// engine hosts are not supported: use a unix socket or tcp://127.0.0.1:PORT\nSee \'berth copy --help\'.\n',
    );
    expect((await berth(['copy', '--to', ENGINE], answer)).stderr).toBe('"berth copy" requires at least 1 argument.\nSee \'berth copy --help\'.\n');
    expect([...noTo.core.calls, ...same.core.calls, ...bad.core.calls]).toEqual([]);
  });
});
