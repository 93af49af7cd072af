import { describe, expect, it } from 'vitest';
import { BerthError, type Source } from '../../../shared/index';
import { berth } from '../testing/harness';

const DOCKER = 'unix:///var/run/docker.sock';
const PODMAN = 'unix:///run/user/1000/podman/podman.sock';
const DEAD = `Cannot connect to the Docker daemon at ${PODMAN}. Is the docker daemon running?`;

const SOURCES: Source[] = [
  { id: 'embedded', kind: 'embedded', name: 'Berth store', endpoint: null, origin: 'builtin', state: 'connected', apiVersion: null, error: null },
  { id: DOCKER, kind: 'docker', name: 'Docker Engine 20.10.24', endpoint: DOCKER, origin: 'detected', state: 'connected', apiVersion: '1.41', error: null },
  { id: PODMAN, kind: 'podman', name: 'Podman Engine', endpoint: PODMAN, origin: 'detected', state: 'unreachable', apiVersion: null, error: DEAD },
];

const TABLE = [
  'SOURCE                                     TYPE       STATE         API       NAME/ERROR',
  'embedded *                                 embedded   connected               Berth store',
  'unix:///var/run/docker.sock                docker     connected     1.41      Docker Engine 20.10.24',
  `unix:///run/user/1000/podman/podman.sock   podman     unreachable             ${DEAD}`,
  '',
].join('\n');

const answers = {
  'sources.list': async () => SOURCES,
  'sources.add': async ({ endpoint }: { endpoint: string }): Promise<Source[]> => {
    if (endpoint.startsWith('tcp://192.')) throw new BerthError('FORBIDDEN', `refusing engine host ${endpoint}: only loopback TCP addresses are allowed (no TLS); use a unix socket or tcp://127.0.0.1:PORT`);
    const id = 'tcp://127.0.0.1:2375';
    return [...SOURCES, { id, kind: 'docker', name: 'Docker Engine', endpoint: id, origin: 'configured', state: 'unreachable', apiVersion: null, error: `Cannot connect to the Docker daemon at ${id}. Is the docker daemon running?` }];
  },
  'sources.remove': async ({ id }: { id: string }): Promise<Source[]> => {
    if (id !== 'tcp://127.0.0.1:2375') throw new BerthError('NOT_FOUND', `cannot remove engine ${id}: it was detected, not configured`);
    return SOURCES;
  },
};

describe('berth source ls', () => {
  it.each([[['source', 'ls']], [['sources']], [['source', 'list']]])('lists every source like docker context ls, probing them (%j)', async (words) => {
    const r = await berth(words, answers);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: TABLE });
    expect(r.core.calls).toEqual([{ method: 'sources.list', input: { probe: true } }]);
  });

  it('stars the -H source, however it was spelled', async () => {
    const r = await berth(['-H', '/var/run/docker.sock', 'source', 'ls'], answers);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^embedded {2,}embedded/);
    expect(lines[2]).toMatch(/^unix:\/\/\/var\/run\/docker\.sock \* {2,}docker/);
    expect((await berth(['source', 'ls'], answers, { env: { BERTH_HOST: PODMAN } })).stdout).toContain(`${PODMAN} *`);
  });

  it('prints JSON lines, IDs only, or a template', async () => {
    const json = await berth(['source', 'ls', '--format', 'json'], answers);
    const rows = json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r.ID, r.Current, r.Type, r.State, r.API, r.Error])).toEqual([
      ['embedded', true, 'embedded', 'connected', '', ''],
      [DOCKER, false, 'docker', 'connected', '1.41', ''],
      [PODMAN, false, 'podman', 'unreachable', '', DEAD],
    ]);
    expect((await berth(['source', 'ls', '-q'], answers)).stdout).toBe(`embedded\n${DOCKER}\n${PODMAN}\n`);
    expect((await berth(['source', 'ls', '--format', '{{.ID}} {{.Origin}} {{.Name}}'], answers)).stdout).toBe(
      `embedded builtin Berth store\n${DOCKER} detected Docker Engine 20.10.24\n${PODMAN} detected Podman Engine\n`,
    );
  });
});

describe('berth source add / rm', () => {
  it('adds an endpoint, prints it as the core names it, and warns when it does not answer', async () => {
    const r = await berth(['source', 'add', 'tcp://localhost'], answers);
    expect(r).toMatchObject({ code: 0, stdout: 'tcp://127.0.0.1:2375\n', stderr: 'Warning: Cannot connect to the Docker daemon at tcp://127.0.0.1:2375. Is the docker daemon running?\n' });
    expect(r.core.calls).toEqual([{ method: 'sources.add', input: { endpoint: 'tcp://localhost' } }]);
  });

  it("prints the core's refusal", async () => {
    const r = await berth(['source', 'add', 'tcp://192.0.2.1:2375'], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/only loopback TCP addresses are allowed/);
  });

  it('removes configured sources, reporting each one it could not', async () => {
    const r = await berth(['source', 'rm', 'tcp://127.0.0.1:2375', DOCKER, 'embedded'], answers);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('tcp://127.0.0.1:2375\n');
    expect(r.stderr).toBe(`cannot remove engine ${DOCKER}: it was detected, not configured\nthe embedded store cannot be removed\n`);
    expect(r.core.calls.map((c) => c.input)).toEqual([{ id: 'tcp://127.0.0.1:2375' }, { id: DOCKER }]);
  });
});
