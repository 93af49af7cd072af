/**
 * Hostile registry headers: WWW-Authenticate (which decides where credentials
 * go) and Link (which decides the next page to fetch) come from any server a
 * user points Berth at. Arbitrary text never throws and never pollutes
 * prototypes, long hostile text parses in linear time, and generated
 * well-formed headers (quoted commas, escaped quotes, several challenges or
 * links, any parameter order and whitespace) parse back exactly.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFigures } from '../../../test/fixtures/figures';
import { cpuMsSince, FuzzTally, fuzzRuns, fuzzTimeout } from '../../../test/fixtures/fuzz';
import { nextLink, parseLinkHeader } from './link';
import { parseWwwAuthenticate, type Challenge } from './www-authenticate';

const tally = new FuzzTally();
afterAll(() => {
  recordFigures('fuzz', { inputsTried: tally.get('inputs'), parsersCovered: 2, crashes: tally.get('crashes') });
});

const BASE = 'http://127.0.0.1:5000/v2/_catalog?n=100';

/** Runs both parsers; a throw counts as a crash (neither may throw on any text). */
function both(header: string): { challenges: Challenge[]; links: ReturnType<typeof parseLinkHeader>; next: string | undefined } {
  tally.add('inputs');
  try {
    return { challenges: parseWwwAuthenticate(header), links: parseLinkHeader(header, BASE), next: nextLink(header, BASE) };
  } catch (e) {
    tally.add('crashes');
    throw e;
  }
}

/** Shape checks in plain code (one expect per header: a 100 KB header can hold thousands of links). */
function wellTyped(r: ReturnType<typeof both>): void {
  const problems: string[] = [];
  for (const c of r.challenges) {
    if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(c.scheme)) problems.push(`scheme ${c.scheme}`);
    if (Object.values(c.params).some((v) => typeof v !== 'string')) problems.push(`params of ${c.scheme}`);
  }
  for (const l of r.links) {
    if (!URL.canParse(l.url)) problems.push(`url ${l.url}`);
    if (Object.values(l.params).some((v) => typeof v !== 'string')) problems.push(`params of ${l.url}`);
  }
  if (r.next !== undefined && !r.links.some((l) => l.url === r.next)) problems.push(`next ${r.next}`);
  expect(problems).toEqual([]);
}

/* ---------- arbitrary text ---------- */

const PIECES = [
  'Bearer', 'Basic', 'Negotiate', ' ', '\t', ',', ';', '=', '==', '"', '\\', '\\"', 'realm', 'service', 'scope', 'rel', 'next', 'a', 'Z9',
  '<', '>', '</v2/x?last=a&n=1>', '<http://[::1', '<https://h/p>', 'abc+/=', '__proto__', 'constructor', 'é', '\u0000', '%', ':', '/',
];
const headerish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

describe('arbitrary header text', () => {
  it('never throws, yields well-typed results and leaves prototypes alone', () => {
    fc.assert(
      fc.property(fc.oneof(headerish, fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })), (h) => {
        const r = both(h);
        wellTyped(r);
        expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
      }),
      { numRuns: fuzzRuns(3000) },
    );
  }, fuzzTimeout(20_000));

  it('keeps a parameter named __proto__ as a plain parameter', () => {
    const [c] = parseWwwAuthenticate('Bearer __proto__="x", realm="r"');
    expect(Object.entries(c!.params)).toEqual([['__proto__', 'x'], ['realm', 'r']]);
    const [l] = parseLinkHeader('</a>; __proto__="y"; rel=next', BASE);
    expect(Object.entries(l!.params)).toEqual([['__proto__', 'y'], ['rel', 'next']]);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

/* ---------- long hostile text: linear time ---------- */

const N = 100_000;
const HOSTILE: Array<[string, string]> = [
  ['a=",×N', 'a=",'.repeat(N / 4)],
  ['=×N', '='.repeat(N)],
  ['a=×N', 'a='.repeat(N / 2)],
  ['"×N', '"'.repeat(N)],
  ['an unterminated quote of backslashes', `Bearer realm="${'\\'.repeat(N)}`],
  ['<×N (was quadratic in the Link parser: 8 s)', '<'.repeat(N)],
  ['<a×N', '<a'.repeat(N / 2)],
  ['<>×N', '<>'.repeat(N / 2)],
  ['one link with N parameters', `<x>${';a'.repeat(N / 2)}`],
  ['one link with N unterminated quotes', `<x>${';a="'.repeat(N / 4)}`],
  ['escaped quotes in a link parameter', `<x>;a="${'\\"'.repeat(N / 2)}`],
  ['spaced parameters', `<x>${' ; a = '.repeat(N / 7)}`],
  ['N spaces before a parameter name', `<x>;${' '.repeat(N)}a`],
  ['N spaces after a parameter name', `<x>;a${' '.repeat(N)}!`],
  ['N bearer parameters', `Bearer ${'a=b,'.repeat(N / 4)}`],
  ['a long token68', `Basic ${'a'.repeat(N)}=`],
  ['N challenges', 'Basic realm="x", '.repeat(N / 17)],
  ['N links', '</v2/x?n=1>; rel="next", '.repeat(N / 25)],
];

/** Generous: a linear parse of 100 KB takes milliseconds; the bound only catches super-linear blow-ups. */
const LIMIT_MS = 1_500;

function finishes(h: string): void {
  const started = process.cpuUsage();
  wellTyped(both(h));
  expect(cpuMsSince(started), `${h.length} chars`).toBeLessThan(LIMIT_MS);
}

describe('long hostile headers', () => {
  it.each(HOSTILE)('%s', (_label, h) => finishes(h));

  it('random long repetitions of header pieces', () => {
    const hostile = fc
      .tuple(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }), fc.integer({ min: 2_000, max: 20_000 }), fc.constantFrom('', '"', '<', '\\', '='))
      .map(([unit, times, tail]) => unit.join('').repeat(times).slice(0, N) + tail);
    fc.assert(fc.property(hostile, finishes), { numRuns: fuzzRuns(60) });
  }, fuzzTimeout(60_000));
});

