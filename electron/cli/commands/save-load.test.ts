import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../main';

/** Runs berth with stdout/stdin that claim to be terminals, as a user at a prompt would. */
async function atTerminal(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(Readable.from([]), { isTTY: true });
  const code = await main(argv, { stdout: { write: (s: string) => (stdout += s), isTTY: true }, stderr: { write: (s: string) => (stderr += s) }, stdin, env: { BERTH_STORE: '/nonexistent/berth-test-store' } }, async () => {
    throw new Error('the core must not be opened');
  });
  return { code, stderr, stdout };
}

describe('berth save / load / import at a terminal', () => {
  it('refuses to write a tar to a terminal', async () => {
    expect(await atTerminal(['save', 'busybox'])).toEqual({ code: 1, stdout: '', stderr: 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n' });
  });

  it('refuses to read a tar from a terminal', async () => {
    expect(await atTerminal(['load'])).toEqual({ code: 1, stdout: '', stderr: 'requested load from stdin, but stdin is empty\n' });
  });

  it('checks the format and the arguments first', async () => {
    expect((await atTerminal(['save', '--format', 'zip', '-o', 'x.tar', 'busybox'])).stderr).toBe('invalid --format "zip": expected "docker" or "oci"\n');
    expect((await atTerminal(['save'])).stderr).toBe('"berth save" requires at least 1 argument.\nSee \'berth save --help\'.\n');
    expect((await atTerminal(['import'])).stderr).toBe('"berth import" requires at least 1 argument.\nSee \'berth import --help\'.\n');
    expect((await atTerminal(['import', 'http://example.com/x.tar'])).stderr).toMatch(/^importing from a URL is not supported/);
    expect((await atTerminal(['import', 'x.tar', 'Ubuntu'])).stderr).toBe('invalid reference format: repository name (library/Ubuntu) must be lowercase\n');
  });
});
