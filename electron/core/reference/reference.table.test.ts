import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import {
  familiarName,
  familiarString,
  formatReference,
  isDigest,
  isDigestReference,
  isFullIdentifier,
  parseAnyReference,
  parseDockerRef,
  parseNormalizedNamed,
  parseReference,
  repositoryName,
  validateTagName,
  withDefaultTag,
  type Reference,
} from './index';

const HEX = '0123456789abcdef'.repeat(4);
const DIGEST = `sha256:${HEX}`;
const DIGEST_512 = `sha512:${'e'.repeat(128)}`;
const DIGEST_384 = `sha384:${'d'.repeat(96)}`;

type Ok = { full: string; familiar: string; domain: string; tag: string | null; digest: string | null };
type Fail = { error: string };
interface Row {
  label: string;
  input: string;
  expect: Ok | Fail;
}

const ok = (full: string, familiar: string, domain: string, tag: string | null = null, digest: string | null = null): Ok => ({
  full,
  familiar,
  domain,
  tag,
  digest,
});
const fail = (error: string): Fail => ({ error });
const row = (input: string, expect: Ok | Fail, label = JSON.stringify(input)): Row => ({ label, input, expect });

const INVALID = 'invalid reference format';
const LOWER = 'repository name must be lowercase';
const TOO_LONG = 'repository name must not be more than 255 characters';
const mustBeLower = (remote: string) => `invalid reference format: repository name (${remote}) must be lowercase`;

