import { describe, expect, it } from 'vitest';
import type { PruneResult } from '../../../shared/index';
import { ID, recorded } from '../testing/fixtures';
import { berth } from '../testing/harness';

/** What the core answered for pruning the recorded dangling image. */
const pruned: PruneResult = {
  records: [{ deleted: ID.gone }, { deleted: 'sha256:2da28be94ad51124bcc4b3d9a02c069f20c8af7c170ef97b8fb9c7accb12a9b6' }],
  reclaimed: 2048,
};
const answers = { 'images.prune': async () => pruned };

describe('berth image prune', () => {
  it('asks first and prunes on y, printing what Docker printed', async () => {
    const r = await berth(['image', 'prune'], answers, 'y\n');
    expect(r.stdout).toBe(recorded('prune-yes'));
    expect(r.code).toBe(0);
    expect(r.core.calls).toEqual([{ method: 'images.prune', input: { all: false, filters: [], dryRun: false } }]);
  });

  it.each([
    ['n\n', []],
    ['', []],
    ['yes\n', []],
    [' Y \n', ['images.prune']],
  ])('answer %j', async (typed, called) => {
    const r = await berth(['image', 'prune'], answers, typed);
    expect(r.core.calls.map((c) => c.method)).toEqual(called);
  });

  it('ends quietly with status 0 when declined, as Docker does', async () => {
    const r = await berth(['image', 'prune'], answers, 'n\n');
    expect(r.stdout).toBe(recorded('prune-no'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('warns about every image for -a', async () => {
    const r = await berth(['image', 'prune', '-a'], answers, 'N\n');
    expect(r.stdout).toBe(recorded('prune-all-no'));
  });

  it('skips the prompt with -f and passes -a and the filters', async () => {
    const r = await berth(['image', 'prune', '-f', '-a', '--filter', 'until=24h', '--filter', 'Label = x'], answers);
    expect(r.stdout.startsWith('Deleted Images:\n')).toBe(true);
    expect(r.core.calls[0]!.input).toEqual({ all: true, filters: ['until=24h', 'label=x'], dryRun: false });
  });

  it('prints only the total when nothing was removed', async () => {
    const r = await berth(['image', 'prune', '--force'], { 'images.prune': async () => ({ records: [], reclaimed: 0 }) });
    expect(r.stdout).toBe('Total reclaimed space: 0B\n');
  });

  it('prints untagged records in lower case and the total with 4 digits', async () => {
    const r = await berth(['image', 'prune', '-f'], {
      'images.prune': async () => ({ records: [{ untagged: 'a@sha256:' + 'ab'.repeat(32) }], reclaimed: 1_234_567_890 }),
    });
    expect(r.stdout).toBe(`Deleted Images:\nuntagged: a@sha256:${'ab'.repeat(32)}\n\nTotal reclaimed space: 1.235GB\n`);
  });

  it.each([
    [['image', 'prune', 'x'], '"berth image prune" accepts no arguments.'],
    [['image', 'prune', '--filter', 'x'], 'invalid argument "x" for "--filter" flag: bad format of filter (expected name=value)'],
  ])('refuses %j', async (argv, message) => {
    const r = await berth(argv, answers, 'y\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${message}\nSee 'berth image prune --help'.\n`);
    expect(r.stdout).toBe('');
  });
});
