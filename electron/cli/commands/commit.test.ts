import { describe, expect, it } from 'vitest';
import { BerthError, type CommitResult } from '../../../shared/index';
import { berth } from '../testing/harness';

const ENGINE = 'unix:///run/docker.sock';
const NEW_ID = 'sha256:3f5a6a0d8a7c4b1e9f2d0c1b2a3948576a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d';

const answers = {
  'containers.commit': async ({ container, reference }: { container: string; reference?: string }): Promise<CommitResult> => {
    if (container === 'nosuch') throw new BerthError('NOT_FOUND', 'No such container: nosuch');
    return { id: NEW_ID, reference: reference ? `docker.io/${reference}` : null };
  },
};

describe('berth commit', () => {
  it('passes author, message, every change and the pause choice, and prints the new ID', async () => {
    const r = await berth(
      ['-H', ENGINE, 'commit', '-a', 'Berth Test <test@berth.invalid>', '-m', 'made by a test', '-c', 'ENV COMMITTED=yes', '--change', 'CMD ["sh"]', '--pause=false', 'made', 'peers/box:committed'],
      answers,
    );
    expect(r).toMatchObject({ code: 0, stdout: `${NEW_ID}\n`, stderr: '' });
    expect(r.core.calls).toEqual([
      {
        method: 'containers.commit',
        input: {
          source: ENGINE,
          container: 'made',
          reference: 'peers/box:committed',
          author: 'Berth Test <test@berth.invalid>',
          message: 'made by a test',
          changes: ['ENV COMMITTED=yes', 'CMD ["sh"]'],
          pause: false,
        },
      },
    ]);
  });

  it('pauses by default, and takes Docker 29\'s --no-pause', async () => {
    const plain = await berth(['-H', ENGINE, 'container', 'commit', 'made'], answers);
    expect(plain.stdout).toBe(`${NEW_ID}\n`);
    expect(plain.core.calls[0]!.input).toEqual({ source: ENGINE, container: 'made', changes: [], pause: true });
    const noPause = await berth(['-H', ENGINE, 'commit', '--no-pause', 'made'], answers);
    expect((noPause.core.calls[0]!.input as { pause: boolean }).pause).toBe(false);
    const both = await berth(['-H', ENGINE, 'commit', '--no-pause', '-p', 'made'], answers);
    expect(both).toMatchObject({ code: 1, stderr: "conflicting options: --no-pause and --pause cannot be used together\nSee 'berth commit --help'.\n" });
    expect(both.core.calls).toEqual([]);
  });

  it("prints the engine's error the way docker does", async () => {
    const r = await berth(['-H', ENGINE, 'commit', 'nosuch'], answers);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nosuch\n' });
  });

  it('checks the reference first, as the docker client does', async () => {
    const upper = await berth(['-H', ENGINE, 'commit', 'made', 'Ubuntu'], answers);
    expect(upper).toMatchObject({ code: 1, stderr: 'invalid reference format: repository name (library/Ubuntu) must be lowercase\n' });
    const digest = await berth(['-H', ENGINE, 'commit', 'made', `peers/box@${NEW_ID}`], answers);
    expect(digest).toMatchObject({ code: 1, stderr: 'refusing to create a tag with a digest reference\n' });
    expect([...upper.core.calls, ...digest.core.calls]).toEqual([]);
  });

  it('needs an engine, and says to use -H', async () => {
    const r = await berth(['commit', 'made'], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"berth commit" needs an engine');
    expect(r.stderr).toContain("'berth -H unix:///var/run/docker.sock commit …'");
    expect(r.core.calls).toEqual([]);
  });

  it('takes one or two arguments', async () => {
    expect((await berth(['-H', ENGINE, 'commit'], answers)).stderr).toBe('"berth commit" requires at least 1 argument.\nSee \'berth commit --help\'.\n');
    expect((await berth(['-H', ENGINE, 'commit', 'a', 'b', 'c'], answers)).stderr).toBe('"berth commit" requires at most 2 arguments.\nSee \'berth commit --help\'.\n');
  });
});