/** ParseNormalizedNamed: what people type. */
const NORMALIZED: Row[] = [
  // Docker Hub names and the library/ namespace
  row('ubuntu', ok('docker.io/library/ubuntu', 'ubuntu', 'docker.io')),
  row('ubuntu:14.04', ok('docker.io/library/ubuntu:14.04', 'ubuntu:14.04', 'docker.io', '14.04')),
  row('user/app', ok('docker.io/user/app', 'user/app', 'docker.io')),
  row('user/app:v1.2-rc_3', ok('docker.io/user/app:v1.2-rc_3', 'user/app:v1.2-rc_3', 'docker.io', 'v1.2-rc_3')),
  row('library/ubuntu', ok('docker.io/library/ubuntu', 'ubuntu', 'docker.io')),
  row('docker.io/ubuntu', ok('docker.io/library/ubuntu', 'ubuntu', 'docker.io')),
  row('docker.io/library/ubuntu:latest', ok('docker.io/library/ubuntu:latest', 'ubuntu:latest', 'docker.io', 'latest')),
  row('index.docker.io/ubuntu', ok('docker.io/library/ubuntu', 'ubuntu', 'docker.io')),
  row('index.docker.io/user/app:1', ok('docker.io/user/app:1', 'user/app:1', 'docker.io', '1')),
  row('docker.io/library/a/b', ok('docker.io/library/a/b', 'library/a/b', 'docker.io')),
  row('library/a/b', ok('docker.io/library/a/b', 'library/a/b', 'docker.io')),
  row('a/b/c/d/e', ok('docker.io/a/b/c/d/e', 'a/b/c/d/e', 'docker.io')),
  // single elements are Hub repositories, whatever they look like
  row('foo:5000', ok('docker.io/library/foo:5000', 'foo:5000', 'docker.io', '5000')),
  row('localhost', ok('docker.io/library/localhost', 'localhost', 'docker.io')),
  row('localhost:5000', ok('docker.io/library/localhost:5000', 'localhost:5000', 'docker.io', '5000')),
  row('example.com', ok('docker.io/library/example.com', 'example.com', 'docker.io')),
  row('192.168.1.1', ok('docker.io/library/192.168.1.1', '192.168.1.1', 'docker.io')),
  row('abc123', ok('docker.io/library/abc123', 'abc123', 'docker.io')),
  // registries: hosts, ports, localhost
  row('foo:5000/bar', ok('foo:5000/bar', 'foo:5000/bar', 'foo:5000')),
  row('localhost/x', ok('localhost/x', 'localhost/x', 'localhost')),
  row('localhost:5000/x', ok('localhost:5000/x', 'localhost:5000/x', 'localhost:5000')),
  row('localhost:5000/x/y:tag', ok('localhost:5000/x/y:tag', 'localhost:5000/x/y:tag', 'localhost:5000', 'tag')),
  row('example.com/app', ok('example.com/app', 'example.com/app', 'example.com')),
  row('registry.example.com:443/team/app:1.0', ok('registry.example.com:443/team/app:1.0', 'registry.example.com:443/team/app:1.0', 'registry.example.com:443', '1.0')),
  row('127.0.0.1:5000/app', ok('127.0.0.1:5000/app', '127.0.0.1:5000/app', '127.0.0.1:5000')),
  row('xn--n3h.com/myimage:xn--n3h.com', ok('xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com', 'xn--n3h.com')),
  row('sub-dom1.foo.com/bar/baz/quux', ok('sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com')),
  row('foo-.com/x', fail(INVALID)),
  row('foo:bar/x', fail(INVALID)),
  row('foo:5000:6000/x', fail(INVALID)),
  row('https://github.com/docker/docker', fail(INVALID)),
  // IPv6: bracketed only, no zones, no embedded IPv4
  row('[fc00::1]:5000/x', ok('[fc00::1]:5000/x', '[fc00::1]:5000/x', '[fc00::1]:5000')),
  row('[2001:db8::1]/repo:tag', ok('[2001:db8::1]/repo:tag', '[2001:db8::1]/repo:tag', '[2001:db8::1]', 'tag')),
  row('[::1]/x', ok('[::1]/x', '[::1]/x', '[::1]')),
  row('[FC00::1]:5000/x', ok('[FC00::1]:5000/x', '[FC00::1]:5000/x', '[FC00::1]:5000')),
  row(`[2001:db8::1]:5000/repo:tag@${DIGEST}`, ok(`[2001:db8::1]:5000/repo:tag@${DIGEST}`, `[2001:db8::1]:5000/repo:tag@${DIGEST}`, '[2001:db8::1]:5000', 'tag', DIGEST), 'IPv6 with port, tag and digest'),
  row('fc00::1:5000/x', fail(INVALID)),
  row('[fe80::1%eth0]:5000/x', fail(INVALID)),
  row('[::ffff:1.2.3.4]:5000/x', fail(INVALID)),
  row('[fc00::1]', fail(INVALID)),
  row('[fc00::1]:5000', fail(INVALID)),
  row('[]:5000/x', fail(INVALID)),
  row('[0]/a', fail(INVALID), 'bracketed host without a colon is not seen as a host'),
  // upper case: only the path must be lowercase
  row('Docker/docker', ok('Docker/docker', 'Docker/docker', 'Docker')),
  row('EXAMPLE.COM/app', ok('EXAMPLE.COM/app', 'EXAMPLE.COM/app', 'EXAMPLE.COM')),
  row('Foo:5000/bar', ok('Foo:5000/bar', 'Foo:5000/bar', 'Foo:5000')),
  row('ubuntu:LATEST', ok('docker.io/library/ubuntu:LATEST', 'ubuntu:LATEST', 'docker.io', 'LATEST')),
  row('Ubuntu', fail(mustBeLower('library/Ubuntu'))),
  row('user/App', fail(mustBeLower('user/App'))),
  row('a/B/c:tag', fail(mustBeLower('a/B/c'))),
  row('localhost:5000/App:tag', fail(mustBeLower('App'))),
  row('docker.io/Ubuntu', fail(mustBeLower('library/Ubuntu'))),
  row('İmage', fail(mustBeLower('library/İmage'))),
  row(`ubuntu@SHA256:${HEX}`, fail(mustBeLower('library/ubuntu@SHA256')), 'uppercase digest algorithm'),
  row('FOO_BAR/baz', fail(LOWER)),
  // 64-hex names
  row(HEX, fail(`invalid repository name (${HEX}), cannot specify 64-byte hexadecimal strings`), '64-hex name'),
  row(`${HEX}:latest`, ok(`docker.io/library/${HEX}:latest`, `${HEX}:latest`, 'docker.io', 'latest'), '64-hex name with a tag'),
  row(`library/${HEX}`, ok(`docker.io/library/${HEX}`, HEX, 'docker.io'), '64-hex name under library/'),
  row(`docker.io/${HEX}`, ok(`docker.io/library/${HEX}`, HEX, 'docker.io'), '64-hex name under docker.io/'),
  // the 255-character limit counts the path only
  row(`a/${'b'.repeat(253)}`, ok(`docker.io/a/${'b'.repeat(253)}`, `a/${'b'.repeat(253)}`, 'docker.io'), 'path of 255'),
  row(`a/${'b'.repeat(254)}`, fail(TOO_LONG), 'path of 256'),
  row('a'.repeat(247), ok(`docker.io/library/${'a'.repeat(247)}`, 'a'.repeat(247), 'docker.io'), 'library/ + 247 = 255'),
  row('a'.repeat(248), fail(TOO_LONG), 'library/ + 248 = 256'),
  row(`example.com/${'a'.repeat(255)}:tag`, ok(`example.com/${'a'.repeat(255)}:tag`, `example.com/${'a'.repeat(255)}:tag`, 'example.com', 'tag'), 'domain not counted'),
  row(`example.com/${'a'.repeat(256)}`, fail(TOO_LONG), 'path of 256 behind a domain'),
  // separators
  row('a.b', ok('docker.io/library/a.b', 'a.b', 'docker.io')),
  row('a_b', ok('docker.io/library/a_b', 'a_b', 'docker.io')),
  row('a__b', ok('docker.io/library/a__b', 'a__b', 'docker.io')),
  row('a--b', ok('docker.io/library/a--b', 'a--b', 'docker.io')),
  row('a-----b', ok('docker.io/library/a-----b', 'a-----b', 'docker.io')),
  row('dock__er/do-c.k_er', ok('docker.io/dock__er/do-c.k_er', 'dock__er/do-c.k_er', 'docker.io')),
  row('a___b', fail(INVALID)),
  row('a..b', fail(INVALID)),
  row('a._b', fail(INVALID)),
  row('a_-b', fail(INVALID)),
  row('a-.b', fail(INVALID)),
  row('-a', fail(INVALID)),
  row('a-', fail(INVALID)),
  row('_a', fail(INVALID)),
  row('a_', fail(INVALID)),
  row('.a', fail(INVALID)),
  row('a.', fail(INVALID)),
  row('-docker/docker', fail(INVALID)),
  row('docker-/docker', fail(INVALID)),
  row('____/____', fail(INVALID)),
  row('a//b', fail(INVALID)),
  row('a/', fail(INVALID)),
  row('/a', fail(INVALID)),
  // a host-looking first element that is no valid host stays in the path
  row('a_b.c/d', ok('a_b.c/d', 'a_b.c/d', '')),
  row('docker.io/foo.com/bar', ok('docker.io/foo.com/bar', 'foo.com/bar', 'docker.io')),
  // empty and stray characters
  row('', fail(INVALID)),
  row(':tag', fail(INVALID)),
  row(`@${DIGEST}`, fail(INVALID), 'digest only'),
  row('ubuntu:', fail(INVALID)),
  row('ubuntu@', fail(INVALID)),
  row('ubuntu\n', fail(INVALID)),
  row(' ubuntu', fail(INVALID)),
  row('ubuntu:tag:more', fail(INVALID)),
  row('aa/asdf$$^/aa', fail(INVALID)),
  // tags
  row('ubuntu:_tag', ok('docker.io/library/ubuntu:_tag', 'ubuntu:_tag', 'docker.io', '_tag')),
  row('ubuntu:-tag', fail(INVALID)),
  row('ubuntu:.tag', fail(INVALID)),
  row(`ubuntu:${'t'.repeat(128)}`, ok(`docker.io/library/ubuntu:${'t'.repeat(128)}`, `ubuntu:${'t'.repeat(128)}`, 'docker.io', 't'.repeat(128)), 'tag of 128'),
  row(`ubuntu:${'t'.repeat(129)}`, fail(INVALID), 'tag of 129'),
  // digests, alone and with a tag
  row(`ubuntu@${DIGEST}`, ok(`docker.io/library/ubuntu@${DIGEST}`, `ubuntu@${DIGEST}`, 'docker.io', null, DIGEST), 'digest'),
  row(`ubuntu:14.04@${DIGEST}`, ok(`docker.io/library/ubuntu:14.04@${DIGEST}`, `ubuntu:14.04@${DIGEST}`, 'docker.io', '14.04', DIGEST), 'tag and digest'),
  row(`ubuntu@${DIGEST_512}`, ok(`docker.io/library/ubuntu@${DIGEST_512}`, `ubuntu@${DIGEST_512}`, 'docker.io', null, DIGEST_512), 'sha512'),
  row(`ubuntu@${DIGEST_384}`, ok(`docker.io/library/ubuntu@${DIGEST_384}`, `ubuntu@${DIGEST_384}`, 'docker.io', null, DIGEST_384), 'sha384'),
  row(`ubuntu@sha256:${'f'.repeat(63)}`, fail('invalid checksum digest length'), 'sha256 of 63 hex'),
  row(`ubuntu@sha256:${'f'.repeat(65)}`, fail('invalid checksum digest length'), 'sha256 of 65 hex'),
  row(`ubuntu@sha512:${'f'.repeat(64)}`, fail('invalid checksum digest length'), 'sha512 of 64 hex'),
  row(`ubuntu@sha256:${'F'.repeat(64)}`, fail('invalid checksum digest format'), 'uppercase hex'),
  row(`ubuntu@md5:${'f'.repeat(32)}`, fail('unsupported digest algorithm'), 'md5'),
  row(`ubuntu@sha+b64:${'f'.repeat(32)}`, fail('unsupported digest algorithm'), 'compound algorithm'),
  row(`ubuntu@sha256:${'f'.repeat(31)}`, fail(INVALID), 'digest under 32 hex'),
  row(`ubuntu@256:${'f'.repeat(64)}`, fail(INVALID), 'algorithm starting with a digit'),
  row(`ubuntu@sha256:${HEX}@${DIGEST}`, fail(INVALID), 'two digests'),
];

