import type { CliIO } from './io';

/**
 * Docker's prompt.Confirm: prints `MESSAGE [y/N] ` and reads one line; only
 * `y`/`Y` (surrounding spaces ignored) confirms. End of input declines.
 */
export async function confirm(io: CliIO, message: string): Promise<boolean> {
  io.stdout.write(`${message} [y/N] `);
  const answer = await readLine(io.stdin);
  return answer.trim().toLowerCase() === 'y';
}

/** Reads up to the first newline (or the end of the stream) and stops listening. */
export function readLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (line: string) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.pause();
      resolve(line);
    };
    const onData = (chunk: Buffer | string) => {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const nl = text.indexOf('\n');
      if (nl >= 0) finish(text.slice(0, nl).replace(/\r$/, ''));
    };
    const onEnd = () => finish(text);
    const onError = (e: Error) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      reject(e);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.resume();
  });
}
