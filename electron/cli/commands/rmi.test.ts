import { describe, expect, it } from 'vitest';
import type { RemoveResult } from '../../../shared/index';
import { recorded } from '../testing/fixtures';
import { berth } from '../testing/harness';

const APP = 'd750e4b3c32d75a7e7c6f15b41b15f78a9d48468b6fbfe5fa7fa83194c2d109a';

/** What the core answered for `rmi -f d750e4b3c32d nosuch` on the recorded images. */
const forcedRemoval: RemoveResult = {
  records: [
    { untagged: '127.0.0.1:5077/peers/app:1.0' },
    { untagged: '127.0.0.1:5077/peers/app@sha256:da92e2d48ba0fe11c6a5b3d1afe13c7921e2539bf4f11fa7f69d65d4b816d833' },
    { untagged: 'peers/app:1.0' },
    { untagged: 'peers/gone:1' },
    { deleted: `sha256:${APP}` },
    { deleted: 'sha256:f944f7589593234e1a47aee727e7be9bebd0e0eab128a341a0d97d46c6086a63' },
    { deleted: 'sha256:b4fc7d6544b014db904b9c639ec21b9be4ef4839620b9484fecb5ac5c3d1bd95' },
  ],
  failures: [{ ref: 'nosuch', code: 'NOT_FOUND', message: 'No such image: nosuch:latest' }],
  reclaimed: 2097152,
  containersRemoved: [],
};

const conflict = {
  ref: 'd750e4b3c32d',
  code: 'CONFLICT',
  message: 'conflict: unable to delete d750e4b3c32d (must be forced) - image is referenced in multiple repositories',
};

const answer = (result: RemoveResult) => ({ 'images.remove': async () => result });

describe('berth rmi', () => {
  it('prints each record, and with -f only warns about images that do not exist', async () => {
    const r = await berth(['rmi', '-f', 'd750e4b3c32d', 'nosuch'], answer(forcedRemoval));
    expect(r.stdout).toBe(recorded('rmi-multi-f'));
    expect(r.stderr).toBe('Error response from daemon: No such image: nosuch:latest\n');
    expect(r.code).toBe(0);
    expect(r.core.calls).toEqual([
      { method: 'images.remove', input: { refs: ['d750e4b3c32d', 'nosuch'], force: true, noPrune: false, dryRun: false } },
    ]);
  });

  it('fails with every error, in order, without -f', async () => {
    const r = await berth(
      ['rmi', 'd750e4b3c32d', 'nosuch'],
      answer({ records: [], failures: [conflict, forcedRemoval.failures[0]!], reclaimed: 0, containersRemoved: [] }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'Error response from daemon: conflict: unable to delete d750e4b3c32d (must be forced) - image is referenced in multiple repositories\n' +
        'Error response from daemon: No such image: nosuch:latest\n',
    );
  });

  it('fails with -f when one error is not a missing image', async () => {
    const r = await berth(
      ['image', 'rm', '-f', '--no-prune', 'x', 'nosuch'],
      answer({ records: [{ untagged: 'x:latest' }], failures: [{ ...conflict, code: 'FORBIDDEN' }, forcedRemoval.failures[0]!], reclaimed: 0, containersRemoved: [] }),
    );
    expect(r.stdout).toBe('Untagged: x:latest\n');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(3);
    expect(r.core.calls[0]!.input).toEqual({ refs: ['x', 'nosuch'], force: true, noPrune: true, dryRun: false });
  });

  it('fails without -f even when every error is a missing image', async () => {
    const r = await berth(['rmi', 'nosuch'], answer({ records: [], failures: [forcedRemoval.failures[0]!], reclaimed: 0, containersRemoved: [] }));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error response from daemon: No such image: nosuch:latest\n');
  });

  it.each([
    [['rmi'], 'rmi'],
    [['image', 'rm'], 'image rm'],
    [['image', 'remove'], 'image rm'],
  ])('requires an image (%j)', async (argv, shown) => {
    const r = await berth(argv, answer(forcedRemoval));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`"berth ${shown}" requires at least 1 argument.\nSee 'berth ${shown} --help'.\n`);
    expect(r.core.calls).toEqual([]);
  });
});