/** Parse: a full reference as stored, no normalization. */
const FULL: Row[] = [
  row('docker.io/library/ubuntu:14.04', ok('docker.io/library/ubuntu:14.04', 'ubuntu:14.04', 'docker.io', '14.04')),
  row('ubuntu', ok('ubuntu', 'ubuntu', '')),
  row('foo/bar', ok('foo/bar', 'foo/bar', 'foo')),
  row('a_b/c', ok('a_b/c', 'a_b/c', '')),
  row('[0]/a', ok('[0]/a', '[0]/a', '[0]')),
  row(HEX, ok(HEX, HEX, ''), '64-hex name is not refused here'),
  row('docker.io/foo', ok('docker.io/foo', 'foo', 'docker.io')),
  row('', fail('repository name must have at least one component')),
  row(':justtag', fail(INVALID)),
  row('Uppercase:tag', fail(LOWER)),
  row('test:5000/Uppercase/lowercase:tag', fail(LOWER)),
  row('İmage', fail(LOWER), 'dotted capital I lowers to a plain i, as in Go'),
  row('\u212Aey', fail(LOWER), 'Kelvin sign lowers to k'),
  row('Ü/x', fail(INVALID)),
  row(`domain/${'a'.repeat(256)}:tag`, fail(TOO_LONG), 'path of 256'),
  row(`${'a/'.repeat(127)}a:tag-puts-this-over-max`, ok(`${'a/'.repeat(127)}a:tag-puts-this-over-max`, `${'a/'.repeat(127)}a:tag-puts-this-over-max`, 'a', 'tag-puts-this-over-max'), 'domain + path over 255'),
  row(`repo@sha256:${'f'.repeat(34)}`, fail('invalid checksum digest length'), 'short digest'),
];

