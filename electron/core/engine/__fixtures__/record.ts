/**
 * Records real Docker Engine API answers from dockerd and `podman system
 * service` (started with temporary storage by the test fixture) into
 * __fixtures__/<engine>/, for the engine handlers' unit tests.
 *
 *   npx tsx electron/core/engine/__fixtures__/record.ts
 *
 * Needs root, dockerd, podman, skopeo and docker-registry (as the integration tests do).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import { engineApi, startDockerd, startPodmanService, type EngineHandle } from '../../../../test/fixtures/engine';
import { startRegistry } from '../../../../test/fixtures/registry';
import { seedImages } from '../../../../test/fixtures/images';

const HERE = dirname(fileURLToPath(import.meta.url));
const V = '/v1.41';

async function main(): Promise<void> {
  const reg = await startRegistry();
  try {
    const seeded = await seedImages(reg);
    const arm = seeded.images['busybox:1.35-arm64'];
    for (const start of [startDockerd, startPodmanService]) {
      const h = await start();
      if ('skipped' in h) {
        console.error(`skipped: ${h.skipped}`);
        continue;
      }
      try {
        await recordEngine(h, reg.host, arm.digest);
      } finally {
        await h.stop();
      }
    }
  } finally {
    await reg.stop();
  }
}

async function recordEngine(h: EngineHandle, registry: string, armDigest: string): Promise<void> {
  const dir = join(HERE, h.engine === 'docker' ? 'dockerd-20.10' : 'podman-4.3');
  await mkdir(dir, { recursive: true });
  const save = async (name: string, value: unknown): Promise<void> => {
    const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2) + '\n';
    // The registry's port differs per run; keep the fixtures stable.
    await writeFile(join(dir, name), text.replaceAll(registry, '127.0.0.1:5000'));
  };
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> => {
    const r = await engineApi(h, method, V + path, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    return { status: r.status, body: r.body };
  };
  const json = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const r = await call(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.body}`);
    return r.body.trim() ? JSON.parse(r.body) : null;
  };
  const answer = async (method: string, path: string): Promise<unknown> => {
    const r = await call(method, path);
    return { status: r.status, body: r.body.trim() ? JSON.parse(r.body) : null };
  };

  await save('version.json', await json('GET', '/version'));
  const events = collectEvents(h);
  const pull = await call('POST', `/images/create?fromImage=${encodeURIComponent(`${registry}/busybox`)}&tag=1.35-amd64`);
  await save('pull.jsonl', pull.body);
  await call('POST', `/images/create?fromImage=${encodeURIComponent(`${registry}/busybox@${armDigest}`)}`);
  const src = `${registry}/busybox:1.35-amd64`;
  await json('POST', `/images/${src}/tag?repo=demo&tag=one`);
  await json('POST', `/images/${src}/tag?repo=example.com/team/demo&tag=two`);
  const created = (await json('POST', '/containers/create?name=berth-rec', {
    Image: 'demo:one',
    Cmd: ['true'],
    HostConfig: { NetworkMode: 'none' },
    Labels: { purpose: 'record' },
  })) as { Id: string };
  await save('container-create.json', created);
  const dangling = (await json('POST', `/commit?container=${created.Id}&comment=dangling`, {})) as { Id: string };
  await save('commit-dangling.json', dangling);
  const commit = await json(
    'POST',
    `/commit?container=berth-rec&repo=committed&tag=v1&author=${encodeURIComponent('Ann <ann@example.com>')}&comment=${encodeURIComponent('made by berth')}` +
      `&changes=${encodeURIComponent('ENV A=1')}&changes=${encodeURIComponent('CMD ["sh"]')}&changes=${encodeURIComponent('LABEL x=y')}`,
    {},
  );
  await save('commit.json', commit);
  await save('inspect-committed.json', await json('GET', '/images/committed:v1/json'));
  const joined = await json(
    'POST',
    `/commit?container=berth-rec&repo=committed&tag=joined&changes=${encodeURIComponent('ENV B=2\nCMD ["sh"]')}`,
    {},
  );
  await save('commit-joined.json', joined);
  await save('inspect-committed-joined.json', await json('GET', '/images/committed:joined/json'));
  await json('POST', '/containers/create?name=berth-conflict', { Image: 'committed:v1', Cmd: ['true'], HostConfig: { NetworkMode: 'none' } });

  await save('images.json', (await json('GET', '/images/json?all=true')) as unknown);
  await save('images-dangling.json', await json('GET', `/images/json?filters=${encodeURIComponent('{"dangling":["true"]}')}`));
  await save('inspect.json', await json('GET', '/images/demo:one/json'));
  await save('history.json', await json('GET', '/images/demo:one/history'));
  await save('history-committed.json', await json('GET', '/images/committed:v1/history'));
  await save('inspect-missing.json', await answer('GET', '/images/nosuch:latest/json'));
  await save('containers.json', await json('GET', '/containers/json?all=1'));
  await save('rmi-conflict-name.json', await answer('DELETE', '/images/committed:joined'));
  await save('rmi-conflict-stopped.json', await answer('DELETE', '/images/committed:v1'));
  const committedId = ((await json('GET', '/images/committed:v1/json')) as { Id: string }).Id;
  await save('rmi-conflict-id.json', await answer('DELETE', `/images/${committedId.slice(7, 19)}`));
  await save('rmi-missing.json', await answer('DELETE', '/images/nosuch:latest'));
  await save('rmi-untag.json', await answer('DELETE', '/images/example.com/team/demo:two'));
  await save('rmi-force.json', await answer('DELETE', '/images/committed:v1?force=1'));
  await save('rmi-delete-id.json', await answer('DELETE', `/images/${dangling.Id}`));
  await save('tag-invalid.json', await answer('POST', `/images/demo:one/tag?repo=${encodeURIComponent('UPPER')}&tag=x`));
  await save('prune-dry.json', await json('GET', '/images/json?all=true'));
  await save('prune-all-compat.json', await answer('POST', `/images/prune?filters=${encodeURIComponent('{"dangling":["false"]}')}`));
  await json('POST', `/commit?container=berth-rec&comment=dangling2`, {});
  await save('prune-dangling.json', await json('POST', '/images/prune'));
  if (h.engine === 'podman') await save('prune-all-libpod.json', await answer('POST', '/libpod/images/prune?all=true'));
  await save('images-after-prune.json', await json('GET', '/images/json?all=true'));
  await new Promise((r) => setTimeout(r, 1500));
  const lines = events.stop();
  await save('events.jsonl', lines.join('\n') + '\n');
  console.log(`recorded ${h.engine} into ${dir}`);
}

function collectEvents(h: EngineHandle): { stop(): string[] } {
  const lines: string[] = [];
  let pending = '';
  const filters = encodeURIComponent(JSON.stringify({ type: ['image', 'container'] }));
  const req = request({ socketPath: h.socket, path: `${V}/events?filters=${filters}` }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      pending += c;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        lines.push(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return {
    stop: () => {
      req.destroy();
      return lines;
    },
  };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
