import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from './service';
import { Store } from './store';
import { addImage, fileLayer } from './store/testing/build';

let dir: string;
let core: Core;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-core-'));
  core = await createCore({ storePath: path.join(dir, 'store'), host: 'browser' });
});
afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

describe('createCore', () => {
  it('opens (creates) the store and serves app.info with its path', async () => {
    const r = await core.dispatch('app.info', {});
    expect(r).toMatchObject({ ok: true, value: { storePath: path.join(dir, 'store') } });
    expect((await core.dispatch('store.fsck', {})).ok).toBe(true);
  });

  it("emits store.changed after its own changes and after another process's", async () => {
    const events: string[] = [];
    core.bus.on('store.changed', (p) => events.push(p.at));
    const other = await Store.open(path.join(dir, 'store'));
    await addImage(other, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/a:1' });
    for (let i = 0; i < 250 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(events.length).toBe(1);
    await core.dispatch('images.tag', { ref: 'a:1', target: 'b:1' });
    expect(events.length).toBe(2);
    other.close();
  });

  it('returns contract errors as data', async () => {
    const r = await core.dispatch('images.inspect', { ref: 'nope' });
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such image: nope:latest' } });
  });
});
