import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/index';
import { berth } from '../testing/harness';

const answers = {
  'images.tag': async ({ ref, target }: { ref: string; target: string }) => {
    if (ref === 'nosuch') throw new BerthError('NOT_FOUND', 'No such image: nosuch:latest');
    if (target === 'sha256:latest') {
      throw new BerthError('INVALID_ARGUMENT', 'refusing to create an ambiguous tag using digest algorithm as name');
    }
    return { target: `docker.io/library/${target}`, moved: false };
  },
};

describe('berth tag', () => {
  it.each([[['tag']], [['image', 'tag']]])('tags silently (%j)', async (words) => {
    const r = await berth([...words, 'peers/app:1.0', 'foo:2'], answers);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(r.core.calls).toEqual([{ method: 'images.tag', input: { ref: 'peers/app:1.0', target: 'foo:2' } }]);
  });

  it('requires exactly two arguments', async () => {
    const r = await berth(['tag', 'peers/app:1.0'], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('"berth tag" requires exactly 2 arguments.\nSee \'berth tag --help\'.\n');
    expect(r.core.calls).toEqual([]);
  });

  it.each([
    [['peers/app:1.0', 'BAD'], 'error parsing reference: "BAD" is not a valid repository/tag: invalid reference format: repository name (library/BAD) must be lowercase'],
    [['Bad:x', 'foo'], 'error parsing reference: "Bad:x" is not a valid repository/tag: invalid reference format: repository name (library/Bad) must be lowercase'],
    [['peers/app:1.0', `foo@sha256:${'e4'.repeat(32)}`], 'refusing to create a tag with a digest reference'],
  ])('refuses %j before asking the core, as Docker\'s client does', async (args, message) => {
    const r = await berth(['tag', ...args], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.core.calls).toEqual([]);
  });

  it.each([
    [['nosuch', 'foo'], 'Error response from daemon: No such image: nosuch:latest'],
    [['peers/app:1.0', 'sha256:latest'], 'Error response from daemon: refusing to create an ambiguous tag using digest algorithm as name'],
  ])('prints what the core refuses as the daemon\'s answer (%j)', async (args, message) => {
    const r = await berth(['tag', ...args], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${message}\n`);
  });
});