function check(parse: (s: string) => Reference, r: Row): void {
  if ('error' in r.expect) {
    const { error } = r.expect;
    expect(() => parse(r.input)).toThrow(BerthError);
    try {
      parse(r.input);
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_REFERENCE', message: error });
    }
    return;
  }
  const ref = parse(r.input);
  expect(formatReference(ref)).toBe(r.expect.full);
  expect(familiarString(ref)).toBe(r.expect.familiar);
  expect(ref.domain).toBe(r.expect.domain);
  expect(ref.tag).toBe(r.expect.tag);
  expect(ref.digest).toBe(r.expect.digest);
}

describe('parseNormalizedNamed table', () => {
  it.each(NORMALIZED.map((r) => [r.label, r] as const))('%s', (_label, r) => check(parseNormalizedNamed, r));
});

describe('parseReference table', () => {
  it.each(FULL.map((r) => [r.label, r] as const))('%s', (_label, r) => check(parseReference, r));
});

describe('parseAnyReference', () => {
  it('turns a 64-hex ID into a sha256 digest', () => {
    expect(parseAnyReference(HEX)).toEqual({ digest: DIGEST });
  });
  it('keeps a valid algo:hex as a digest', () => {
    expect(parseAnyReference(DIGEST_512)).toEqual({ digest: DIGEST_512 });
  });
  it('reads an invalid digest as a name with a tag', () => {
    const ref = parseAnyReference('sha256:abc');
    expect(isDigestReference(ref)).toBe(false);
    expect(formatReference(ref as Reference)).toBe('docker.io/library/sha256:abc');
  });
  it('reads a short hex as a Hub repository', () => {
    expect(parseAnyReference('abc123')).toEqual({ domain: 'docker.io', path: 'library/abc123', tag: null, digest: null });
  });
  it('passes name errors through', () => {
    expect(() => parseAnyReference('Ubuntu')).toThrow(mustBeLower('library/Ubuntu'));
  });
});

