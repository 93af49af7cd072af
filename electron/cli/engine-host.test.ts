import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BerthError, type ImageList } from '../../shared/index';
import type { EventBus } from '../core/events';
import type { ArchivePort } from '../core/engine/types';
import { JobRecord } from '../core/jobs';
import { imageList } from './testing/fixtures';
import { berth } from './testing/harness';
import { runCli } from './testing/run-cli';

const ENGINE = 'unix:///run/docker.sock';
const DEAD = 'Cannot connect to the Docker daemon at unix:///run/docker.sock. Is the docker daemon running?';

const list = { 'images.list': async (): Promise<ImageList> => imageList([]) };

describe('berth -H', () => {
  it.each([
    [['-H', ENGINE]],
    [['--host', ENGINE]],
    [[`--host=${ENGINE}`]],
    [[`-H=${ENGINE}`]],
    [[`-H${ENGINE}`]],
    [['-H', '/run/docker.sock']],
    [['-H', 'unix:///run//docker.sock']],
  ])('sends every sourced call to the engine (%j)', async (flag) => {
    const r = await berth([...flag, 'images'], list);
    expect(r.code).toBe(0);
    expect(r.core.calls).toEqual([{ method: 'images.list', input: { source: ENGINE, all: false, filters: [] } }]);
  });

  it('takes BERTH_HOST, lets -H override it, and never reads DOCKER_HOST', async () => {
    const env = await berth(['images'], list, { env: { BERTH_HOST: 'tcp://localhost:2375' } });
    expect(env.core.calls[0]!.input).toMatchObject({ source: 'tcp://127.0.0.1:2375' });
    const over = await berth(['-H', 'embedded', 'images'], list, { env: { BERTH_HOST: ENGINE } });
    expect(over.core.calls[0]!.input).toEqual({ all: false, filters: [] });
    const docker = await berth(['images'], list, { env: { DOCKER_HOST: ENGINE } });
    expect(docker.core.calls[0]!.input).toEqual({ all: false, filters: [] });
  });

  it('leaves methods without a source alone', async () => {
    const r = await berth(['-H', ENGINE, 'search', 'busybox'], {
      'registry.search': async () => ({ results: [], warnings: [] }),
    } as never);
    expect(r.core.calls).toEqual([{ method: 'registry.search', input: expect.not.objectContaining({ source: expect.anything() }) }]);
  });

  it.each([
    [['tag', 'a', 'b'], 'images.tag', { ref: 'a', target: 'b' }],
    [['rmi', 'a'], 'images.remove', { refs: ['a'], force: false, noPrune: false }],
    [['history', 'a'], 'images.history', { ref: 'a' }],
    [['inspect', '-f', '{{.Id}}', 'a'], 'images.format', { ref: 'a', template: '{{.Id}}' }],
    [['image', 'prune', '-f'], 'images.prune', { all: false, filters: [] }],
  ] as const)('%j goes to the engine', async (argv, method, input) => {
    const r = await berth(['-H', ENGINE, ...argv], {});
    expect(r.core.calls[0]).toEqual({ method, input: expect.objectContaining({ ...input, source: ENGINE }) });
  });

  it("prints a bad -H like docker prints a bad flag value, with the core's reason", async () => {
    const r = await berth(['-H', 'ftp://host', 'images'], list);
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'invalid argument "ftp://host" for "-H, --host" flag: invalid engine host "ftp://host": unsupported protocol \'ftp\'\nSee \'berth --help\'.\n',
    });
    const remote = await berth(['-H', 'tcp://192.0.2.1:2375', 'images'], list);
    expect(remote.stderr).toMatch(/^invalid argument "tcp:\/\/192\.0\.2\.1:2375" for "-H, --host" flag: refusing engine host .*only loopback TCP addresses are allowed/);
    const env = await berth(['images'], list, { env: { BERTH_HOST: 'relative.sock' } });
    expect(env.stderr).toMatch(/^invalid value "relative\.sock" in BERTH_HOST: invalid engine host "relative\.sock"/);
    expect((await berth(['-H', ENGINE, '-H', ENGINE, 'images'], list)).stderr).toBe("Specify only one -H\nSee 'berth --help'.\n");
    expect((await berth(['-H'], list)).stderr).toBe("flag needs an argument: 'H' in -H\nSee 'berth --help'.\n");
    expect([...r.core.calls, ...remote.core.calls, ...env.core.calls]).toEqual([]);
  });

  it("prints an engine's errors as the daemon's, and a dead engine the way docker does", async () => {
    const refused = await berth(['-H', ENGINE, 'images'], {
      'images.list': async () => {
        throw new BerthError('INVALID_ARGUMENT', "invalid filter 'colour'");
      },
    });
    expect(refused).toMatchObject({ code: 1, stderr: "Error response from daemon: invalid filter 'colour'\n" });
    const dead = await berth(['-H', ENGINE, 'images'], {
      'images.list': async () => {
        throw new BerthError('NETWORK', DEAD);
      },
    });
    expect(dead).toMatchObject({ code: 1, stdout: '', stderr: `${DEAD}\n` });
    const DENIED = 'permission denied while trying to connect to the Docker daemon socket at unix:///run/docker.sock: connect: permission denied';
    const denied = await berth(['-H', ENGINE, 'images'], {
      'images.list': async () => {
        throw new BerthError('FORBIDDEN', DENIED);
      },
    });
    expect(denied).toMatchObject({ code: 1, stdout: '', stderr: `${DENIED}\n` });
  });

  it('documents -H and BERTH_HOST, and that DOCKER_HOST is not read', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toContain('  -H, --host URL    Engine to work on instead of the embedded store');
    expect(r.stdout).toContain('BERTH_HOST        Default for -H. DOCKER_HOST is not read');
    for (const c of ['commit', 'copy', 'ps', 'source ls', 'source add', 'source rm']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });
});

