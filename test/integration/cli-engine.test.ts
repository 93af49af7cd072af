// The real `berth` CLI (bin/berth.mjs from source) with -H against a real
// dockerd and a real `podman system service`, checked against what the docker
// CLI prints for the same engine (DOCKER_HOST=… docker …): images, pull, tag,
// rmi's conflict, ps, commit and inspect; then copies and save | load between
// the embedded store and the engines, and a socket nobody listens on.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDockerd, startPodmanService, type EngineHandle } from '../fixtures/engine';
import { buildImageLayout, type LayoutImage } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { run, runOk, tempDir, type RunResult, type TempDir } from '../fixtures/tools';

const ROOT = path.resolve(import.meta.dirname, '../..');
const AUTHOR = 'Berth Test <test@berth.invalid>';

let reg: RegistryHandle;
let work: TempDir;
let image: LayoutImage;
const engines: Partial<Record<'docker' | 'podman', EngineHandle>> = {};
const skipped: Partial<Record<'docker' | 'podman', string>> = {};

beforeAll(async () => {
  reg = await startRegistry();
  const [d, p] = await Promise.all([startDockerd(), startPodmanService({ insecureRegistries: [reg.host] })]);
  for (const [name, h] of [['docker', d], ['podman', p]] as const) {
    if ('skipped' in h) {
      skipped[name] = h.skipped;
      console.warn(`[cli-engine] ${name} tests skipped: ${h.skipped}`);
    } else engines[name] = h;
  }
  work = await tempDir('berth-cli-engine');
  const layout = await buildImageLayout(path.join(work.path, 'layout'));
  image = layout.images['1.35-amd64'];
  await runOk('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', `oci:${layout.dir}:1.35-amd64`, `docker://${reg.host}/busybox:1.35-amd64`]);
}, 120_000);

afterAll(async () => {
  await Promise.all([engines.docker?.stop(), engines.podman?.stop()]);
  await reg?.stop();
  await work?.remove();
});

const busybox = (): string => `${reg.host}/busybox:1.35-amd64`;
const short = (digest: string): string => digest.slice('sha256:'.length, 'sha256:'.length + 12);

/** Berth's own environment: a private store and settings; no detected engines, and a DOCKER_HOST it must ignore. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    BERTH_FROM_SOURCE: '1',
    BERTH_STORE: path.join(work.path, 'store'),
    XDG_CONFIG_HOME: path.join(work.path, 'config'),
    DOCKER_CONFIG: path.join(work.path, 'docker-config'),
    BERTH_ENGINE_SOCKETS: '',
    DOCKER_HOST: 'unix:///nonexistent/berth-must-not-use-this.sock',
    TZ: 'UTC',
    ...extra,
  };
}

function berth(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return run(process.execPath, [path.join(ROOT, 'bin/berth.mjs'), ...args], { cwd: ROOT, env: env(opts.env), timeoutMs: 90_000 });
}

function docker(engine: EngineHandle, args: string[]): Promise<RunResult> {
  return run('docker', args, { env: { ...env(), DOCKER_HOST: engine.dockerHost }, timeoutMs: 90_000 });
}

/** A shell pipeline of berth commands (`$BERTH` is the CLI); fails if any stage does. */
function pipeline(script: string): Promise<RunResult> {
  return run('bash', ['-o', 'pipefail', '-c', script], {
    env: env({ BERTH: `${process.execPath} ${path.join(ROOT, 'bin/berth.mjs')}` }),
    cwd: ROOT,
    timeoutMs: 90_000,
  });
}

