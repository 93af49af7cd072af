// Blob downloads through a real fault proxy that resets the connection mid-blob
// (Range resume must continue the hash) or flips a byte (DIGEST_MISMATCH).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { seedImages, type SeededImages } from '../fixtures/images';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../fixtures/fault-proxy';
import { RegistryClient, downloadBlob, hasherFor } from '../../electron/core/registry';

let reg: RegistryHandle;
let seeded: SeededImages;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  reg = await startRegistry();
  seeded = await seedImages(reg);
});

afterAll(async () => {
  for (const p of proxies) await p.close();
  await reg?.stop();
});

async function proxy(rules: FaultRule[] = []): Promise<FaultProxy> {
  const p = await startFaultProxy({ target: reg.url, rules });
  proxies.push(p);
  return p;
}

function biggestLayer() {
  const layers = [...seeded.images['busybox:1.35-amd64'].layers].sort((a, b) => b.size - a.size);
  const layer = layers[0];
  if (!layer) throw new Error('no layers');
  return layer;
}

describe('blob download faults through a real proxy', () => {
  it('resumes with Range after a cut and still hands every byte to the sink exactly once', async () => {
    const layer = biggestLayer();
    const cutAt = Math.floor(layer.size / 3);
    const p = await proxy([{ path: 'blob', method: 'GET', times: 1, fault: { kind: 'reset', afterBytes: cutAt } }]);
    const client = new RegistryClient({ host: p.host, retry: { attempts: 3, delayMs: () => 20 } });
    const sinkHash = createHash('sha256');
    let received = 0;
    const r = await downloadBlob(client, 'busybox', layer, (c) => {
      received += c.length;
      sinkHash.update(c);
    });
    await client.close();
    expect(p.injected.map((f) => f.kind)).toEqual(['reset']);
    expect(r).toEqual({ digest: layer.digest, size: layer.size });
    expect(received).toBe(layer.size);
    expect(`sha256:${sinkHash.digest('hex')}`).toBe(layer.digest);
    const gets = p.requests.filter((q) => q.url.endsWith(layer.digest));
    // the resume starts where the client's bytes ended (the cut may drop some of what the proxy wrote)
    expect(gets).toHaveLength(2);
    expect(gets[0]?.range).toBeUndefined();
    const from = Number(/^bytes=(\d+)-$/.exec(gets[1]?.range ?? '')?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(cutAt);
    expect(gets[1]?.status).toBe(206);
  });

  it('continues a download the caller started earlier (offset plus hash state)', async () => {
    const layer = biggestLayer();
    const p = await proxy();
    const client = new RegistryClient({ host: p.host });
    // first part fetched separately, as an interrupted pull would have it on disk
    const whole: Buffer[] = [];
    await downloadBlob(client, 'busybox', layer, (c) => void whole.push(c));
    const prefix = Buffer.concat(whole).subarray(0, 1000);
    const hash = hasherFor(layer.digest).update(prefix);
    const rest: Buffer[] = [];
    const r = await downloadBlob(client, 'busybox', layer, (c) => void rest.push(c), { resume: { offset: 1000, hash } });
    await client.close();
    expect(r.size).toBe(layer.size);
    expect(Buffer.concat([prefix, ...rest]).equals(Buffer.concat(whole))).toBe(true);
    expect(p.requests.at(-1)?.range).toBe('bytes=1000-');
  });

  it('fails with DIGEST_MISMATCH naming the digest when a byte is flipped', async () => {
    const layer = biggestLayer();
    const p = await proxy([{ path: 'blob', method: 'GET', fault: { kind: 'flip', at: 12345 } }]);
    const client = new RegistryClient({ host: p.host });
    await expect(downloadBlob(client, 'busybox', layer, () => undefined)).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
      message: `filesystem layer verification failed for digest ${layer.digest}`,
    });
    await client.close();
  });

  it('cancels a download through its AbortSignal', async () => {
    const layer = biggestLayer();
    const client = new RegistryClient({ host: reg.host });
    const ac = new AbortController();
    let got = 0;
    const run = downloadBlob(client, 'busybox', layer, (c) => {
      got += c.length;
      if (got > 0) ac.abort();
    }, { signal: ac.signal });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(got).toBeLessThan(layer.size);
    await client.close();
  });
});
