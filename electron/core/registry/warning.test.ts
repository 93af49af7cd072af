import { describe, expect, it } from 'vitest';
import { parseWarnings, WarningSink } from './warning';

describe('Warning headers', () => {
  it('surfaces 299 texts, unescaped, and ignores other codes', () => {
    expect(parseWarnings(['299 - "this image is deprecated"', '199 - "misc"', '299 registry.example "say \\"no\\"" "Wed, 21 Oct 2015 07:28:00 GMT"'])).toEqual([
      'this image is deprecated',
      'say "no"',
    ]);
    expect(parseWarnings('299 - "one", 299 - "two"')).toEqual(['one', 'two']);
    expect(parseWarnings(undefined)).toEqual([]);
  });

  it('reports each text once over a sink lifetime', () => {
    const seen: string[] = [];
    const sink = new WarningSink((t) => seen.push(t));
    sink.add('299 - "a"');
    sink.add(['299 - "a"', '299 - "b"']);
    sink.add('299 - "b"');
    expect(seen).toEqual(['a', 'b']);
  });
});