/* ---------- well-formed headers round-trip ---------- */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const token = fc.stringMatching(TOKEN).filter((t) => t.length <= 12);
const ows = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
const rws = fc.constantFrom(' ', '  ', '\t', ' \t ');
/**
 * What a header field value can carry (visible ASCII, spaces, tabs and latin-1 obs-text, as HTTP
 * clients decode it), weighted towards the characters quoting exists for: , ; = " \ < >.
 */
const fieldChar = fc.oneof(
  fc.constantFrom(',', ';', '=', '"', '\\', ' ', '\t', '<', '>'),
  fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
);
const text = fc.string({ unit: fieldChar, maxLength: 20 });

/** A quoted-string for `value`; escapes what must be, and sometimes what need not be (a quoted-pair may escape anything). */
const quoted = (value: string) =>
  fc.array(fc.boolean(), { minLength: Array.from(value).length, maxLength: Array.from(value).length }).map((escapeAll) =>
    `"${Array.from(value).map((c, i) => (c === '"' || c === '\\' || escapeAll[i] ? `\\${c}` : c)).join('')}"`,
  );

interface Param {
  name: string;
  value: string;
  wire: string;
}

const param: fc.Arbitrary<Param> = fc.oneof(
  fc.tuple(token, token).map(([name, value]) => ({ name, value, wire: value })),
  fc.tuple(token, text).chain(([name, value]) => quoted(value).map((wire) => ({ name, value, wire }))),
);
/** Names unique whatever their case: the parsers lower-case them, and a repeated name keeps its last value. */
const params = (min: number) => fc.uniqueArray(param, { minLength: min, maxLength: 5, selector: (p) => p.name.toLowerCase() });

const caseMix = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((up) => Array.from(s).map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

interface WireChallenge {
  wire: string;
  parsed: Challenge;
}

const token68 = fc.tuple(fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,20}$/), fc.constantFrom('', '=', '==')).map(([t, pad]) => t + pad);

const challenge: fc.Arbitrary<WireChallenge> = fc.tuple(fc.oneof(fc.constantFrom('Bearer', 'Basic', 'Digest'), token).chain(caseMix), rws).chain(([scheme, sp]) =>
  fc.oneof(
    // scheme only
    fc.constant({ wire: scheme, parsed: { scheme: scheme.toLowerCase(), params: {} } }),
    // scheme token68 (Negotiate-style credentials)
    token68.map((t) => ({ wire: `${scheme}${sp}${t}`, parsed: { scheme: scheme.toLowerCase(), params: {} } })),
    // scheme name=value, name = "value", … with optional whitespace and empty list elements
    fc.tuple(params(1), fc.array(fc.tuple(ows, ows, fc.constantFrom(',', ', ,', ',,')), { minLength: 5, maxLength: 5 })).map(([ps, spaces]) => ({
      wire: scheme + sp + ps.map((p, i) => `${i === 0 ? '' : spaces[i]![2] + spaces[i]![0]}${p.name}${spaces[i]![0]}=${spaces[i]![1]}${p.wire}`).join(''),
      parsed: { scheme: scheme.toLowerCase(), params: Object.fromEntries(ps.map((p) => [p.name.toLowerCase(), p.value])) },
    })),
  ),
);

