import { describe, expect, it } from 'vitest';
import { formatPlatform, hostPlatform, matchPlatforms, normalizePlatform, parsePlatform, platformVector, type Platform } from './platform';
import { selectPlatformEntry } from './registry/resolve';

const p = (architecture: string, variant?: string, os = 'linux'): Platform => ({ os, architecture, ...(variant ? { variant } : {}) });
const entry = (pl: Platform | undefined, name: string) => ({ name, ...(pl ? { platform: pl } : {}) });

describe('platform normalization', () => {
  it('folds aliases the way containerd does', () => {
    expect(normalizePlatform(p('x86_64'))).toEqual(p('amd64'));
    expect(normalizePlatform(p('aarch64', 'v8'))).toEqual(p('arm64'));
    expect(normalizePlatform(p('armhf'))).toEqual(p('arm', 'v7'));
    expect(normalizePlatform(p('arm'))).toEqual(p('arm', 'v7'));
    expect(normalizePlatform(p('i386', 'x'))).toEqual(p('386'));
    expect(normalizePlatform(p('amd64', 'v1', 'Linux'))).toEqual(p('amd64'));
  });

  it('parses and formats --platform values', () => {
    expect(parsePlatform('linux/arm64/v8')).toEqual(p('arm64'));
    expect(parsePlatform('arm64')).toEqual(p('arm64'));
    expect(formatPlatform(p('arm', 'v7'))).toBe('linux/arm/v7');
    expect(hostPlatform('x64')).toEqual(p('amd64'));
  });
});

describe('platform matching (containerd Only)', () => {
  it('amd64 accepts 386 after amd64; amd64/v3 accepts v2 and v1 first', () => {
    expect(platformVector(p('amd64'))).toEqual([p('amd64'), p('386')]);
    expect(platformVector(p('amd64', 'v3')).map(formatPlatform)).toEqual(['linux/amd64/v3', 'linux/amd64/v2', 'linux/amd64', 'linux/386']);
  });

  it('arm64 accepts arm v8..v5; arm64/v8.2 accepts lower v8 minors', () => {
    expect(platformVector(normalizePlatform(p('arm64'))).map(formatPlatform)).toEqual([
      'linux/arm64', 'linux/arm/v8', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5',
    ]);
    expect(platformVector(p('arm64', 'v8.2')).slice(0, 3).map(formatPlatform)).toEqual(['linux/arm64/v8.2', 'linux/arm64/v8.1', 'linux/arm64/v8']);
    expect(platformVector(p('arm64', 'v9.1')).slice(0, 3).map(formatPlatform)).toEqual(['linux/arm64/v9.1', 'linux/arm64/v9', 'linux/arm64/v8.6']);
  });

  it('arm/v7 accepts v6 and v5 but not v8', () => {
    const got = matchPlatforms(p('arm', 'v7'), [entry(p('arm', 'v5'), 'v5'), entry(p('arm', 'v8'), 'v8'), entry(p('arm', 'v6'), 'v6')]);
    expect(got.map((e) => e.name)).toEqual(['v6', 'v5']);
  });

  it('orders best first, puts entries without a platform last, drops other OSes', () => {
    const entries = [entry(undefined, 'none'), entry(p('386'), '386'), entry(p('amd64', undefined, 'windows'), 'win'), entry(p('amd64'), 'amd64')];
    expect(matchPlatforms(p('amd64'), entries).map((e) => e.name)).toEqual(['amd64', '386', 'none']);
  });

  it("throws Docker's message when nothing matches", () => {
    const index = { manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:' + 'a'.repeat(64), size: 1, platform: p('arm64') }] };
    expect(() => selectPlatformEntry(index, p('amd64'))).toThrow('no matching manifest for linux/amd64 in the manifest list entries');
    expect(selectPlatformEntry(index, p('arm64', 'v8')).digest).toBe('sha256:' + 'a'.repeat(64));
  });
});
