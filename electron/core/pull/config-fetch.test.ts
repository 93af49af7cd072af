// Configs are blobs pulls share: two pulls of one image at once fetch its
// config once, and a config already stored is not fetched at all.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../registry';
import type { RemoteContext } from '../remote';
import { tempStore } from '../store/testing/build';
import { imageConfig } from './config-fetch';
import { TransferContext } from './context';

const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
const desc = { digest: `sha256:${createHash('sha256').update(config).digest('hex')}`, size: config.length };

let server: Server;
let gets: string[];
let env: Awaited<ReturnType<typeof tempStore>>;
let client: RegistryClient;
let ctx: TransferContext;

beforeEach(async () => {
  gets = [];
  server = createServer((req, res) => {
    if (req.url === '/v2/') return res.end('{}');
    gets.push(req.url ?? '');
    // Slow enough that a second pull asks while the first fetch is still under way.
    setTimeout(() => res.writeHead(200, { 'content-length': config.length, 'docker-content-digest': desc.digest }).end(config), 100);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  env = await tempStore();
  client = new RegistryClient({ host: `127.0.0.1:${(server.address() as AddressInfo).port}` });
  ctx = new TransferContext(env.store, {} as RemoteContext);
});

afterEach(async () => {
  await client.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await env.cleanup();
});

describe('imageConfig', () => {
  it('fetches a config once for pulls that want it at the same time, from whichever repository', async () => {
    const signal = new AbortController().signal;
    const got = await Promise.all([
      imageConfig(ctx, { client, repo: 'library/busybox' }, desc, signal),
      imageConfig(ctx, { client, repo: 'peers/nested/busybox' }, desc, signal),
    ]);
    expect(got.map((b) => b.equals(config))).toEqual([true, true]);
    expect(gets).toHaveLength(1); // from whichever repository's pull got to it first
    expect(gets[0]).toMatch(new RegExp(`^/v2/(library|peers/nested)/busybox/blobs/${desc.digest}$`));
  });

  it('does not fetch again for a pull that asks after the fetch ended but before the image was recorded', async () => {
    const signal = new AbortController().signal;
    await imageConfig(ctx, { client, repo: 'library/busybox' }, desc, signal);
    // the first pull is still downloading layers: its config is in no flight and not yet in the store
    const again = await imageConfig(ctx, { client, repo: 'peers/nested/busybox' }, desc, signal);
    expect(again.equals(config)).toBe(true);
    expect(gets).toEqual([`/v2/library/busybox/blobs/${desc.digest}`]);
  });

  it('does not fetch again for a pull that found it missing just before the other fetch ended', async () => {
    const signal = new AbortController().signal;
    const first = imageConfig(ctx, { client, repo: 'library/busybox' }, desc, signal);
    while (gets.length === 0) await new Promise((r) => setTimeout(r, 5));
    // The second pull looks in the store while the first fetch is under way; its look ends after that fetch has.
    const size = env.store.blobs.size.bind(env.store.blobs);
    env.store.blobs.size = async (digest) => {
      const got = await size(digest);
      await new Promise((r) => setTimeout(r, 400));
      return got;
    };
    const second = await imageConfig(ctx, { client, repo: 'peers/nested/busybox' }, desc, signal);
    expect([(await first).equals(config), second.equals(config)]).toEqual([true, true]);
    expect(gets).toEqual([`/v2/library/busybox/blobs/${desc.digest}`]);
  });

  it('reads a stored config instead of fetching it', async () => {
    await env.store.ingest(config);
    const got = await imageConfig(ctx, { client, repo: 'library/busybox' }, desc, new AbortController().signal);
    expect(got.equals(config)).toBe(true);
    expect(gets).toEqual([]);
  });

  it('a pull that cancels leaves the fetch to the other one', async () => {
    const quitter = new AbortController();
    const left = imageConfig(ctx, { client, repo: 'library/busybox' }, desc, quitter.signal);
    const stays = imageConfig(ctx, { client, repo: 'library/busybox' }, desc, new AbortController().signal);
    quitter.abort();
    await expect(left).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await stays).equals(config)).toBe(true);
    expect(gets).toHaveLength(1);
  });
});