describe('generated well-formed WWW-Authenticate headers', () => {
  it('parse back to exactly their challenges', () => {
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 4 }), ows, ows, (cs, before, after) => {
        const header = cs.map((c) => c.wire).join(`${before},${after}`);
        tally.add('inputs');
        expect(parseWwwAuthenticate(header)).toEqual(cs.map((c) => c.parsed));
      }),
      { numRuns: fuzzRuns(2000) },
    );
  }, fuzzTimeout(20_000));

  it('a registry challenge with a quoted realm full of commas and quotes, in any parameter order', () => {
    fc.assert(
      fc.property(text, text, text, fc.nat(5), (realm, service, scope, order) => {
        const entries = [['realm', realm], ['service', service], ['scope', scope]] as const;
        const rotated = [...entries.slice(order % 3), ...entries.slice(0, order % 3)];
        const q = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
        const header = `Bearer ${rotated.map(([k, v]) => `${k}=${q(v)}`).join(',')}`;
        tally.add('inputs');
        expect(parseWwwAuthenticate(header)).toEqual([{ scheme: 'bearer', params: { realm, service, scope } }]);
      }),
      { numRuns: fuzzRuns(1000) },
    );
  });
});

const segment = fc.stringMatching(/^[a-z0-9_-]{1,8}(?:\.[a-z0-9]{1,3})?$/);
const query = fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,5}$/), fc.stringMatching(/^[A-Za-z0-9._-]{0,8}$/)), { maxLength: 3 })
  .map((q) => (q.length === 0 ? '' : `?${q.map(([k, v]) => `${k}=${v}`).join('&')}`));
const pathOnly = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), query).map(([s, q]) => `/${s.join('/')}${q}`);
// An xn-- label is punycode that URL must decode: a random one is an invalid host, rightly dropped.
const absolute = fc.tuple(fc.constantFrom('http', 'https'), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}(?:\.[a-z]{2,4})?$/).filter((h) => !h.startsWith('xn--')), fc.integer({ min: 1024, max: 65535 }), pathOnly)
  .map(([scheme, host, port, path]) => `${scheme}://${host}:${port}${path}`);

interface WireLink {
  wire: string;
  url: string;
  params: Record<string, string>;
}

const link: fc.Arbitrary<WireLink> = fc.tuple(fc.oneof(pathOnly, absolute), params(0), fc.array(fc.tuple(ows, ows, ows), { minLength: 5, maxLength: 5 }))
  .map(([target, ps, spaces]) => ({
    wire: `<${target}>${ps.map((p, i) => `${spaces[i]![0]};${spaces[i]![1]}${p.name}${spaces[i]![2]}=${spaces[i]![2]}${p.wire}`).join('')}`,
    url: target.startsWith('/') ? `http://127.0.0.1:5000${target}` : target,
    params: Object.fromEntries(ps.map((p) => [p.name.toLowerCase(), p.value])),
  }));

describe('generated well-formed Link headers', () => {
  it('parse back to exactly their targets and parameters, relative ones resolved against the request', () => {
    fc.assert(
      fc.property(fc.array(link, { minLength: 1, maxLength: 4 }), ows, (ls, sp) => {
        const header = ls.map((l) => l.wire).join(`${sp},${sp}`);
        tally.add('inputs');
        expect(parseLinkHeader(header, BASE)).toEqual(ls.map((l) => ({ url: l.url, params: l.params })));
      }),
      { numRuns: fuzzRuns(2000) },
    );
  }, fuzzTimeout(20_000));

  it('nextLink finds the rel="next" target among others, rel lists included', () => {
    fc.assert(
      fc.property(fc.array(pathOnly, { minLength: 1, maxLength: 4 }), fc.nat(), fc.constantFrom('next', '"next"', '"last next"', '"next prev"'), (targets, pick, rel) => {
        const at = pick % targets.length;
        const header = targets.map((t, i) => `<${t}>; rel=${i === at ? rel : '"prev"'}`).join(', ');
        tally.add('inputs');
        expect(nextLink(header, BASE)).toBe(`http://127.0.0.1:5000${targets[at]}`);
      }),
      { numRuns: fuzzRuns(500) },
    );
  });
});
