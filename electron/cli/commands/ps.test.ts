import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContainerRow } from '../../../shared/index';
import { CONTAINER_ROWS, PS_RECORDED_AT, recorded } from '../testing/fixtures';
import { berth } from '../testing/harness';

const ENGINE = 'unix:///run/docker.sock';

beforeEach(() => {
  vi.useFakeTimers({ now: PS_RECORDED_AT, toFake: ['Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** The recorded engine's answer; `image` narrows it the way the engine's ancestor filter did (all three share the image). */
const answers = {
  'containers.list': async ({ image }: { image?: string }): Promise<ContainerRow[]> => (image === 'nosuch' ? [] : CONTAINER_ROWS),
};

// An engine that lists oldest first; the two made in the same second keep the engine's order between them.
const oldestFirst = { 'containers.list': async (): Promise<ContainerRow[]> => [CONTAINER_ROWS[1]!, CONTAINER_ROWS[2]!, CONTAINER_ROWS[0]!] };

describe('berth ps prints what docker ps printed', () => {
  it.each([
    [['ps'], 'ps'],
    [['ps', '-a'], 'ps-a'],
    [['ps', '-a', '--no-trunc'], 'ps-a-notrunc'],
    [['ps', '-q'], 'ps-q'],
    [['ps', '-aq'], 'ps-aq'],
    [['ps', '--filter', 'status=exited'], 'ps-status-exited'],
    [['ps', '-n', '1'], 'ps-last1'],
    [['ps', '-a', '--format', 'table {{.Names}}\t{{.State}}\t{{.CreatedAt}}'], 'ps-custom'],
    [['container', 'ls', '-a'], 'ps-a'],
  ])('%j', async (argv, file) => {
    const r = await berth(['-H', ENGINE, ...argv], answers);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(recorded(file));
    expect(r.code).toBe(0);
  });

  it('asks the engine per ancestor and shows each container once', async () => {
    const r = await berth(['-H', ENGINE, 'ps', '-a', '--filter', 'ancestor=peers/box:1', '-f', 'ancestor=7c9284d253dc'], answers);
    expect(r.stdout).toBe(recorded('ps-ancestor'));
    expect(r.core.calls).toEqual([
      { method: 'containers.list', input: { source: ENGINE, image: 'peers/box:1' } },
      { method: 'containers.list', input: { source: ENGINE, image: '7c9284d253dc' } },
    ]);
    const none = await berth(['-H', ENGINE, 'ps', '-a', '--filter', 'ancestor=nosuch'], answers);
    // Docker's empty table: the header alone, each column as wide as its name.
    expect(none.stdout).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  it('lists newest first whatever order the engine answered in', async () => {
    expect((await berth(['-H', ENGINE, 'ps', '-a'], oldestFirst)).stdout).toBe(recorded('ps-a'));
  });

  it('has the fields of docker ps --format json that Berth carries, with the same values', async () => {
    const r = await berth(['-H', ENGINE, 'ps', '-a', '--format', 'json'], answers);
    const ours = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const theirs = recorded('ps-a-json').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ours).toHaveLength(theirs.length);
    ours.forEach((row, i) => {
      expect(Object.keys(row).length).toBeGreaterThanOrEqual(9);
      for (const [k, v] of Object.entries(row)) expect({ [k]: v }).toEqual({ [k]: theirs[i]![k] });
    });
  });

  it('needs an engine, saying how to pick one', async () => {
    const r = await berth(['ps', '-a'], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^"berth ps" needs an engine: containers live in Docker or Podman, not in Berth's store\.\nPick one with -H \(or BERTH_HOST\)/);
    expect(r.core.calls).toEqual([]);
  });

  it('refuses filters it does not apply and states that do not exist', async () => {
    const name = await berth(['-H', ENGINE, 'ps', '--filter', 'name=up'], answers);
    expect(name).toMatchObject({ code: 1, stderr: "berth ps: the 'name' filter is not supported here (ancestor and status are)\n" });
    const bogus = await berth(['-H', ENGINE, 'ps', '--filter', 'colour=red'], answers);
    expect(bogus.stderr).toBe("Error response from daemon: invalid filter 'colour'\n");
    const state = await berth(['-H', ENGINE, 'ps', '--filter', 'status=asleep'], answers);
    expect(state.stderr).toBe("Error response from daemon: invalid filter 'status=asleep'\n");
    const bad = await berth(['-H', ENGINE, 'ps', '-n', 'x'], answers);
    expect(bad.stderr).toBe('invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'berth ps --help\'.\n');
    expect(bogus.core.calls).toEqual([]);
  });
});