describe('parseDockerRef and withDefaultTag', () => {
  it('adds latest to a bare name', () => {
    expect(formatReference(parseDockerRef('ubuntu'))).toBe('docker.io/library/ubuntu:latest');
  });
  it('keeps an explicit tag', () => {
    expect(formatReference(parseDockerRef('user/app:1'))).toBe('docker.io/user/app:1');
  });
  it('drops the tag when a digest is present', () => {
    expect(formatReference(parseDockerRef(`ubuntu:14.04@${DIGEST}`))).toBe(`docker.io/library/ubuntu@${DIGEST}`);
  });
  it('adds no tag to a digest reference', () => {
    expect(parseDockerRef(`ubuntu@${DIGEST}`).tag).toBeNull();
  });
  it('withDefaultTag leaves tagged and digested references alone', () => {
    const digested = parseNormalizedNamed(`ubuntu@${DIGEST}`);
    const tagged = parseNormalizedNamed('ubuntu:1');
    expect(withDefaultTag(digested)).toEqual(digested);
    expect(withDefaultTag(tagged)).toEqual(tagged);
    expect(withDefaultTag(parseNormalizedNamed('ubuntu')).tag).toBe('latest');
  });
});

describe('names and small predicates', () => {
  it('repositoryName and familiarName', () => {
    const ref = parseNormalizedNamed('ubuntu:14.04');
    expect(repositoryName(ref)).toBe('docker.io/library/ubuntu');
    expect(familiarName(ref)).toBe('ubuntu');
    expect(familiarName(parseNormalizedNamed('localhost:5000/x:1'))).toBe('localhost:5000/x');
    expect(familiarName(parseNormalizedNamed('user/app'))).toBe('user/app');
  });
  it.each(['v1', '_', 'A.b-C_9', 'x'.repeat(128)])('validateTagName accepts %s', (tag) => {
    expect(() => validateTagName(tag)).not.toThrow();
  });
  it.each(['', '-x', '.x', 'x'.repeat(129), 'a/b', 'a:b', 'ü'])('validateTagName refuses %j', (tag) => {
    expect(() => validateTagName(tag)).toThrow(new BerthError('INVALID_REFERENCE', 'invalid tag format'));
  });
  it('isFullIdentifier wants exactly 64 lowercase hex', () => {
    expect(isFullIdentifier(HEX)).toBe(true);
    expect(isFullIdentifier(HEX.toUpperCase())).toBe(false);
    expect(isFullIdentifier(HEX.slice(1))).toBe(false);
    expect(isFullIdentifier(`${HEX}0`)).toBe(false);
    expect(isFullIdentifier(`${HEX.slice(1)}g`)).toBe(false);
  });
  it('isDigest follows go-digest', () => {
    expect(isDigest(DIGEST)).toBe(true);
    expect(isDigest(DIGEST_384)).toBe(true);
    expect(isDigest(HEX)).toBe(false);
    expect(isDigest(`sha256:${HEX.toUpperCase()}`)).toBe(false);
    expect(isDigest(`md5:${'f'.repeat(32)}`)).toBe(false);
    expect(isDigest('sha256:')).toBe(false);
    expect(isDigest(`:${HEX}`)).toBe(false);
  });
});