function ok(r: RunResult): string {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe.each(['docker', 'podman'] as const)('berth -H on %s', (name) => {
  let e: EngineHandle;
  const H = (): string[] => ['-H', e.dockerHost];
  beforeEach((ctx) => {
    const engine = engines[name];
    if (!engine) return ctx.skip(`${name} unavailable: ${skipped[name] ?? 'did not start'}`);
    e = engine;
  });

  it("pulls with Docker's progress lines", async () => {
    const lines = ok(await berth([...H(), 'pull', busybox()])).trimEnd().split('\n');
    expect(lines[0]).toBe('1.35-amd64: Pulling from busybox');
    expect(lines.slice(-3)).toEqual([`Digest: ${image.digest}`, `Status: Downloaded newer image for ${busybox()}`, busybox()]);
    for (const l of image.layers) expect(lines).toContain(`${short(l.digest)}: Pull complete`);
    if (name === 'docker') {
      // dockerd streams Docker's own lines: the docker CLI pulling afresh prints the same ones
      // (dockerd's rate-limited progress sometimes leaves out a layer's 'Verifying Checksum').
      ok(await docker(e, ['rmi', busybox()]));
      const theirs = ok(await docker(e, ['pull', busybox()])).trimEnd().split('\n');
      const stable = (l: string[]): string[] => l.filter((x) => !x.endsWith(': Verifying Checksum')).sort();
      expect(stable(lines)).toEqual(stable(theirs));
    }
    const again = ok(await berth([...H(), 'pull', busybox()])).trimEnd().split('\n');
    expect(again.slice(-2)).toEqual([`Status: Image is up to date for ${busybox()}`, busybox()]);
  });

  it('lists what docker images lists, and tags like docker tag', async () => {
    ok(await berth([...H(), 'tag', busybox(), 'peers/box:1']));
    const ours = ok(await berth([...H(), 'images']));
    // Rows of one image follow the engine's RepoTags, whose order podman does not keep from one answer to the next.
    const rows = (table: string): string[] => { const [head, ...rest] = table.split('\n'); return [head!, ...rest.sort()]; };
    expect(rows(ours)).toEqual(rows(ok(await docker(e, ['images']))));
    expect(ours).toMatch(new RegExp(`^peers/box +1 +${short(image.configDigest!)} `, 'm'));
    const quiet = ok(await berth([...H(), 'images', '-q', '--no-trunc', 'peers/box']));
    expect(quiet).toContain(`${image.configDigest}\n`);
    expect(quiet).toBe(ok(await docker(e, ['images', '-q', '--no-trunc', 'peers/box'])));
  });

  it('lists containers like docker ps, commits one with -a -m -c, and inspects the result', async () => {
    ok(await docker(e, ['run', '--network', 'none', '--name', 'made', 'peers/box:1', 'sh', '-c', 'echo committed > /berth.txt']));
    const columns = '{{.ID}} {{.Image}} {{.Command}} {{.State}} {{.Names}}';
    const listed = ok(await berth([...H(), 'ps', '-a', '--format', columns]));
    expect(listed).toBe(ok(await docker(e, ['ps', '-a', '--format', columns])));
    expect(listed).toMatch(/^[0-9a-f]{12} peers\/box:1 "sh -c .*" exited made\n$/);
    // the same columns in the same order (their widths follow the status text, which ages between the two runs)
    const headings = (table: string): string[] => table.split('\n')[0]!.trim().split(/ {2,}/);
    expect(headings(ok(await berth([...H(), 'ps', '-a'])))).toEqual(headings(ok(await docker(e, ['ps', '-a']))));
    expect(ok(await berth([...H(), 'ps', '-q']))).toBe(''); // nothing runs

    const id = ok(await berth([...H(), 'commit', '-a', AUTHOR, '-m', 'made by berth', '-c', 'ENV COMMITTED=yes', 'made', 'peers/committed:1'])).trim();
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ok(await docker(e, ['image', 'inspect', '-f', '{{.Id}}', 'peers/committed:1'])).trim()).toBe(id);
    const template = '{{.Author}} {{.Comment}} {{.Config.Env}}';
    const shown = ok(await berth([...H(), 'inspect', '-f', template, 'peers/committed:1']));
    expect(shown).toBe(ok(await docker(e, ['inspect', '-f', template, 'peers/committed:1'])));
    expect(shown).toMatch(new RegExp(`^${AUTHOR} made by berth \\[.*COMMITTED=yes\\]\\n$`));
  });

  it("refuses rmi of an image a stopped container uses, in the engine's own words", async () => {
    ok(await docker(e, ['create', '--network', 'none', '--name', 'user', 'peers/committed:1', 'true']));
    const ours = await berth([...H(), 'rmi', 'peers/committed:1']);
    const theirs = await docker(e, ['rmi', 'peers/committed:1']);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toMatch(/^Error response from daemon: .*(conflict|in use)/);
    expect(ours.stderr).toBe(theirs.stderr);
    expect(ours.stdout).toBe(theirs.stdout);
  });

  it('pushes through the engine', async () => {
    const target = `${reg.host}/peers/pushed:${name}`;
    ok(await berth([...H(), 'tag', 'peers/committed:1', target]));
    const lines = ok(await berth([...H(), 'push', target])).trimEnd().split('\n');
    expect(lines[0]).toBe(`The push refers to repository [${reg.host}/peers/pushed]`);
    expect(lines.at(-1)).toMatch(new RegExp(`^${name}: digest: sha256:[0-9a-f]{64} size: \\d+$`));
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(lines.at(-1)!)![1]!;
    const inspected = await runOk('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${target}`]);
    expect(inspected.stdout.length).toBeGreaterThan(0);
    const remote = await runOk('skopeo', ['inspect', '--tls-verify=false', '--format', '{{.Digest}}', `docker://${target}`]);
    expect(remote.stdout.trim()).toBe(digest);
  });

  it('copies an image from the embedded store to the engine and one back', async () => {
    ok(await berth(['pull', '-q', busybox()]));
    ok(await berth(['tag', busybox(), `peers/from-berth:${name}`]));
    // The engine's own load line: podman names the image in full.
    const loaded = ok(await berth(['copy', '--to', e.dockerHost, `peers/from-berth:${name}`]));
    expect(loaded).toMatch(new RegExp(`^Loaded image: ${name === 'podman' ? '(docker\\.io/)?' : ''}peers/from-berth:${name}\\n$`));
    expect(ok(await docker(e, ['image', 'inspect', '-f', '{{.Id}}', `peers/from-berth:${name}`])).trim()).toBe(image.configDigest);

    ok(await berth([...H(), 'tag', 'peers/committed:1', `peers/committed:${name}`]));
    const back = ok(await berth([...H(), 'copy', '--to', 'embedded', `peers/committed:${name}`]));
    expect(back).toMatch(new RegExp(`^Loaded image: (localhost/)?peers/committed:${name}\\n$`));
    const engineId = ok(await docker(e, ['image', 'inspect', '-f', '{{.Id}}', `peers/committed:${name}`]));
    const ref = back.trim().slice('Loaded image: '.length);
    expect(ok(await berth(['inspect', '-f', '{{.Id}}', ref]))).toBe(engineId);
    expect(ok(await berth(['inspect', '-f', '{{.Author}}', ref]))).toBe(`${AUTHOR}\n`);
  });
});

describe('between sources and engines', () => {
  beforeEach((ctx) => {
    if (!engines.docker || !engines.podman) ctx.skip(`needs both engines: ${Object.values(skipped).join('; ')}`);
  });

  it('saves from one engine and loads into the other, and into the embedded store, through pipes', async () => {
    const [d, p] = [engines.docker!, engines.podman!];
    ok(await docker(d, ['tag', 'peers/committed:1', 'peers/piped:1']));
    const across = ok(await pipeline(`$BERTH -H ${d.dockerHost} save peers/piped:1 | $BERTH -H ${p.dockerHost} load`));
    // Podman names short references in localhost/, as `podman load` does.
    expect(across).toMatch(/^Loaded image: (localhost\/)?peers\/piped:1\n$/);
    const id = ok(await docker(d, ['image', 'inspect', '-f', '{{.Id}}', 'peers/piped:1']));
    expect(ok(await docker(p, ['image', 'inspect', '-f', '{{.Id}}', across.trim().slice('Loaded image: '.length)]))).toBe(id);
    expect(ok(await pipeline(`$BERTH -H ${d.dockerHost} save peers/piped:1 | $BERTH load`))).toBe('Loaded image: peers/piped:1\n');
    expect(ok(await berth(['inspect', '-f', '{{.Id}}', 'peers/piped:1']))).toBe(id);
    expect(ok(await pipeline(`$BERTH save peers/piped:1 | $BERTH -H ${d.dockerHost} load`))).toBe('Loaded image: peers/piped:1\n');
  });

  it('lists the sources it was given, starring the -H one, and adds and removes one', async () => {
    const [d, p] = [engines.docker!, engines.podman!];
    expect(ok(await berth(['source', 'add', d.dockerHost]))).toBe(`${d.dockerHost}\n`);
    const table = ok(await berth(['-H', p.dockerHost, 'source', 'ls'], { env: { BERTH_ENGINE_SOCKETS: p.socket } })).split('\n');
    expect(table[0]).toMatch(/^SOURCE +TYPE +STATE +API +NAME\/ERROR$/);
    expect(table).toContainEqual(expect.stringMatching(/^embedded +embedded +connected +Berth store$/));
    expect(table).toContainEqual(expect.stringMatching(new RegExp(`^${p.dockerHost} \\* +podman +connected +1\\.\\d+ +Podman Engine \\d`)));
    expect(table).toContainEqual(expect.stringMatching(new RegExp(`^${d.dockerHost} +docker +connected +1\\.\\d+ +Docker Engine \\d`)));
    expect(ok(await berth(['source', 'rm', d.dockerHost]))).toBe(`${d.dockerHost}\n`);
    const left = ok(await berth(['sources', '-q']));
    expect(left).toMatch(/^embedded\n/);
    expect(left).not.toContain(d.dockerHost);
  });

  it('says the daemon is not running when nobody listens on the socket, as docker does', async () => {
    const dead = `unix://${path.join(work.path, 'nobody-here.sock')}`;
    const ours = await berth(['-H', dead, 'images']);
    expect(ours).toMatchObject({ code: 1, stdout: '', stderr: `Cannot connect to the Docker daemon at ${dead}. Is the docker daemon running?\n` });
    const theirs = await run('docker', ['images'], { env: { ...env(), DOCKER_HOST: dead } });
    expect(theirs.stderr).toBe(ours.stderr);
  });
});
