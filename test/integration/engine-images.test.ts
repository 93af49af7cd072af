// Berth's engine image handlers against a real dockerd (20.10) and a real
// `podman system service` (4.3), each started by the fixture with temporary
// storage and fed small busybox images from a local registry. Where an engine
// cannot start here its tests are skipped, and the reason is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName, type MethodOutput } from '../../shared/contract';
import { EngineClient } from '../../electron/core/engine/client';
import { engineContainerHandlers } from '../../electron/core/engine/containers';
import { parseEndpoint } from '../../electron/core/engine/endpoint';
import { engineImageHandlers } from '../../electron/core/engine/images';
import { watchEngine } from '../../electron/core/engine/watch';
import { humanSize } from '../../electron/core/format';
import { parseTagTarget } from '../../electron/core/images';
import type { BerthError } from '../../shared/errors';
import type { DeleteRecord } from '../../shared/schemas';
import { createContainer as createEngineContainer, engineApi, startDockerd, startPodmanService, type EngineHandle } from '../fixtures/engine';
import { seedImages, type SeededImages } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { run } from '../fixtures/tools';

const API = '/v1.41';

// Started while the file is collected, so a skip is decided (and said) before any test runs.
const [docker, podman] = await Promise.all([startDockerd(), startPodmanService()]);
const hasDockerCli = (await run('sh', ['-c', 'command -v docker'])).code === 0;
for (const [name, h] of [['dockerd', docker], ['podman system service', podman]] as const) {
  if ('skipped' in h) console.warn(`[engine-images] SKIPPING the ${name} tests: ${h.skipped}`);
}
if (!hasDockerCli) console.warn('[engine-images] SKIPPING the comparisons with the docker CLI: `docker` is not installed (Debian package docker.io)');

let registry: RegistryHandle;
let seeded: SeededImages;

beforeAll(async () => {
  if ('skipped' in docker && 'skipped' in podman) return;
  registry = await startRegistry();
  seeded = await seedImages(registry);
});

afterAll(async () => {
  for (const h of [docker, podman]) if ('stop' in h) await h.stop();
  await registry?.stop();
});

const ENGINES = [
  ['dockerd', docker],
  ['podman', podman],
] as const;

