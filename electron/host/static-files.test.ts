import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticPath } from './static-files';

const root = path.resolve('/srv/renderer');

describe('resolveStaticPath', () => {
  it('maps / to index.html and plain paths under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/?token=abc')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-1a2b.js')).toBe(path.join(root, 'assets', 'index-1a2b.js'));
    expect(resolveStaticPath(root, '/assets/a%20b.css#x')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    '/..',
    '/../etc/passwd',
    '/a/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2e%2Fetc%2Fpasswd',
    '/a%2f..%2f..%2fetc',
    '/a%5c..%5c..%5cetc',
    '/.env',
    '/%00',
    '/%zz',
    'etc/passwd',
    'http://x/etc/passwd',
    '',
  ])('refuses %j', (target) => {
    expect(resolveStaticPath(root, target)).toBeNull();
  });

  it('keeps a double-encoded dot segment literal (it names a file, it does not climb)', () => {
    expect(resolveStaticPath(root, '/%252e%252e/x')).toBe(path.join(root, '%2e%2e', 'x'));
  });
});

describe('contentTypeFor', () => {
  it('knows the build output types and falls back to octet-stream', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('x.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
  });
});
