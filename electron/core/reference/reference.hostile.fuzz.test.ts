/**
 * What reference.fuzz and reference.property leave out: any Unicode or
 * binary text (not just grammar-shaped strings) through every parser, the
 * `reference=` glob matcher on arbitrary and long hostile patterns, and
 * round trips through the familiar form and withTag/withDigest.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../../shared/errors';
import { recordFigures } from '../../../test/fixtures/figures';
import { cpuMsSince, FuzzTally, fuzzRuns, fuzzTimeout } from '../../../test/fixtures/fuzz';
import {
  familiarMatch,
  familiarString,
  formatReference,
  isDigest,
  parseAnyReference,
  parseDockerRef,
  parseNormalizedNamed,
  parseReference,
  pathMatch,
  splitDockerDomain,
  trimNamed,
  validateDigest,
  validateTagName,
  withDigest,
  withTag,
  type Reference,
} from './index';

const tally = new FuzzTally();
afterAll(() => {
  recordFigures('fuzz', { inputsTried: tally.get('inputs'), parsersCovered: 1, crashes: tally.get('crashes') });
});

/** Calls `fn`; it may only fail with a BerthError of `code`. */
function refusesCleanly<T>(code: string, fn: () => T): T | undefined {
  tally.add('inputs');
  try {
    return fn();
  } catch (e) {
    if (!isBerthError(e) || e.code !== code) {
      tally.add('crashes');
      throw e;
    }
    return undefined;
  }
}

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...'aA0-_./:@[]*?\\^!é\u0130\u212a\u0000 '.split('')), maxLength: 60 }),
);

const PARSERS: Record<string, (s: string) => unknown> = {
  parseReference, parseNormalizedNamed, parseAnyReference, parseDockerRef, validateTagName, validateDigest, isDigest, splitDockerDomain,
};

describe('any text', () => {
  it('every parser accepts it or refuses it with INVALID_REFERENCE; what parses re-parses to itself', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const parse of Object.values(PARSERS)) refusesCleanly('INVALID_REFERENCE', () => parse(s));
        const ref = refusesCleanly('INVALID_REFERENCE', () => parseNormalizedNamed(s));
        if (ref) expect(parseNormalizedNamed(formatReference(ref))).toEqual(ref);
      }),
      { numRuns: fuzzRuns(3000) },
    );
  }, fuzzTimeout(20_000));

  it('withTag and withDigest accept exactly what validateTagName and validateDigest-shaped checks accept', () => {
    const base: Reference = { domain: 'docker.io', path: 'library/busybox', tag: null, digest: null };
    fc.assert(
      fc.property(anyText, (s) => {
        const tagged = refusesCleanly('INVALID_REFERENCE', () => withTag(base, s));
        const tagOk = refusesCleanly('INVALID_REFERENCE', () => (validateTagName(s), true)) ?? false;
        expect(tagged !== undefined).toBe(tagOk);
        if (tagged) expect(parseReference(formatReference(tagged))).toEqual(tagged);
        const digested = refusesCleanly('INVALID_REFERENCE', () => withDigest(base, s));
        if (digested) expect(trimNamed(digested)).toEqual(base);
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });
});

/* ---------- reference= globs ---------- */

const segment = fc.stringMatching(/^[a-z0-9]{1,6}(?:[._-][a-z0-9]{1,4})?$/);
const name = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const escapeGlob = (s: string) => s.replace(/[*?[\\]/g, (c) => `\\${c}`);

/** A pattern made from `name` by turning some characters into ? and some segment tails into *. */
const globOf = (n: string) =>
  fc.array(fc.constantFrom('keep', 'keep', 'keep', 'any', 'star'), { minLength: n.length, maxLength: n.length }).map((ops) => {
    let out = '';
    for (let i = 0; i < n.length; i++) {
      const c = n[i]!;
      if (c === '/' || ops[i] === 'keep') out += escapeGlob(c);
      else if (ops[i] === 'any') out += '?';
      else {
        out += '*';
        while (i + 1 < n.length && n[i + 1] !== '/') i++; // a star eats the rest of its segment
      }
    }
    return out;
  });

const patternish = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '?', '[', ']', '^', '-', '\\', '.', ':'), maxLength: 24 });

describe('reference= patterns (Go path.Match)', () => {
  it('arbitrary patterns against arbitrary names: a boolean or "syntax error in pattern", nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(patternish, anyText), fc.oneof(name, anyText), (p, n) => {
        const r = refusesCleanly('INVALID_ARGUMENT', () => pathMatch(p, n));
        if (r !== undefined) expect(typeof r).toBe('boolean');
      }),
      { numRuns: fuzzRuns(4000) },
    );
  }, fuzzTimeout(20_000));

  it('a name matches itself escaped, globs made from it, and * only within a segment', () => {
    fc.assert(
      fc.property(name.chain((n) => fc.tuple(fc.constant(n), globOf(n))), ([n, glob]) => {
        tally.add('inputs');
        expect(pathMatch(escapeGlob(n), n)).toBe(true);
        expect(pathMatch(glob, n)).toBe(true);
        expect(pathMatch('*', n)).toBe(!n.includes('/'));
        expect(pathMatch(`${escapeGlob(n)}?`, n)).toBe(false);
      }),
      { numRuns: fuzzRuns(1500) },
    );
  });

  it('familiarMatch sees the familiar string and name of what parseNormalizedNamed made', () => {
    fc.assert(
      fc.property(name, fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/), { nil: null }), (n, tag) => {
        const ref = parseNormalizedNamed(tag === null ? n : `${n}:${tag}`);
        tally.add('inputs');
        expect(familiarMatch(escapeGlob(familiarString(ref)), ref)).toBe(true);
        expect(familiarMatch(escapeGlob(familiarString(trimNamed(ref))), ref)).toBe(true);
      }),
      { numRuns: fuzzRuns(800) },
    );
  });

  const LONG: Array<[string, string, string]> = [
    ['stars and a near miss', '*a'.repeat(2000) + 'b', 'a'.repeat(255)],
    ['stars before a slash', '*a'.repeat(2000) + '/', 'a'.repeat(255)],
    ['question marks', '?'.repeat(5000), 'a'.repeat(255)],
    ['classes', '[a-z]'.repeat(3000) + '!', 'a'.repeat(255)],
    ['star classes', '*[^b]'.repeat(2000) + 'b', 'a'.repeat(255)],
    ['escapes', '\\a'.repeat(5000), 'a'.repeat(4095)],
    ['star chunks against a long name', '*aa'.repeat(1000), 'a'.repeat(4095)],
    ['an unclosed class at the end of many stars', '*a'.repeat(3000) + '[', 'b'.repeat(4095)],
  ];

  it.each(LONG)('%s finishes quickly', (_label, p, n) => {
    const started = process.cpuUsage();
    refusesCleanly('INVALID_ARGUMENT', () => pathMatch(p, n));
    // Pattern × name is the design bound (≈ 10⁷ steps here); this only catches exponential backtracking.
    expect(cpuMsSince(started)).toBeLessThan(3_000);
  });
});
