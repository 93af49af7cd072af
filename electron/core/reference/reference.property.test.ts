import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../../../shared/errors';
import {
  familiarName,
  familiarString,
  formatReference,
  parseDockerRef,
  parseNormalizedNamed,
  parseReference,
  type Reference,
} from './index';

/*
 * An independent model of upstream for differential testing: the grammar
 * written as the regexps distribution/reference uses, plus go-digest's checks.
 * These regexps backtrack badly on long input, which is exactly why the code
 * under test does not use them; here inputs stay short.
 */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^((?:${DOMAIN}/)?${REMOTE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_RE = new RegExp(`^(?:(${DOMAIN})/)?(${REMOTE_NAME})$`);
const GO_DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const HEX_SIZES: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

type Outcome = { ok: Reference } | { error: string };

function modelDigestError(d: string): string | null {
  const i = d.indexOf(':');
  if (i <= 0 || i === d.length - 1) return 'invalid checksum digest format';
  const size = HEX_SIZES[d.slice(0, i)];
  if (size === undefined) return GO_DIGEST_RE.test(d) ? 'unsupported digest algorithm' : 'invalid checksum digest format';
  const encoded = d.slice(i + 1);
  if (encoded.length !== size) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(encoded) ? null : 'invalid checksum digest format';
}

const goLower = (s: string) => s.replace(/\u0130/g, 'i').toLowerCase();

function modelParse(s: string): Outcome {
  if (s === '') return { error: 'repository name must have at least one component' };
  const m = REFERENCE_RE.exec(s);
  if (!m) {
    const lower = goLower(s);
    return { error: lower !== s && REFERENCE_RE.test(lower) ? 'repository name must be lowercase' : 'invalid reference format' };
  }
  const n = NAME_RE.exec(m[1]!)!;
  const ref: Reference = { domain: n[1] ?? '', path: n[2]!, tag: m[2] ?? null, digest: m[3] ?? null };
  if (ref.path.length > 255) return { error: 'repository name must not be more than 255 characters' };
  const digestError = ref.digest === null ? null : modelDigestError(ref.digest);
  return digestError === null ? { ok: ref } : { error: digestError };
}

function modelNormalized(s: string): Outcome {
  if (/^[a-f0-9]{64}$/.test(s)) return { error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  let domain = 'docker.io';
  let remainder = s;
  const slash = s.indexOf('/');
  if (slash === -1) remainder = `library/${s}`;
  else {
    const first = s.slice(0, slash);
    if (first === 'index.docker.io') remainder = s.slice(slash + 1);
    else if (first === 'localhost' || /[.:]/.test(first) || goLower(first) !== first) {
      domain = first;
      remainder = s.slice(slash + 1);
    }
    if (domain === 'docker.io' && !remainder.includes('/')) remainder = `library/${remainder}`;
  }
  const remote = remainder.split(':')[0]!;
  if (goLower(remote) !== remote) return { error: `invalid reference format: repository name (${remote}) must be lowercase` };
  return modelParse(`${domain}/${remainder}`);
}

function outcome(parse: (s: string) => Reference, s: string): Outcome {
  try {
    return { ok: parse(s) };
  } catch (e) {
    if (!isBerthError(e) || e.code !== 'INVALID_REFERENCE') throw e;
    return { error: e.message };
  }
}

/* ---------- generators ---------- */

const HEX64 = 'ab'.repeat(32);
const TOKENS = [
  'a', 'b', 'z', '0', '9', 'A', 'Z', '.', '_', '__', '-', '--', '/', ':', '@', '[', ']', '::1',
  'localhost', 'docker.io', 'index.docker.io', 'library', 'example.com', '5000', 'latest',
  `sha256:${HEX64}`, `sha512:${HEX64}${HEX64}`, 'md5:0123456789abcdef0123456789abcdef', HEX64, 'İ', 'é', ' ',
];
/** Short strings built from the grammar's own pieces, so most land near the valid/invalid border. */
const nearlyReference = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((t) => t.join(''));
const charSoup = fc.string({ unit: fc.constantFrom(...'ab0AZ._-/:@[]fİ'.split('')), maxLength: 40 });

const pathComponent = fc.stringMatching(/^[a-z0-9]{1,6}(?:(?:[._]|__|-{1,3})[a-z0-9]{1,6}){0,3}$/);
const path = fc.array(pathComponent, { minLength: 1, maxLength: 4 }).map((c) => c.join('/'));
const domainComponent = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?$/);
const hostName = fc.array(domainComponent, { minLength: 1, maxLength: 4 }).map((c) => c.join('.'));
/** Real IPv6 literals hold a ':'; normalization relies on it to see a host ('[0]/a' is a Hub path). */
const ipv6 = fc.stringMatching(/^\[[a-fA-F0-9]{0,4}(?::[a-fA-F0-9]{0,4}){1,7}\]$/);
const port = fc.option(fc.integer({ min: 0, max: 65535 }).map((p) => `:${p}`), { nil: '' });
const domain = fc.tuple(fc.oneof(hostName, ipv6, fc.constant('localhost')), port).map(([h, p]) => h + p);
const tag = fc.option(fc.stringMatching(/^\w[\w.-]{0,30}$/), { nil: null });
const digest = fc.option(
  fc.oneof(
    fc.stringMatching(/^[a-f0-9]{64}$/).map((h) => `sha256:${h}`),
    fc.stringMatching(/^[a-f0-9]{128}$/).map((h) => `sha512:${h}`),
  ),
  { nil: null },
);
const fullReference = fc.record({ domain, path, tag, digest });

/** What people type: optional registry (sometimes Hub's own names), a path, tag and digest. */
const hubNamespace = fc.constantFrom('', 'docker.io/', 'index.docker.io/', 'library/', 'docker.io/library/');
const familiarInput = fc
  .tuple(fc.oneof(hubNamespace, domain.map((d) => `${d}/`)), path, tag, digest)
  .map(([prefix, p, t, d]) => prefix + p + (t === null ? '' : `:${t}`) + (d === null ? '' : `@${d}`));

/** A valid reference with a few single-token edits: lands right on the grammar's edges. */
const EDIT_TOKENS = ['a', 'A', '0', '.', '_', '-', '/', ':', '@', '[', ']', 'f', 'İ', 'localhost/', 'docker.io/', ''];
const edit = fc.record({ at: fc.nat(), cut: fc.integer({ min: 0, max: 2 }), insert: fc.constantFrom(...EDIT_TOKENS) });
const mutated = fc
  .tuple(fc.oneof(fullReference.map(formatReference), familiarInput), fc.array(edit, { minLength: 1, maxLength: 3 }))
  .map(([text, edits]) =>
    edits.reduce((t, e) => {
      const at = e.at % (t.length + 1);
      return t.slice(0, at) + e.insert + t.slice(at + e.cut);
    }, text),
  );

const RUNS = { numRuns: 1500 };

/* ---------- properties ---------- */

describe('agrees with a regexp model of upstream', () => {
  it('parseReference on grammar-shaped strings', () => {
    fc.assert(fc.property(fc.oneof(nearlyReference, charSoup, mutated), (s) => {
      expect(outcome(parseReference, s)).toEqual(modelParse(s));
    }), { numRuns: 4000 });
  });

  it('parseNormalizedNamed on grammar-shaped strings', () => {
    fc.assert(fc.property(fc.oneof(nearlyReference, charSoup, familiarInput, mutated), (s) => {
      expect(outcome(parseNormalizedNamed, s)).toEqual(modelNormalized(s));
    }), { numRuns: 4000 });
  });

  it('the model itself tells valid from invalid (guards the differential test)', () => {
    expect(modelParse('docker.io/library/ubuntu:1')).toEqual({ ok: { domain: 'docker.io', path: 'library/ubuntu', tag: '1', digest: null } });
    expect(modelParse('a___b')).toEqual({ error: 'invalid reference format' });
    expect(modelNormalized('Ubuntu')).toEqual({ error: 'invalid reference format: repository name (library/Ubuntu) must be lowercase' });
  });
});

describe('generated references', () => {
  it('valid full references always parse, to exactly their parts', () => {
    fc.assert(fc.property(fullReference, (ref) => {
      const text = formatReference(ref);
      expect(parseReference(text)).toEqual(ref);
    }), RUNS);
  });

  it('normalize → format → parse round-trips, and normalizing is idempotent', () => {
    fc.assert(fc.property(familiarInput, (input) => {
      const ref = parseNormalizedNamed(input);
      const full = formatReference(ref);
      expect(parseReference(full)).toEqual(ref);
      expect(parseNormalizedNamed(full)).toEqual(ref);
    }), RUNS);
  });

  it('familiarString re-parses to the same full reference', () => {
    fc.assert(fc.property(familiarInput, (input) => {
      const ref = parseNormalizedNamed(input);
      const familiar = familiarString(ref);
      if (/^[a-f0-9]{64}$/.test(familiar)) {
        // Docker's own blind spot: the familiar form of library/<64 hex> is refused as an ID.
        expect(() => parseNormalizedNamed(familiar)).toThrow('cannot specify 64-byte hexadecimal strings');
        return;
      }
      const reparsed = parseNormalizedNamed(familiar);
      if (hubPathLooksLikeHost(ref, familiarName(ref))) {
        // Another upstream quirk: docker.io/foo.com/bar prints as foo.com/bar, which reads as a host.
        expect(reparsed.domain).not.toBe(ref.domain);
        return;
      }
      expect(reparsed).toEqual(ref);
    }), RUNS);
  });

  it('parseDockerRef always yields a tag or a digest, never both, and keeps the digest', () => {
    fc.assert(fc.property(familiarInput, (input) => {
      const named = parseNormalizedNamed(input);
      const ref = parseDockerRef(input);
      expect((ref.tag === null) !== (ref.digest === null)).toBe(true);
      expect(ref.digest).toBe(named.digest);
      expect(ref.tag).toBe(named.digest === null ? (named.tag ?? 'latest') : null);
    }), RUNS);
  });
});

function hubPathLooksLikeHost(ref: Reference, familiar: string): boolean {
  if (ref.domain !== 'docker.io') return false;
  const slash = familiar.indexOf('/');
  if (slash === -1) return false;
  const first = familiar.slice(0, slash);
  return first === 'localhost' || first.includes('.');
}
