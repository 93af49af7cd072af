import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/index';
import { berth } from '../testing/harness';
import { PASSWORD_FLAG_WARNING, unencryptedWarning } from './login';

const SECRET = 's3cr3t-not-to-be-printed';

const ok = (plainTextPath: string | null = '/home/u/.docker/config.json', serverAddress = '127.0.0.1:5000') => ({
  'registry.login': async (input: { username: string }) => ({
    status: 'Login Succeeded' as const,
    serverAddress,
    username: input.username,
    plainTextPath,
    helper: plainTextPath ? null : 'pass',
  }),
});

describe('berth login', () => {
  it('takes the password from stdin, warns about plain-text storage, and never prints the secret', async () => {
    const r = await berth(['login', '-u', 'alice', '--password-stdin', '127.0.0.1:5000'], ok(), `${SECRET}\r\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Login Succeeded\n');
    expect(r.stderr).toBe(
      "\nWARNING! Your credentials are stored unencrypted in '/home/u/.docker/config.json'.\n" +
        'Configure a credential helper to remove this warning. See\n' +
        'https://docs.docker.com/go/credential-store/\n\n',
    );
    expect(r.core.calls).toEqual([{ method: 'registry.login', input: { registry: '127.0.0.1:5000', username: 'alice', password: SECRET } }]);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('keeps quiet about storage when a credential helper holds the secret', async () => {
    const r = await berth(['login', '-u', 'alice', '--password-stdin'], ok(null, 'https://index.docker.io/v1/'), SECRET);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('Login Succeeded\n');
    expect(r.core.calls[0]!.input).toEqual({ registry: '', username: 'alice', password: SECRET });
  });

  it('warns about -p, then logs in with it', async () => {
    const r = await berth(['login', '-u', 'alice', '-p', SECRET, 'r.example.com'], ok());
    expect(r.stderr.startsWith(`${PASSWORD_FLAG_WARNING}\n`)).toBe(true);
    expect(r.stderr).toBe(`${PASSWORD_FLAG_WARNING}\n${unencryptedWarning('/home/u/.docker/config.json')}`);
    expect(r.stdout).toBe('Login Succeeded\n');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it.each([
    [['login', '-p', SECRET, '--password-stdin', '-u', 'a'], `${PASSWORD_FLAG_WARNING}\n--password and --password-stdin are mutually exclusive\n`],
    [['login', '--password-stdin'], 'Must provide --username with --password-stdin\n'],
    [['login', '-u', 'alice'], 'Error: Cannot perform an interactive login from a non TTY device\n'],
    [['login'], 'Error: Cannot perform an interactive login from a non TTY device\n'],
  ])('%j fails as Docker does', async (argv, stderr) => {
    const r = await berth(argv, ok(), '');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(stderr);
    expect(r.stdout).toBe('');
    expect(r.core.calls).toEqual([]);
  });

  it('reports refused credentials as the daemon would, without the password', async () => {
    const r = await berth(['login', '-u', 'alice', '--password-stdin', '127.0.0.1:5000'], {
      'registry.login': async () => {
        throw new BerthError('AUTH_REQUIRED', 'Get "http://127.0.0.1:5000/v2/": unauthorized: authentication required');
      },
    }, SECRET);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error response from daemon: Get "http://127.0.0.1:5000/v2/": unauthorized: authentication required\n');
    expect(r.stderr).not.toContain(SECRET);
  });

  it('takes at most one server', async () => {
    const r = await berth(['login', 'a', 'b'], ok());
    expect(r.stderr).toBe('"berth login" requires at most 1 argument.\nSee \'berth login --help\'.\n');
  });
});

describe('berth logout', () => {
  it.each([
    [[], '', 'https://index.docker.io/v1/'],
    [['127.0.0.1:5000'], '127.0.0.1:5000', '127.0.0.1:5000'],
  ])('%j prints Docker\'s line', async (args, registry, serverAddress) => {
    const r = await berth(['logout', ...args], { 'registry.logout': async () => ({ serverAddress, removed: true }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Removing login credentials for ${serverAddress}\n`);
    expect(r.core.calls).toEqual([{ method: 'registry.logout', input: { registry } }]);
  });
});
