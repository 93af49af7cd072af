import type { Command } from '../command';
import type { CliContext } from '../context';
import { parseFlags, requireArgs } from '../args';
import { ExitError } from '../errors';
import { promptLine, promptSecret, readAll } from '../secret-prompt';

export const PASSWORD_FLAG_WARNING = 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.';

/** Docker's file store prints this (with the blank lines) to stderr after saving a secret in config.json. */
export function unencryptedWarning(path: string): string {
  return (
    `\nWARNING! Your credentials are stored unencrypted in '${path}'.\n` +
    'Configure a credential helper to remove this warning. See\n' +
    'https://docs.docker.com/go/credential-store/\n\n'
  );
}

const LOGIN_FLAGS = {
  password: { type: 'string', short: 'p' },
  'password-stdin': { type: 'boolean' },
  username: { type: 'string', short: 'u' },
} as const;

/** Docker's verifyLoginOptions and PromptUserForCredentials, in its order and words. Secrets are never printed. */
async function credentials(ctx: CliContext, values: { password?: string; 'password-stdin'?: boolean; username?: string }) {
  let username = values.username ?? '';
  let password = values.password ?? '';
  if (password !== '') {
    ctx.err(`${PASSWORD_FLAG_WARNING}\n`);
    if (values['password-stdin']) throw new ExitError(1, '--password and --password-stdin are mutually exclusive');
  }
  if (values['password-stdin']) {
    if (username === '') throw new ExitError(1, 'Must provide --username with --password-stdin');
    password = (await readAll(ctx.io.stdin)).replace(/\n$/, '').replace(/\r$/, '');
  }
  if ((username === '' || password === '') && !ctx.io.stdin.isTTY) {
    throw new ExitError(1, 'Error: Cannot perform an interactive login from a non TTY device');
  }
  if (username === '') {
    username = await promptLine(ctx.io, 'Username: ');
    if (username === '') throw new ExitError(1, 'Error: Non-null Username Required');
  }
  if (password === '') {
    password = await promptSecret(ctx.io, 'Password: ');
    if (password === '') throw new ExitError(1, 'Error: Password Required');
  }
  return { username, password };
}

export const loginCommand: Command = {
  name: ['login'],
  summary: 'Authenticate to a registry',
  usage: 'login [OPTIONS] [SERVER]',
  help: [
    'Defaults to Docker Hub if no server is specified.',
    '',
    'Options:',
    '  -p, --password string   Password',
    '      --password-stdin    Take the password from stdin',
    '  -u, --username string   Username',
  ].join('\n'),
  async run(ctx, argv) {
    const { values, positionals } = parseFlags('login', argv, LOGIN_FLAGS);
    requireArgs('login', positionals, { max: 1 });
    const { username, password } = await credentials(ctx, values);
    const result = await ctx.call('registry.login', { registry: positionals[0] ?? '', username, password });
    if (result.plainTextPath) ctx.err(unencryptedWarning(result.plainTextPath));
    ctx.out(`${result.status}\n`);
    return 0;
  },
};

export const logoutCommand: Command = {
  name: ['logout'],
  summary: 'Log out from a registry',
  usage: 'logout [SERVER]',
  help: 'If no server is specified, Docker Hub is used.',
  async run(ctx, argv) {
    const { positionals } = parseFlags('logout', argv, {});
    requireArgs('logout', positionals, { max: 1 });
    const result = await ctx.call('registry.logout', { registry: positionals[0] ?? '' });
    ctx.out(`Removing login credentials for ${result.serverAddress}\n`);
    return 0;
  },
};
