import { describe, expect, it } from 'vitest';
import { checkLinkName, digestHexIn, entryPath, linkTarget } from './entry-path';

describe('archive entry names', () => {
  it('normalizes harmless spellings', () => {
    expect(entryPath('./manifest.json')).toBe('manifest.json');
    expect(entryPath('blobs//sha256/./ab/')).toBe('blobs/sha256/ab');
    expect(entryPath('./')).toBe('');
  });

  it('refuses traversal, absolute names and NUL bytes', () => {
    expect(() => entryPath('../x')).toThrow('path traversal in "../x"');
    expect(() => entryPath('a/../../x')).toThrow('path traversal');
    expect(() => entryPath('a/../b')).toThrow('path traversal'); // even when it would stay inside: no archive needs it
    expect(() => entryPath('/etc/passwd')).toThrow('absolute path "/etc/passwd"');
    expect(() => entryPath('a\0b')).toThrow('NUL byte');
  });

  it('resolves links inside the archive and refuses the rest', () => {
    expect(linkTarget('id/layer.tar', '../other/layer.tar', 'symlink')).toBe('other/layer.tar');
    expect(linkTarget('a/b', 'c', 'link')).toBe('c');
    expect(() => linkTarget('id/layer.tar', '../../etc/shadow', 'symlink')).toThrow('symlink id/layer.tar points outside the archive');
    expect(() => linkTarget('x', '/etc/shadow', 'symlink')).toThrow('points outside the archive');
    expect(() => linkTarget('x', '..', 'link')).toThrow('points outside the archive');
    expect(() => linkTarget('a/x', '..', 'symlink')).toThrow('points at the archive root');
  });

  it('allows no link in place of a control file', () => {
    for (const name of ['manifest.json', 'index.json', 'oci-layout', 'repositories']) expect(() => checkLinkName(name)).toThrow(`${name} is a link`);
    expect(() => checkLinkName('abc/layer.tar')).not.toThrow();
  });

  it('finds the digest a path names', () => {
    const hex = 'a'.repeat(64);
    expect(digestHexIn(`blobs/sha256/${hex}`)).toBe(hex);
    expect(digestHexIn(`${hex}/layer.tar`)).toBe(hex);
    expect(digestHexIn(`${hex}.json`)).toBe(hex);
    expect(digestHexIn('manifest.json')).toBeUndefined();
  });
});
