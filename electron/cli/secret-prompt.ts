import { ExitError } from './errors';
import type { CliIO } from './io';
import { readLine } from './prompt';

type RawStdin = CliIO['stdin'] & { setRawMode?: (raw: boolean) => unknown };

/**
 * Docker's PromptForInput: prints the prompt, reads one line, trims spaces.
 */
export async function promptLine(io: CliIO, prompt: string): Promise<string> {
  io.stdout.write(prompt);
  return (await readLine(io.stdin)).trim();
}

/**
 * Reads a password from a terminal without echoing it (Docker turns echo off
 * the same way), then ends the line as Docker does. Ctrl-C ends the command.
 */
export async function promptSecret(io: CliIO, prompt: string): Promise<string> {
  io.stdout.write(prompt);
  const stdin = io.stdin as RawStdin;
  if (!stdin.setRawMode) {
    const line = await readLine(stdin);
    io.stdout.write('\n');
    return line.trim();
  }
  stdin.setRawMode(true);
  try {
    const secret = await readHidden(stdin);
    return secret.trim();
  } finally {
    stdin.setRawMode(false);
    io.stdout.write('\n');
  }
}

function readHidden(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (err?: Error): void => {
      stream.off('data', onData);
      stream.pause();
      if (err) reject(err);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new ExitError(130));
        if (ch === '\u007f' || ch === '\b') text = Array.from(text).slice(0, -1).join('');
        else text += ch;
      }
    };
    stream.on('data', onData);
    stream.resume();
  });
}

/** Everything on stdin (for --password-stdin). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}
