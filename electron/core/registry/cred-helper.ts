/**
 * The docker-credential-* helper protocol: `docker-credential-<name> <action>`
 * with the input on stdin and JSON on stdout. A failure prints its message on
 * stdout; "credentials not found" means there are none (not an error).
 */
import { spawn } from 'node:child_process';
import { BerthError } from '../../../shared/errors';
import type { Credentials } from './credentials-types';

export const IDENTITY_TOKEN_USERNAME = '<token>';

export interface HelperOptions {
  env?: NodeJS.ProcessEnv;
  /** Kill the helper after this long. Default 60 s (helpers may prompt, e.g. for a keychain). */
  timeoutMs?: number;
}

export function helperProgram(name: string): string {
  return `docker-credential-${name}`;
}

function isNotFound(text: string): boolean {
  return /credentials not found/i.test(text);
}

/** Runs the helper; resolves stdout, rejects with the helper's own message (never the input). */
export function runHelper(name: string, action: string, input: string, opts: HelperOptions = {}): Promise<string> {
  const program = helperProgram(name);
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // a helper that exits without reading stdin
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const why = e.code === 'ENOENT' ? `exec: "${program}": executable file not found in $PATH` : e.message;
      reject(new BerthError('INTERNAL', `error getting credentials - err: ${why}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8').trim();
      if (code === 0) return resolve(stdout);
      const message = stdout || Buffer.concat(err).toString('utf8').trim() || `exit ${code ?? signal}`;
      reject(new HelperError(message));
    });
    child.stdin.end(input);
  });
}

/** A helper's failure message (its stdout), e.g. "credentials not found in native keychain". */
export class HelperError extends BerthError {
  constructor(readonly helperMessage: string) {
    super('INTERNAL', `error getting credentials - err: exit status 1, out: \`${helperMessage}\``);
  }
}

export async function helperGet(name: string, serverUrl: string, opts: HelperOptions = {}): Promise<Credentials | undefined> {
  let stdout: string;
  try {
    stdout = await runHelper(name, 'get', serverUrl, opts);
  } catch (e) {
    if (e instanceof HelperError && isNotFound(e.helperMessage)) return undefined;
    throw e;
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(stdout) as typeof parsed;
  } catch {
    throw new BerthError('INTERNAL', `error getting credentials - err: invalid JSON from ${helperProgram(name)}`);
  }
  const username = typeof parsed.Username === 'string' ? parsed.Username : '';
  const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
  if (secret === '' && username === '') return undefined;
  if (username === IDENTITY_TOKEN_USERNAME) return { identityToken: secret };
  return { username, password: secret };
}

export async function helperStore(name: string, serverUrl: string, creds: { username: string; secret: string }, opts: HelperOptions = {}): Promise<void> {
  await runHelper(name, 'store', JSON.stringify({ ServerURL: serverUrl, Username: creds.username, Secret: creds.secret }), opts);
}

/** Erases; resolves false when the helper had nothing for serverUrl. */
export async function helperErase(name: string, serverUrl: string, opts: HelperOptions = {}): Promise<boolean> {
  try {
    await runHelper(name, 'erase', serverUrl, opts);
    return true;
  } catch (e) {
    if (e instanceof HelperError && isNotFound(e.helperMessage)) return false;
    throw e;
  }
}

export async function helperList(name: string, opts: HelperOptions = {}): Promise<Record<string, string>> {
  const stdout = await runHelper(name, 'list', '', opts);
  try {
    const parsed = JSON.parse(stdout || '{}') as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    throw new BerthError('INTERNAL', `invalid JSON from ${helperProgram(name)} list`);
  }
}