/** An engine's archive port as the core hands it out: export yields the engine's archive, import reports Docker's load lines. */
function enginePort(archive: string, received: string[]): ArchivePort {
  return {
    async exportImages(refs) {
      if (refs.includes('nosuch')) throw new BerthError('NOT_FOUND', 'reference does not exist');
      return (async function* () {
        yield Buffer.from(archive.slice(0, 5));
        yield Buffer.from(archive.slice(5));
      })();
    },
    async importImages(stream, job) {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(Buffer.from(c));
      received.push(Buffer.concat(chunks).toString());
      job.message('Loaded image: peers/box:1');
      return { imageIds: ['sha256:7c9284d253dc'], references: ['docker.io/peers/box:1'] };
    },
  };
}

describe('save, load and import through an engine', () => {
  it("saves the engine's own archive to STDOUT", async () => {
    const received: string[] = [];
    const sources: string[] = [];
    const archivePort = async (source: string) => (sources.push(source), enginePort('engine-archive-bytes', received));
    const r = await berth(['-H', ENGINE, 'save', 'peers/box:1'], {}, { archivePort });
    expect(r).toMatchObject({ code: 0, stdout: 'engine-archive-bytes', stderr: '' });
    expect(sources).toEqual([ENGINE]);
    const missing = await berth(['-H', ENGINE, 'save', 'nosuch'], {}, { archivePort });
    expect(missing).toMatchObject({ code: 1, stdout: '', stderr: 'Error response from daemon: reference does not exist\n' });
    const oci = await berth(['-H', ENGINE, 'save', '--format', 'oci', 'x'], {}, { archivePort });
    expect(oci.stderr).toMatch(/^--format oci is not available from an engine/);
  });

  it('loads STDIN into the engine, printing its load lines', async () => {
    const received: string[] = [];
    const r = await berth(['-H', ENGINE, 'load'], {}, { stdin: 'archive-from-stdin', archivePort: async () => enginePort('', received) });
    expect(r).toMatchObject({ code: 0, stdout: 'Loaded image: peers/box:1\n', stderr: '' });
    expect(received).toEqual(['archive-from-stdin']);
  });

  it('passes -o and -i files through the contract with the source', async () => {
    const job = (kind: 'save' | 'load') => async (_input: unknown, bus: EventBus) => {
      const rec = new JobRecord(`j-${kind}`, kind, 't', (j) => bus.emit('job.updated', j), ENGINE);
      setTimeout(() => rec.transition('succeeded', { result: { imageIds: [], references: [], digest: null } }), 1);
      return { jobId: rec.id };
    };
    const save = await berth(['-H', ENGINE, 'save', '-o', '/tmp/x.tar', 'a'], { 'images.save': job('save') });
    expect(save.core.calls).toEqual([{ method: 'images.save', input: { source: ENGINE, refs: ['a'], format: 'docker', path: '/tmp/x.tar' } }]);
    const load = await berth(['-H', ENGINE, 'load', '-i', '/tmp/x.tar'], { 'images.load': job('load') });
    expect(load.core.calls).toEqual([{ method: 'images.load', input: { source: ENGINE, path: '/tmp/x.tar' } }]);
  });

  it('imports a rootfs from STDIN through a private temp file, removed afterwards', async () => {
    let seen: { path: string; content: string; mode: number } | undefined;
    const r = await berth(
      ['-H', ENGINE, 'import', '-m', 'from stdin', '-', 'peers/rootfs:1'],
      {
        'images.import': async ({ path }: { path: string }, bus: EventBus) => {
          const { statSync } = await import('node:fs');
          seen = { path, content: readFileSync(path, 'utf8'), mode: statSync(path).mode & 0o777 };
          const rec = new JobRecord('j-import', 'import', 't', (j) => bus.emit('job.updated', j), ENGINE);
          setTimeout(() => rec.transition('succeeded', { result: { imageIds: ['sha256:abc'], references: [], digest: null } }), 1);
          return { jobId: rec.id };
        },
      },
      { stdin: 'rootfs-tar-bytes' },
    );
    expect(r).toMatchObject({ code: 0, stdout: 'sha256:abc\n', stderr: '' });
    expect(seen).toMatchObject({ content: 'rootfs-tar-bytes', mode: 0o600 });
    expect(existsSync(seen!.path)).toBe(false);
    expect(r.core.calls[0]!.input).toMatchObject({ source: ENGINE, reference: 'peers/rootfs:1', message: 'from stdin' });
  });
});
