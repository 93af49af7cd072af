import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../../../shared/index';
import { sourceLabel } from './labels';

const t = ((key: string) => `t:${key}`) as unknown as TFunction;
const engine: Source = {
  id: 'unix:///run/docker.sock',
  kind: 'docker',
  name: 'Docker Engine 20.10.24',
  endpoint: 'unix:///run/docker.sock',
  origin: 'env',
  state: 'connected',
  apiVersion: '1.41',
  error: null,
};
const store: Source = { ...engine, id: 'embedded', kind: 'embedded', name: 'Berth store', endpoint: null, origin: 'builtin', apiVersion: null };

describe('sourceLabel', () => {
  it('names the embedded store in the UI language, listed or not', () => {
    expect(sourceLabel([store, engine], 'embedded', t)).toBe('t:sources.embeddedName');
    expect(sourceLabel(undefined, 'embedded', t)).toBe('t:sources.embeddedName');
  });
  it('names an engine as the core does, and a source no longer listed by its id', () => {
    expect(sourceLabel([store, engine], engine.id, t)).toBe('Docker Engine 20.10.24');
    expect(sourceLabel([store], 'tcp://127.0.0.1:9', t)).toBe('tcp://127.0.0.1:9');
  });
});
