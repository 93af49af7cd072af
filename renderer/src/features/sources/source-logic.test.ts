import { describe, expect, it } from 'vitest';
import type { Source } from '../../../../shared/index';
import {
  changeLines,
  checkEndpoint,
  containerName,
  containersInConflict,
  copyTargets,
  effectiveSource,
  isForceableConflict,
  isPodmanContainerConflict,
  isStopped,
  reconnected,
} from './source-logic';

const source = (id: string, state: Source['state'] = 'connected', kind: Source['kind'] = 'docker'): Source => ({
  id,
  kind,
  name: kind === 'embedded' ? 'Berth store' : `${kind} at ${id}`,
  endpoint: kind === 'embedded' ? null : id,
  origin: kind === 'embedded' ? 'builtin' : 'detected',
  state,
  apiVersion: kind === 'embedded' ? null : '1.41',
  error: state === 'unreachable' ? `Cannot connect to the Docker daemon at ${id}. Is the docker daemon running?` : null,
});
const store = source('embedded', 'connected', 'embedded');
const docker = source('unix:///run/docker.sock');
const podman = source('unix:///run/podman/podman.sock', 'unreachable', 'podman');

describe('effectiveSource', () => {
  it('keeps a listed choice, connected or not', () => {
    expect(effectiveSource([store, docker, podman], docker.id)).toBe(docker.id);
    expect(effectiveSource([store, docker, podman], podman.id)).toBe(podman.id);
  });
  it('falls back to the embedded store when the chosen engine is gone', () => {
    expect(effectiveSource([store, docker], 'tcp://127.0.0.1:2375')).toBe('embedded');
  });
  it('keeps the remembered choice until the first list arrives', () => {
    expect(effectiveSource(undefined, docker.id)).toBe(docker.id);
    expect(effectiveSource([], 'embedded')).toBe('embedded');
  });
});

describe('copyTargets', () => {
  it('offers every other connected source, never the source itself or an unreachable one', () => {
    expect(copyTargets([store, docker, podman], 'embedded').map((s) => s.id)).toEqual([docker.id]);
    expect(copyTargets([store, docker, podman], docker.id).map((s) => s.id)).toEqual(['embedded']);
    expect(copyTargets([store], 'embedded')).toEqual([]);
  });
});

describe('reconnected', () => {
  it('names engines that went from unreachable to connected', () => {
    const back = { ...podman, state: 'connected' as const, error: null };
    expect(reconnected([store, docker, podman], [store, docker, back])).toEqual([podman.id]);
  });
  it('says nothing for a first list, a new engine, or one that stays up or goes down', () => {
    expect(reconnected(undefined, [store, docker])).toEqual([]);
    expect(reconnected([store], [store, docker])).toEqual([]);
    expect(reconnected([store, docker], [store, { ...docker, state: 'unreachable' }])).toEqual([]);
  });
});

describe('checkEndpoint', () => {
  it.each(['unix:///var/run/docker.sock', 'unix:///run/user/1000/podman/podman.sock', 'tcp://127.0.0.1:2375', 'tcp://localhost:2375', 'tcp://[::1]:2375', ' tcp://127.0.0.2:1/ '])(
    'accepts %s',
    (s) => expect(checkEndpoint(s)).toEqual({ ok: true }),
  );
  it.each([
    ['', 'empty'],
    ['/var/run/docker.sock', 'scheme'],
    ['http://127.0.0.1:2375', 'scheme'],
    ['unix://', 'unixPath'],
    ['unix://relative.sock', 'unixPath'],
    ['tcp://10.0.0.5:2375', 'tcpHost'],
    ['tcp://docker.example.com:2376', 'tcpHost'],
    ['tcp://127.0.0.1', 'tcpPort'],
    ['tcp://127.0.0.1:0', 'tcpPort'],
    ['tcp://127.0.0.1:70000', 'tcpPort'],
  ] as const)('refuses %j (%s)', (s, reason) => expect(checkEndpoint(s)).toEqual({ ok: false, reason }));
});

describe('Docker conflicts', () => {
  const stopped = 'conflict: unable to delete 3f57d9401f8d (must be forced) - image is being used by stopped container 9c1e8a2b7d44';
  const running = 'conflict: unable to delete 3f57d9401f8d (cannot be forced) - image is being used by running container 9c1e8a2b7d44';
  const reference =
    'conflict: unable to remove repository reference "busybox:1.35" (must force) - container 9c1e8a2b7d44 is using its referenced image 3f57d9401f8d';
  const repos = 'conflict: unable to delete 3f57d9401f8d (must be forced) - image is referenced in multiple repositories';

  it('knows which conflicts forcing resolves', () => {
    expect([stopped, reference, repos].map(isForceableConflict)).toEqual([true, true, true]);
    expect(isForceableConflict(running)).toBe(false);
    expect(isForceableConflict('No such image: nope:1')).toBe(false);
  });
  it('reads the containers a conflict names, and none where it names none', () => {
    expect(containersInConflict(stopped)).toEqual(['9c1e8a2b7d44']);
    expect(containersInConflict(running)).toEqual(['9c1e8a2b7d44']);
    expect(containersInConflict(reference)).toEqual(['9c1e8a2b7d44']);
    expect(containersInConflict(repos)).toEqual([]);
  });
  // podman 4.3's compat rmi, as the engine integration tests record it.
  const podmanUsed =
    'image podman/app:1 is in use: image used by 5f0c2e1d9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d: image is in use by a container: consider listing external containers and force-removing image';
  const podmanNames = 'unable to delete image "3b1f0c2e" by ID with more than one tag ([docker.io/library/a:1 docker.io/library/b:1]): please force removal';
  it("offers Force for podman's conflicts and reads the container it names", () => {
    expect([podmanUsed, podmanNames].map(isForceableConflict)).toEqual([true, true]);
    expect(containersInConflict(podmanUsed)).toEqual(['5f0c2e1d9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d']);
    expect(containersInConflict(podmanNames)).toEqual([]);
    expect([podmanUsed, podmanNames, stopped, reference].map(isPodmanContainerConflict)).toEqual([true, false, false, false]);
  });
});

describe('commit helpers', () => {
  it('commits only containers that do not run', () => {
    expect(['exited', 'created', 'dead'].map(isStopped)).toEqual([true, true, true]);
    expect(['running', 'paused', 'restarting'].map(isStopped)).toEqual([false, false, false]);
  });
  it('turns the changes box into one --change per non-empty line', () => {
    expect(changeLines('ENV A=1\r\n\n  CMD ["sh"]  \n')).toEqual(['ENV A=1', 'CMD ["sh"]']);
    expect(changeLines('')).toEqual([]);
  });
  it('names a container by its first name, else its short ID', () => {
    expect(containerName({ id: 'a'.repeat(64), names: ['/web', '/alias'] })).toBe('web');
    expect(containerName({ id: 'b'.repeat(64), names: [] })).toBe('bbbbbbbbbbbb');
  });
});
