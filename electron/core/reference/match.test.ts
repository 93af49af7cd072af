import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import { familiarMatch, parseNormalizedNamed, pathMatch } from './index';

const BAD = 'syntax error in pattern';

/** Go's path.Match behaviour: [pattern, name, matches | BAD]. */
const GLOB: Array<[string, string, boolean | typeof BAD]> = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true],
  ['a???b', 'a☺b', false],
  ['[a-ζ]*', 'α', true],
  ['*[a-ζ]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['*x', 'xxx', true],
  ['[]a]', ']', BAD],
  ['[-]', '-', BAD],
  ['[x-]', 'x', BAD],
  ['[-x]', 'x', BAD],
  ['\\', 'a', BAD],
  ['[a-b-c]', 'a', BAD],
  ['[', 'a', BAD],
  ['[^', 'a', BAD],
  ['[^bc', 'a', BAD],
  ['a[', 'a', BAD],
  ['a[', 'ab', BAD],
  ['a[', 'x', BAD],
  ['a/b[', 'x', BAD],
  ['x*[', 'abc', BAD],
];

describe('pathMatch (Go path.Match)', () => {
  it.each(GLOB)('%j against %j', (pattern, name, want) => {
    if (want === BAD) {
      expect(() => pathMatch(pattern, name)).toThrow(new BerthError('INVALID_ARGUMENT', BAD));
    } else {
      expect(pathMatch(pattern, name)).toBe(want);
    }
  });

  it('stays quick with many stars', () => {
    const started = performance.now();
    expect(pathMatch(`${'a*'.repeat(500)}b`, 'a'.repeat(2000))).toBe(false);
    expect(pathMatch(`*${'a'.repeat(300)}b`, 'a'.repeat(1000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('familiarMatch', () => {
  const ubuntu = parseNormalizedNamed('ubuntu:14.04');
  const app = parseNormalizedNamed('user/app:1');
  const local = parseNormalizedNamed('localhost:5000/team/app:v2');

  it.each([
    ['ubuntu', ubuntu, true],
    ['ubuntu:14.04', ubuntu, true],
    ['ubuntu:*', ubuntu, true],
    ['ubu*', ubuntu, true],
    ['ubuntu:latest', ubuntu, false],
    ['library/ubuntu', ubuntu, false],
    ['docker.io/library/ubuntu', ubuntu, false],
    ['*/app', app, true],
    ['*', app, false],
    ['*/*', app, true],
    ['user/app:?', app, true],
    ['localhost:5000/*/app', local, true],
    ['localhost:5000/*', local, false],
  ] as const)('%j against %s', (pattern, ref, want) => {
    expect(familiarMatch(pattern, ref)).toBe(want);
  });

  it('refuses a malformed pattern', () => {
    expect(() => familiarMatch('ubuntu[', ubuntu)).toThrow(BAD);
  });
});
