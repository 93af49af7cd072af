import { describe, expect, it } from 'vitest';
import { addImage, fileLayer, tarOf } from '../store/testing/build';
import { coreOnFreshStore } from './testing';

const env = coreOnFreshStore();
const call = env.call;

describe('images.inspect', () => {
  it("prints dockerd 20.10's document with its key order", async () => {
    const img = await addImage(env.t.store, {
      layers: [await tarOf([{ name: 'f', content: 'x'.repeat(42) }])],
      created: '2024-01-01T00:00:00.500000000+00:00',
      tag: 'docker.io/library/busybox:1.35',
      repoDigest: (m) => `docker.io/library/busybox@${m}`,
      labels: { a: 'b' },
      extraConfig: { author: 'me', variant: 'v8' },
    });
    const doc = await call('images.inspect', { ref: 'busybox:1.35' });
    expect(Object.keys(doc)).toEqual([
      'Id', 'RepoTags', 'RepoDigests', 'Parent', 'Comment', 'Created', 'Container', 'ContainerConfig', 'DockerVersion',
      'Author', 'Config', 'Architecture', 'Variant', 'Os', 'Size', 'VirtualSize', 'RootFS', 'Metadata',
    ]);
    expect(doc).toMatchObject({
      Id: img.id,
      RepoTags: ['busybox:1.35'],
      RepoDigests: [`busybox@${img.manifestDigest}`],
      Parent: '',
      Created: '2024-01-01T00:00:00.5Z',
      Author: 'me',
      Size: 42,
      RootFS: { Type: 'layers', Layers: [expect.stringMatching(/^sha256:/)] },
      Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
    });
    expect(Object.keys(doc.Config)).toEqual([
      'Hostname', 'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'Tty', 'OpenStdin', 'StdinOnce',
      'Env', 'Cmd', 'Image', 'Volumes', 'WorkingDir', 'Entrypoint', 'OnBuild', 'Labels',
    ]);
    expect(doc.Config).toMatchObject({ Env: ['PATH=/bin'], Cmd: ['sh'], Volumes: null, Entrypoint: null, Labels: { a: 'b' } });
  });

  it('finds images by ID, ID prefix with or without sha256:, and digest reference', async () => {
    const img = await addImage(env.t.store, { layers: [await fileLayer('a', '1')], repoDigest: (m) => `docker.io/library/x@${m}` });
    const hex = img.id.slice(7);
    for (const ref of [img.id, hex, hex.slice(0, 5), `sha256:${hex.slice(0, 12)}`, `x@${img.manifestDigest}`]) {
      expect((await call('images.inspect', { ref })).Id).toBe(img.id);
    }
  });

  it("says No such image with Docker's text, and treats an ambiguous prefix as not found", async () => {
    await expect(call('images.inspect', { ref: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such image: nope:latest' });
    await expect(call('images.inspect', { ref: 'a/b:c' })).rejects.toThrow('No such image: a/b:c');
    // By pigeonhole, 17 images include two whose IDs share the first hex digit.
    const byFirst = new Map<string, string>();
    let shared = '';
    for (let i = 0; !shared; i++) {
      const id = (await addImage(env.t.store, { layers: [await fileLayer('f', String(i))] })).id;
      if (byFirst.has(id[7]!)) shared = id[7]!;
      byFirst.set(id[7]!, id);
    }
    await expect(call('images.inspect', { ref: shared })).rejects.toThrow(`No such image: ${shared}:latest`);
  });

  it('rejects invalid references with the parser message', async () => {
    await expect(call('images.inspect', { ref: 'UPPER' })).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
  });
});

describe('images.format', () => {
  it('renders a Go template against the inspect document', async () => {
    await addImage(env.t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/f:1', labels: { k: 'v' } });
    expect((await call('images.format', { ref: 'f:1', template: '{{.Os}}/{{.Architecture}} {{index .Config.Labels "k"}}' })).output).toBe('linux/amd64 v');
    expect((await call('images.format', { ref: 'f:1', template: '{{.Config.Labels.nope}}' })).output).toBe('<no value>');
    await expect(call('images.format', { ref: 'f:1', template: '{{.Nope}}' })).rejects.toThrow(/^template parsing error: .*map has no entry for key "Nope"/);
    await expect(call('images.format', { ref: 'f:1', template: '{{.Os' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^template parsing error: /) });
  });
});

describe('images.history', () => {
  it('lists history newest first with per-layer sizes and the ID on the top row', async () => {
    const img = await addImage(env.t.store, {
      layers: [await tarOf([{ name: 'a', content: 'x'.repeat(7) }]), await tarOf([{ name: 'b', content: 'y'.repeat(3) }])],
      tag: 'docker.io/library/h:1',
      history: [
        { created_by: 'ADD a', created: '2024-01-01T00:00:00Z' },
        { created_by: 'ENV X=1', empty_layer: true, created: '2024-01-01T00:00:01Z' },
        { created_by: 'ADD b', comment: 'c', created: '2024-01-01T00:00:02Z' },
      ],
    });
    expect(await call('images.history', { ref: 'h:1' })).toEqual([
      { id: img.id, created: '2024-01-01T00:00:02Z', createdBy: 'ADD b', size: 3, comment: 'c', emptyLayer: false },
      { id: '<missing>', created: '2024-01-01T00:00:01Z', createdBy: 'ENV X=1', size: 0, comment: '', emptyLayer: true },
      { id: '<missing>', created: '2024-01-01T00:00:00Z', createdBy: 'ADD a', size: 7, comment: '', emptyLayer: false },
    ]);
  });
});

describe('reference.parse', () => {
  it('normalizes and reports the parts', async () => {
    expect(await call('reference.parse', { input: 'ubuntu' })).toEqual({
      input: 'ubuntu', normalized: 'docker.io/library/ubuntu:latest', familiar: 'ubuntu:latest',
      domain: 'docker.io', path: 'library/ubuntu', tag: null, digest: null,
    });
    await expect(call('reference.parse', { input: 'Ubuntu' })).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
  });
});
