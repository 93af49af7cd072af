/**
 * Guards against super-linear parsing: long hostile inputs of the shapes that
 * make backtracking regexps explode (long separator runs, near-miss repeats,
 * a bad character at the very end). The bound is generous; it only catches
 * blow-ups, it is not a benchmark.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../../shared/errors';
import {
  isDigest,
  parseAnyReference,
  parseDockerRef,
  parseNormalizedNamed,
  parseReference,
  validateDigest,
  validateTagName,
} from './index';
import { cpuMsSince } from '../../../test/fixtures/fuzz';

const LIMIT_MS = 200;
const N = 50_000;
const HEX = 'f'.repeat(64);

const PARSERS: Record<string, (s: string) => unknown> = {
  parseReference,
  parseNormalizedNamed,
  parseAnyReference,
  parseDockerRef,
  validateTagName,
  validateDigest,
  isDigest,
};

/** Runs every parser on `s`; each must finish in time and fail, if at all, with INVALID_REFERENCE. */
function survey(s: string): Record<string, string> {
  const results: Record<string, string> = {};
  for (const [name, parse] of Object.entries(PARSERS)) {
    const started = process.cpuUsage();
    try {
      parse(s);
      results[name] = 'ok';
    } catch (e) {
      if (!isBerthError(e) || e.code !== 'INVALID_REFERENCE') throw e;
      results[name] = e.message.slice(0, 80);
    }
    const elapsed = cpuMsSince(started);
    expect(elapsed, `${name} on ${JSON.stringify(s.slice(0, 30))}… (${s.length} chars)`).toBeLessThan(LIMIT_MS);
  }
  return results;
}

const SEPARATORS = ['-', '_', '__', '.', '/', ':', '@', '+', '[', ']'];

const HOSTILE: Array<[string, string]> = [
  ...SEPARATORS.map((sep): [string, string] => [`a + "${sep}"×N + !`, `a${sep.repeat(N)}!`]),
  ...SEPARATORS.map((sep): [string, string] => [`("a${sep}")×N + !`, `${`a${sep}`.repeat(N)}!`]),
  ...SEPARATORS.map((sep): [string, string] => [`("a${sep}")×N + A`, `${`a${sep}`.repeat(N)}A`]),
  ['a×100k + !', `${'a'.repeat(2 * N)}!`],
  ['a×100k', 'a'.repeat(2 * N)],
  ['A×100k + !', `${'A'.repeat(2 * N)}!`],
  ['("a-a.")×N + "/x!"', `${'a-a.'.repeat(N / 2)}/x!`],
  ['domain of N labels + long port + bad path', `${'a-b.'.repeat(N / 4)}c:${'1'.repeat(N)}/x!`],
  ['[ + ":"×100k + ]/x!', `[${':'.repeat(2 * N)}]/x!`],
  ['unclosed IPv6', `[${'f:'.repeat(N)}`],
  ['localhost with a 100k port and a bad path', `localhost:${'5'.repeat(2 * N)}/x!`],
  ['tag of 100k', `a:${'b'.repeat(2 * N)}`],
  ['tag of dots and dashes', `a:b${'.-'.repeat(N)}!`],
  ['digest hex of 100k', `a@sha256:${'f'.repeat(2 * N)}`],
  ['digest algorithm of N components', `a@${'a.'.repeat(N)}b:${HEX}`],
  ['digest algorithm of dashes', `a@a${'-b'.repeat(N)}:${HEX}`],
  ['nested paths ending in upper case', `${'a/'.repeat(N)}A`],
  ['mixed separators', `${'a._-__a'.repeat(N / 4)}!`],
  ['only colons', ':'.repeat(2 * N)],
  ['only at signs', '@'.repeat(2 * N)],
  ['64-hex repeated', `${HEX.repeat(1500)}!`],
  ['all kinds of separators repeated', `${'a-_.__-a/'.repeat(N / 8)}:${'x'.repeat(N)}@sha256:${'0'.repeat(N)}`],
];

describe('hostile inputs finish quickly', () => {
  it.each(HOSTILE)('%s', (_label, input) => {
    const results = survey(input);
    // None of these is a valid name, tag or digest; all must be refused cleanly.
    expect(results['parseReference']).not.toBe('ok');
    expect(results['parseNormalizedNamed']).not.toBe('ok');
  });

  it('refuses a 100k-character name for its length, not its shape', () => {
    expect(() => parseReference('a'.repeat(2 * N))).toThrow('repository name must not be more than 255 characters');
    expect(() => parseNormalizedNamed(`example.com/${'a-'.repeat(N)}a`)).toThrow(
      'repository name must not be more than 255 characters',
    );
  });

  it('accepts a valid reference with a 100k-digit port quickly', () => {
    const port = '5'.repeat(2 * N);
    const started = process.cpuUsage();
    const ref = parseNormalizedNamed(`localhost:${port}/x:1`);
    expect(cpuMsSince(started)).toBeLessThan(LIMIT_MS);
    expect(ref).toEqual({ domain: `localhost:${port}`, path: 'x', tag: '1', digest: null });
  });

  it('reports the lowercase error for a long upper-case input, via the lower-cased retry', () => {
    expect(() => parseReference(`${'A'.repeat(2 * N)}`)).toThrow('repository name must be lowercase');
  });

  it('random long repetitions of grammar pieces', () => {
    const piece = fc.constantFrom('a', 'A', '0', '-', '--', '_', '__', '.', '/', ':', '@', '[', ']', 'sha256:', 'f');
    const hostile = fc
      .tuple(fc.array(piece, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1_000, max: 25_000 }), fc.constantFrom('', '!', 'A', ':', '@'))
      .map(([unit, times, tail]) => unit.join('').repeat(times) + tail);
    fc.assert(
      fc.property(hostile, (s) => {
        survey(s);
      }),
      { numRuns: 60 },
    );
  });
});
