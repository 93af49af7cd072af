import { describe, expect, it } from 'vitest';
import { nextLink, parseLinkHeader } from './link';

describe('Link headers', () => {
  const base = 'http://127.0.0.1:5000/v2/_catalog?n=1';

  it('resolves distribution-style path-only next links against the request URL', () => {
    expect(nextLink('</v2/_catalog?last=busybox&n=1>; rel="next"', base)).toBe('http://127.0.0.1:5000/v2/_catalog?last=busybox&n=1');
  });

  it('keeps absolute links, and picks next among several relations', () => {
    const h = '<https://other.example/v2/x/tags/list?last=b>; rel="prev", <https://other.example/v2/x/tags/list?last=c&n=2>; rel="next"';
    expect(nextLink(h, base)).toBe('https://other.example/v2/x/tags/list?last=c&n=2');
    expect(parseLinkHeader(h, base).map((l) => l.params.rel)).toEqual(['prev', 'next']);
  });

  it('accepts unquoted rel, rel lists, and several header values', () => {
    expect(nextLink(['<a?x=1>; rel=next'], base)).toBe('http://127.0.0.1:5000/v2/a?x=1');
    expect(nextLink('</p2>; rel="last next"', base)).toBe('http://127.0.0.1:5000/p2');
  });

  it('returns undefined without a next link', () => {
    expect(nextLink(undefined, base)).toBeUndefined();
    expect(nextLink('</v2/x>; rel="prev"', base)).toBeUndefined();
  });
});
