// The progress mappers on streams recorded from real engines (dockerd 20.10
// and podman 4.3 system service, against a local distribution registry;
// see __fixtures__/transfers/README.md).
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs';
import { JobRecord } from '../jobs';
import { jsonLines, type JsonMessage } from './client';
import { LoadProgress } from './load-progress';
import { PullProgress } from './pull-progress';
import { PushProgress } from './push-progress';
import { authConfigFor, encodeRegistryAuth } from './registry-auth';

const FIXTURES = join(__dirname, '__fixtures__', 'transfers');

async function recorded(name: string): Promise<JsonMessage[]> {
  const out: JsonMessage[] = [];
  for await (const m of jsonLines(Readable.from([readFileSync(join(FIXTURES, name))]))) out.push(m);
  return out;
}

function job(): { record: JobRecord; published: Job[] } {
  const published: Job[] = [];
  const record = new JobRecord('job-1', 'pull', 't', (j) => published.push(j), 'unix:///x.sock');
  return { record, published };
}

/** Each layer's phases in order, consecutive repeats folded, as the engine sent them. */
function phasesIn(messages: JsonMessage[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of messages) {
    if (!m.id || !/^[0-9a-f]{12}$/.test(m.id) || !m.status) continue;
    const list = out.get(m.id) ?? [];
    if (list.at(-1) !== m.status) list.push(m.status);
    out.set(m.id, list);
  }
  return out;
}

/** Each layer's phases in order across the published snapshots, consecutive repeats folded. */
function phasesPublished(published: Job[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const j of published) {
    for (const l of j.layers) {
      const list = out.get(l.id) ?? [];
      if (list.at(-1) !== l.phase) list.push(l.phase);
      out.set(l.id, list);
    }
  }
  return out;
}

const IMAGE_ID = 'sha256:203bb930f6c12a3e64b9f85c7149e6e68276c3adb9915b6410ff03e85b968746'; // the recorded pull's image (its config digest)

