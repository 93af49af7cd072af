import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from './www-authenticate';

describe('parseWwwAuthenticate', () => {
  it('reads a Docker Hub bearer challenge', () => {
    expect(
      parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"'),
    ).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/ubuntu:pull' } },
    ]);
  });

  it('splits several challenges in one header and keeps commas inside quotes', () => {
    const got = parseWwwAuthenticate('Basic realm="a, b", Bearer realm="https://x/token",scope="repository:a:pull,push repository:b:pull"');
    expect(got).toEqual([
      { scheme: 'basic', params: { realm: 'a, b' } },
      { scheme: 'bearer', params: { realm: 'https://x/token', scope: 'repository:a:pull,push repository:b:pull' } },
    ]);
  });

  it('unescapes quoted-pairs, accepts token values, spaces around = and case-insensitive names', () => {
    expect(parseWwwAuthenticate('BEARER Realm = "say \\"hi\\" \\\\ there", error=insufficient_scope')).toEqual([
      { scheme: 'bearer', params: { realm: 'say "hi" \\ there', error: 'insufficient_scope' } },
    ]);
  });

  it('takes headers given as an array and skips token68 credentials', () => {
    expect(parseWwwAuthenticate(['Negotiate abc123==', 'Basic realm="r"'])).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
  });

  it('survives junk and an unterminated quote', () => {
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
    expect(parseWwwAuthenticate(', ,')).toEqual([]);
    expect(parseWwwAuthenticate('Bearer realm="open')).toEqual([{ scheme: 'bearer', params: { realm: 'open' } }]);
  });
});