describe.each(ENGINES)('%s', (name, handle) => {
  const skipped = 'skipped' in handle ? handle.skipped : null;
  const h = handle as EngineHandle;
  const isPodman = name === 'podman';
  let client: EngineClient;
  let amd64: string; // "127.0.0.1:PORT/busybox:1.35-amd64"
  let amd64Id: string;

  type Handlers = ReturnType<typeof engineImageHandlers> & ReturnType<typeof engineContainerHandlers>;
  let handlers: Handlers;
  /** A contract call: input parsed (defaults applied) and output checked against the schema. */
  async function call<M extends keyof Handlers & MethodName>(method: M, input: Record<string, unknown>): Promise<MethodOutput<M>> {
    const parsed = methods[method].input.parse({ source: h.dockerHost, ...input });
    const out = await (handlers[method] as (i: unknown) => Promise<unknown>)(parsed);
    return methods[method].output.parse(out) as MethodOutput<M>;
  }
  async function failure(method: 'images.remove', input: Record<string, unknown>): Promise<{ code: string; message: string }> {
    const r = await call(method, input);
    expect(r.failures, JSON.stringify(r)).toHaveLength(1);
    return r.failures[0]!;
  }
  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await engineApi(h, method, API + path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    if (r.status >= 300) throw new Error(`${method} ${path}: HTTP ${r.status} ${r.body}`);
    return (r.body.trim() ? JSON.parse(r.body) : undefined) as T;
  }
  async function cli(...args: string[]): Promise<string> {
    const r = await run('docker', args, { env: { ...process.env, DOCKER_HOST: h.dockerHost, DOCKER_CONFIG: '/nonexistent-berth' } });
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }
  /** A stopped container (created, never started: none needs to run here). */
  const createContainer = (image: string, containerName: string): Promise<string> => createEngineContainer(h, image, containerName);
  const imageIdOf = async (ref: string): Promise<string> => (await api<{ Id: string }>('GET', `/images/${ref}/json`)).Id;
  /** Layer (chain ID) records are engine detail the dry run does not predict. */
  const withoutLayers = (records: DeleteRecord[], imageIds: ReadonlySet<string>): DeleteRecord[] =>
    records.filter((r) => !('deleted' in r) || imageIds.has(r.deleted.replace(/^sha256:/, '')));
  const allImageIds = async (): Promise<Set<string>> =>
    new Set((await api<Array<{ Id: string }>>('GET', '/images/json?all=true')).map((i) => i.Id.replace(/^sha256:/, '')));

  beforeAll(async () => {
    if (skipped) return;
    client = new EngineClient(parseEndpoint(h.dockerHost));
    handlers = { ...engineImageHandlers(client), ...engineContainerHandlers(client) };
    amd64 = seeded.images['busybox:1.35-amd64'].ref;
    const pull = await engineApi(h, 'POST', `${API}/images/create?fromImage=${encodeURIComponent(amd64.replace(/:[^:/]+$/, ''))}&tag=1.35-amd64`);
    expect(pull.status, pull.body).toBe(200);
    // The arm64 image by digest only: an image with a repo digest and no tag.
    const arm = seeded.images['busybox:1.35-arm64'];
    await engineApi(h, 'POST', `${API}/images/create?fromImage=${encodeURIComponent(`${seeded.registry}/busybox@${arm.digest}`)}`);
    amd64Id = await imageIdOf(amd64);
  });

  afterAll(async () => {
    await client?.close();
  });

  it.skipIf(skipped !== null)('lists the same rows as `docker images` on the same socket', async () => {
    await api('POST', `/images/${amd64}/tag?repo=berth/list&tag=a`);
    const ours = await call('images.list', {});
    expect(ours.rows.length).toBeGreaterThanOrEqual(3);
    expect(ours.rows.find((r) => r.tag === '<none>')).toMatchObject({ repository: `${seeded.registry}/busybox`, dangling: true });
    const arm = seeded.images['busybox:1.35-arm64'];
    expect(ours.rows.find((r) => r.digest === arm.digest)?.id).toBe(await imageIdOf(`${seeded.registry}/busybox@${arm.digest}`));
    if (!hasDockerCli) return;
    const theirs = (await cli('images', '--digests', '--format', '{{.Repository}}|{{.Tag}}|{{.ID}}|{{.Digest}}|{{.Size}}')).trim().split('\n');
    const mine = ours.rows.map((r) => [r.repository, r.tag, r.id.slice(7, 19), r.digest ?? '<none>', humanSize(r.size)].join('|'));
    expect(new Set(mine)).toEqual(new Set(theirs));
    expect(mine).toHaveLength(theirs.length);
    // Filters are the engine's: dockerd drops the other names of a matching image, podman keeps them.
    const filtered = (await call('images.list', { filters: ['reference=berth/list'] })).rows.map((r) => `${r.repository}:${r.tag}`);
    // (podman answers one image's names in varying order)
    expect([...filtered].sort()).toEqual(isPodman ? [`${seeded.registry}/busybox:1.35-amd64`, 'berth/list:a'].sort() : ['berth/list:a']);
    expect(new Set(filtered)).toEqual(new Set((await cli('images', '--filter', 'reference=berth/list', '--format', '{{.Repository}}:{{.Tag}}')).trim().split('\n')));
  });

  it.skipIf(skipped !== null)('inspects as the engine does, renders -f templates like the docker CLI, and reads history', async () => {
    const doc = await call('images.inspect', { ref: 'berth/list:a' });
    expect(doc).toEqual(await api('GET', '/images/berth/list:a/json'));
    const template = '{{.Id}} {{.Os}}/{{.Architecture}} {{json .Config.Cmd}} {{index .Config.Labels "org.opencontainers.image.title"}}';
    const { output } = await call('images.format', { ref: 'berth/list:a', template });
    expect(output).toBe(`${amd64Id} linux/amd64 ["sh"] busybox-test`);
    if (hasDockerCli) expect(output).toBe((await cli('image', 'inspect', '-f', template, 'berth/list:a')).trimEnd());
    await expect(call('images.format', { ref: 'berth/list:a', template: '{{.Nope' })).rejects.toThrow(/template parsing error/);
    const history = await call('images.history', { ref: 'berth/list:a' });
    expect(history[0]!.id).toBe(amd64Id);
    expect(history.slice(1).every((r) => r.id === '<missing>')).toBe(true);
    if (hasDockerCli) {
      const theirs = (await cli('history', '-H=false', '--no-trunc', '--format', '{{.Size}}|{{.CreatedBy}}', 'berth/list:a')).trim().split('\n');
      expect(history.map((r) => `${r.size}|${r.createdBy}`)).toEqual(theirs);
    }
    await expect(call('images.inspect', { ref: 'nosuch:1' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.skipIf(skipped !== null)('tags (and says when a tag moved), refusing bad targets as the embedded store does', async () => {
    const arm = await imageIdOf(`${seeded.registry}/busybox@${seeded.images['busybox:1.35-arm64'].digest}`);
    expect(await call('images.tag', { ref: amd64, target: 'berth/tag' })).toEqual({ target: 'docker.io/berth/tag:latest', moved: false });
    expect(await call('images.tag', { ref: amd64, target: 'berth/tag' })).toEqual({ target: 'docker.io/berth/tag:latest', moved: false });
    expect(await call('images.tag', { ref: arm, target: 'berth/tag:latest' })).toEqual({ target: 'docker.io/berth/tag:latest', moved: true });
    expect(await imageIdOf('berth/tag')).toBe(arm);
    const embedded = (() => {
      try {
        parseTagTarget(amd64, 'Berth/Upper');
      } catch (e) {
        return e as BerthError;
      }
      throw new Error('the embedded store accepted an uppercase repository');
    })();
    expect(embedded.message).toMatch(/^error parsing reference: "Berth\/Upper" is not a valid repository\/tag: .*lowercase/);
    await expect(call('images.tag', { ref: amd64, target: 'Berth/Upper' })).rejects.toMatchObject({ code: embedded.code, message: embedded.message });
    await expect(call('images.tag', { ref: 'nosuch:1', target: 'berth/x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.skipIf(skipped !== null)('rmi: the dry run predicts untag vs delete, then the engine does just that', async () => {
    await api('POST', `/images/${amd64}/tag?repo=berth/rmi&tag=extra`);
    const armByDigest = `${seeded.registry}/busybox@${seeded.images['busybox:1.35-arm64'].digest}`;
    // An untag (other tags remain), an untag (the repo digest remains), the last reference (delete), a miss.
    const refs = ['berth/rmi:extra', 'berth/tag:latest', armByDigest, 'nosuch:1'];
    const before = await call('images.list', {});
    const plan = await call('images.remove', { refs, dryRun: true });
    expect(await call('images.list', {})).toEqual(before); // the dry run changed nothing
    expect(plan.records[0]).toEqual({ untagged: isPodman ? 'docker.io/berth/rmi:extra' : 'berth/rmi:extra' });
    const ids = await allImageIds();
    const real = await call('images.remove', { refs });
    expect(withoutLayers(real.records, ids)).toEqual(plan.records);
    expect(real.failures).toEqual(plan.failures);
    expect(real.failures[0]).toMatchObject({ ref: 'nosuch:1', code: 'NOT_FOUND' });
    expect(real.records.filter((r) => 'deleted' in r && ids.has(r.deleted.replace(/^sha256:/, '')))).toHaveLength(1);
    expect(real.reclaimed).toBeGreaterThan(0);
  });

  it.skipIf(skipped !== null)('rmi of an image a stopped container uses: predicted conflict, the engine’s own message, then force', async () => {
    const source = await createContainer(amd64, 'berth-src');
    const committed = await call('containers.commit', { container: source, reference: 'berth/conflict:1' });
    const user = await createContainer('berth/conflict:1', 'berth-user');
    const predicted = await failure('images.remove', { refs: ['berth/conflict:1'], dryRun: true });
    const real = await failure('images.remove', { refs: ['berth/conflict:1'] });
    expect(real).toEqual(predicted);
    expect(real.code).toBe('CONFLICT');
    expect(real.message).toBe(
      isPodman
        ? `image berth/conflict:1 is in use: image used by ${user}: image is in use by a container: consider listing external containers and force-removing image`
        : `conflict: unable to remove repository reference "berth/conflict:1" (must force) - container ${user.slice(0, 12)} is using its referenced image ${committed.id.slice(7, 19)}`,
    );
    const byId = committed.id.slice(7, 19);
    const predictedById = await failure('images.remove', { refs: [byId], dryRun: true });
    expect(await failure('images.remove', { refs: [byId] })).toEqual(predictedById);
    if (!isPodman) expect(predictedById.message).toBe(`conflict: unable to delete ${byId} (must be forced) - image is being used by stopped container ${user.slice(0, 12)}`);

    const users = await call('containers.list', { image: 'berth/conflict:1' });
    expect(users.map((c) => c.id)).toEqual([user]);
    expect(users[0]).toMatchObject({ names: ['berth-user'], imageId: committed.id, state: 'created' });
    expect((await call('containers.list', { image: amd64 })).map((c) => c.id)).toEqual([source]);

    const ids = await allImageIds();
    const forcedPlan = await call('images.remove', { refs: ['berth/conflict:1'], force: true, dryRun: true });
    const forced = await call('images.remove', { refs: ['berth/conflict:1'], force: true });
    expect(forced.failures).toEqual([]);
    expect(withoutLayers(forced.records, ids)).toEqual(forcedPlan.records);
    expect(forced.records).toContainEqual({ deleted: isPodman ? committed.id.slice(7) : committed.id });
    // podman's forced rmi takes the container with it, and the dry run said so; dockerd's leaves it.
    expect(forcedPlan.containersRemoved).toEqual(isPodman ? [user] : []);
    expect(forced.containersRemoved).toEqual(forcedPlan.containersRemoved);
    const left = (await call('containers.list', {})).map((c) => c.id);
    if (isPodman) expect(left).not.toContain(user);
    else expect(left).toContain(user);
  });

  it.skipIf(skipped !== null)('commits a stopped container with author, message and changes', async () => {
    const container = await createContainer(amd64, 'berth-commit');
    const result = await call('containers.commit', {
      container: 'berth-commit',
      reference: 'berth/committed:v1',
      author: 'Ann <ann@example.com>',
      message: 'made by berth',
      changes: ['ENV A=1', 'CMD ["sh"]', 'LABEL berth.test=yes'],
    });
    expect(result.reference).toBe('docker.io/berth/committed:v1');
    const doc = await call('images.inspect', { ref: 'berth/committed:v1' });
    expect(doc.Id).toBe(result.id);
    expect(doc).toMatchObject({ Author: 'Ann <ann@example.com>', Comment: 'made by berth' });
    const config = doc.Config as { Env: string[]; Cmd: string[]; Labels: Record<string, string> };
    expect(config.Env).toContain('A=1');
    expect(config.Cmd).toEqual(['sh']);
    expect(config.Labels['berth.test']).toBe('yes');
    // dockerd's history entry carries the message; podman's says what the container came from.
    expect((await call('images.history', { ref: result.id }))[0]).toMatchObject({ id: result.id, comment: isPodman ? `FROM ${amd64}` : 'made by berth' });
    const untagged = await call('containers.commit', { container, message: 'no name' });
    expect(untagged.reference).toBeNull();
    expect((await call('images.list', { filters: ['dangling=true'] })).rows.map((r) => r.id)).toContain(untagged.id);
    await expect(call('containers.commit', { container: 'nosuch-container' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.skipIf(skipped !== null)('prune: the dry run lists what goes, the engine then prunes the same images', async () => {
    const dangling = await api<{ Id: string }>('POST', '/commit?container=berth-commit&comment=prune-me', {});
    const ids = await allImageIds();
    const plan = await call('images.prune', { dryRun: true });
    expect(plan.records.some((r) => 'deleted' in r && r.deleted.endsWith(dangling.Id.replace(/^sha256:/, '')))).toBe(true);
    expect(await allImageIds()).toEqual(ids);
    const real = await call('images.prune', {});
    const sorted = (records: DeleteRecord[], known: ReadonlySet<string>): string[] => withoutLayers(records, known).map((r) => JSON.stringify(r)).sort();
    expect(sorted(real.records, ids)).toEqual(sorted(plan.records, ids));
    expect(plan.records.length).toBeGreaterThan(0);

    // -a: images no container uses (podman through its own API: its compat prune cannot);
    // dockerd also untags what it can of the images containers use.
    const allPlan = await call('images.prune', { all: true, dryRun: true });
    const before = await allImageIds();
    const all = await call('images.prune', { all: true });
    expect(sorted(all.records, before)).toEqual(sorted(allPlan.records, before));
    const left = await allImageIds();
    expect(left.has(amd64Id.replace(/^sha256:/, ''))).toBe(true); // berth-src and berth-commit use it
    expect(left.size).toBeLessThan(before.size);
  });

  it.skipIf(skipped !== null)('watch: a tag made by the CLI is a change; a stopped engine is gone', async () => {
    let changes = 0;
    const gone: Error[] = [];
    const stop = watchEngine(client, { onChange: () => void changes++, onGone: (e) => void gone.push(e) });
    // The stream does not replay what came before it opened: tag again until a change is seen.
    // By ID: `prune -a` on dockerd may have untagged the pulled name.
    for (let i = 0; changes === 0 && i < 20; i++) {
      if (hasDockerCli) await cli('tag', amd64Id, `berth/watched:${i}`);
      else await api('POST', `/images/${amd64Id}/tag?repo=berth/watched&tag=${i}`);
      await waitUntil(() => changes > 0, 500, 'no change after a tag').catch(() => undefined);
    }
    expect(changes, 'no change after 20 tags').toBeGreaterThan(0);
    await h.stop();
    await waitUntil(() => gone.length > 0, 20_000, 'no onGone after the engine stopped');
    expect(gone).toHaveLength(1);
    stop();
    await expect(call('images.list', {})).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining(`Cannot connect to the Docker daemon at ${h.dockerHost}`) });
  });
});

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(what);
    await new Promise((r) => setTimeout(r, 50));
  }
}