describe('pull streams', () => {
  it('dockerd: every layer line and phase as sent, bytes from progressDetail, Docker status lines as messages', async () => {
    const msgs = await recorded('dockerd-pull.jsonl');
    const { record, published } = job();
    const p = new PullProgress(record, '1.35-amd64: Pulling from busybox');
    for (const m of msgs) p.onMessage(m);
    p.finish({ imageId: IMAGE_ID, digest: 'sha256:ignored', updated: true, familiar: '127.0.0.1:5000/busybox:1.35-amd64' });
    const snap = record.snapshot();
    expect(phasesPublished(published)).toEqual(phasesIn(msgs));
    expect(snap.layers.map((l) => l.id)).toEqual([...phasesIn(msgs).keys()]);
    expect(snap.layers.every((l) => l.phase === 'Pull complete' && l.current === l.total && l.total > 0)).toBe(true);
    // The engine's own lines, nothing added: it said Pulling from, Digest and Status itself.
    const said = msgs.filter((m) => m.status && (!m.id || m.status.startsWith('Pulling from'))).map((m) => (m.id ? `${m.id}: ${m.status}` : m.status));
    expect(snap.messages).toEqual(said);
    expect(snap.messages[0]).toBe('1.35-amd64: Pulling from busybox');
    expect(p.digest).toBe(msgs.find((m) => m.status?.startsWith('Digest: '))!.status!.slice('Digest: '.length));
    // bytes grow: a Downloading snapshot part way, before the layer is complete
    const big = msgs.find((m) => m.status === 'Downloading' && m.progressDetail!.current! < m.progressDetail!.total!)!;
    expect(published.some((j) => j.layers.some((l) => l.id === big.id && l.phase === 'Downloading' && l.current === big.progressDetail!.current && l.total === big.progressDetail!.total))).toBe(true);
  });

  it('dockerd: an image already up to date has no layer lines and keeps the engine’s Status line', async () => {
    const { record } = job();
    const p = new PullProgress(record, 'x: Pulling from y');
    for (const m of await recorded('dockerd-pull-up-to-date.jsonl')) p.onMessage(m);
    p.finish({ imageId: IMAGE_ID, digest: 'sha256:other', updated: false, familiar: 'not used' });
    const snap = record.snapshot();
    expect(snap.layers).toEqual([]);
    expect(snap.messages).toEqual([
      '1.35-amd64: Pulling from busybox',
      `Digest: ${p.digest}`,
      'Status: Image is up to date for 127.0.0.1:5000/busybox:1.35-amd64',
    ]);
  });

  it('dockerd: a platform pull keeps "Already exists" for a shared layer', async () => {
    const msgs = await recorded('dockerd-pull-platform.jsonl');
    const { record } = job();
    const p = new PullProgress(record, 'unused');
    for (const m of msgs) p.onMessage(m);
    const existing = msgs.find((m) => m.status === 'Already exists')!.id;
    expect(record.snapshot().layers.find((l) => l.id === existing)?.phase).toBe('Already exists');
  });

  it('dockerd pull -a: each tag starts its own layer lines; one Status line at the end', async () => {
    const msgs = await recorded('dockerd-pull-all-tags.jsonl');
    const { record } = job();
    const p = new PullProgress(record, 'unused');
    for (const m of msgs) p.onMessage(m);
    p.finish({ updated: true, familiar: 'unused' });
    const snap = record.snapshot();
    const tags = msgs.filter((m) => m.status?.startsWith('Pulling from')).map((m) => m.id);
    expect(tags.length).toBeGreaterThan(1);
    expect(snap.messages.filter((t) => t.includes(': Pulling from busybox'))).toEqual(tags.map((t) => `${t}: Pulling from busybox`));
    expect(snap.messages.filter((t) => t.startsWith('Status: '))).toEqual(['Status: Downloaded newer image for 127.0.0.1:5000/busybox']);
    // the last tag's layers only
    const lastStart = msgs.findLastIndex((m) => m.status?.startsWith('Pulling from'));
    expect(snap.layers.map((l) => l.id).sort()).toEqual([...phasesIn(msgs.slice(lastStart)).keys()].sort());
  });

  it('podman: the config blob line is dropped, layers end "Pull complete", Pulling from / Digest / Status are said in Docker’s words', async () => {
    const msgs = await recorded('podman-pull.jsonl');
    const { record } = job();
    const p = new PullProgress(record, '1.35-amd64: Pulling from busybox');
    for (const m of msgs) p.onMessage(m);
    const digest = 'sha256:020951603632a2ec6ce3309de92b4c79f2ccc3ae140bbee682a50ae9e8f7db89';
    p.finish({ imageId: IMAGE_ID, digest, updated: true, familiar: '127.0.0.1:5000/busybox:1.35-amd64' });
    const snap = record.snapshot();
    const sentIds = [...phasesIn(msgs).keys()];
    expect(sentIds).toContain(IMAGE_ID.slice(7, 19)); // podman does send the config as a "layer"
    expect(snap.layers.map((l) => l.id)).toEqual(sentIds.filter((id) => id !== IMAGE_ID.slice(7, 19)));
    expect(snap.layers.map((l) => l.phase)).toEqual(snap.layers.map(() => 'Pull complete'));
    expect(snap.messages).toEqual([
      '1.35-amd64: Pulling from busybox',
      `Digest: ${digest}`,
      'Status: Downloaded newer image for 127.0.0.1:5000/busybox:1.35-amd64',
    ]);
    expect(p.digest).toBe(digest);
  });

  it('podman: layers it already had stay "Already exists"; an unchanged image is "up to date"', async () => {
    const msgs = await recorded('podman-pull-up-to-date.jsonl');
    const { record } = job();
    const p = new PullProgress(record, 'latest: Pulling from library/busybox');
    for (const m of msgs) p.onMessage(m);
    p.finish({ imageId: IMAGE_ID, updated: false, familiar: 'busybox:latest' });
    const snap = record.snapshot();
    expect(snap.layers.length).toBe(3);
    expect(snap.layers.every((l) => l.phase === 'Already exists')).toBe(true);
    expect(snap.messages).toEqual(['latest: Pulling from library/busybox', 'Status: Image is up to date for busybox:latest']);
  });
});

describe('push streams', () => {
  it('dockerd: Preparing, Pushing with bytes, Pushed and Mounted from as layer lines; the digest line and aux digest', async () => {
    const msgs = await recorded('dockerd-push.jsonl');
    const { record, published } = job();
    const p = new PushProgress(record, '127.0.0.1:5000/pushed-docker');
    for (const m of msgs) p.onMessage(m);
    const snap = record.snapshot();
    expect(phasesPublished(published)).toEqual(phasesIn(msgs));
    expect(snap.messages).toEqual(msgs.filter((m) => m.status && !m.id).map((m) => m.status));
    const aux = msgs.find((m) => m.aux)!.aux!.Digest;
    expect(p.digest).toBe(aux);
    const pushing = msgs.filter((m) => m.status === 'Pushing');
    expect(snap.layers.find((l) => l.id === pushing[0]!.id)).toMatchObject({ phase: 'Pushed', current: pushing.at(-1)!.progressDetail!.current });
  });

  it('dockerd: layers the registry has are "Layer already exists"', async () => {
    const { record } = job();
    const p = new PushProgress(record, '127.0.0.1:5000/pushed-docker');
    for (const m of await recorded('dockerd-push-existing.jsonl')) p.onMessage(m);
    expect(record.snapshot().layers.map((l) => l.phase)).toEqual(['Layer already exists', 'Layer already exists', 'Layer already exists']);
  });

  it('podman: no layer lines; the first line in Docker’s form (no tag) and the digest read from the last line', async () => {
    const msgs = await recorded('podman-push.jsonl');
    const { record } = job();
    const p = new PushProgress(record, '127.0.0.1:5000/pushed-podman');
    for (const m of msgs) p.onMessage(m);
    const snap = record.snapshot();
    expect(msgs[0]!.status).toBe('The push refers to repository [127.0.0.1:5000/pushed-podman:v1]');
    expect(snap.messages[0]).toBe('The push refers to repository [127.0.0.1:5000/pushed-podman]');
    expect(snap.messages[1]).toBe(msgs[1]!.status);
    expect(p.digest).toBe(/digest: (sha256:[0-9a-f]{64})/.exec(msgs[1]!.status!)![1]);
    expect(snap.layers).toEqual([]);
  });
});

describe('load streams', () => {
  it('dockerd: "Loading layer" lines with bytes, then one "Loaded image" message per image', async () => {
    const msgs = await recorded('dockerd-load-two.jsonl');
    const { record } = job();
    const p = new LoadProgress(record);
    for (const m of msgs) p.onMessage(m);
    const snap = record.snapshot();
    expect(p.names).toEqual(['127.0.0.1:5000/busybox:1.35-arm64', '127.0.0.1:5000/busybox:1.35-amd64']);
    expect(snap.messages).toEqual(p.names.map((n) => `Loaded image: ${n}`));
    expect(snap.layers.map((l) => l.phase)).toEqual(snap.layers.map(() => 'Loading layer'));
    expect(snap.layers.every((l) => l.total > 0 && l.current === l.total)).toBe(true);
  });

  it('without layer lines (a copy has one progress line) only the messages remain', async () => {
    const { record } = job();
    const p = new LoadProgress(record, { layers: false });
    for (const m of await recorded('dockerd-load.jsonl')) p.onMessage(m);
    expect(record.snapshot().layers).toEqual([]);
    expect(record.snapshot().messages).toEqual(['Loaded image: 127.0.0.1:5000/busybox:1.35-amd64']);
  });

  it('podman: one line without a newline; comma-joined names are separate images', async () => {
    const { record } = job();
    const p = new LoadProgress(record);
    for (const m of await recorded('podman-load.jsonl')) p.onMessage(m);
    p.onMessage({ stream: 'Loaded image: a:1,docker.io/library/b:2' });
    p.onMessage({ stream: 'Loaded image ID: sha256:abc\n' });
    expect(p.names).toEqual(['127.0.0.1:5000/busybox:1.35-amd64', 'a:1', 'docker.io/library/b:2']);
    expect(p.ids).toEqual(['sha256:abc']);
    expect(record.snapshot().messages.at(-1)).toBe('Loaded image ID: sha256:abc');
  });
});

describe('X-Registry-Auth', () => {
  const decode = (h: string): unknown => JSON.parse(Buffer.from(h.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));

  it('is base64url with padding, as Go’s URLEncoding decodes it', () => {
    for (const user of ['a', 'ab', 'abc', 'user?>~']) {
      const h = encodeRegistryAuth({ username: user, password: 'p', serveraddress: 'h' });
      expect(h.length % 4).toBe(0);
      expect(h).toMatch(/^[A-Za-z0-9_-]+=*$/);
      expect(decode(h)).toEqual({ username: user, password: 'p', serveraddress: 'h' });
    }
    expect(encodeRegistryAuth({})).toBe('e30=');
  });

  it('sends a password, an identity token or a registry token with the config key as serveraddress', () => {
    expect(authConfigFor('127.0.0.1:5000', { username: 'u', password: 'p' })).toEqual({ username: 'u', password: 'p', serveraddress: '127.0.0.1:5000' });
    expect(authConfigFor('docker.io', { username: '<token>', identityToken: 't' })).toEqual({ identitytoken: 't', serveraddress: 'https://index.docker.io/v1/' });
    expect(authConfigFor('h', { registryToken: 'r' })).toEqual({ registrytoken: 'r', serveraddress: 'h' });
    expect(authConfigFor('h', undefined)).toBeUndefined();
    expect(authConfigFor('h', { username: 'u' })).toBeUndefined();
  });
});
