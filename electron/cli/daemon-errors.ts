/**
 * Docker's client shows every error the daemon answered this way; Berth's core
 * plays the daemon's part, so its errors print the same. Not reaching the
 * engine at all is the client's own error, which Docker prints bare
 * ("Cannot connect to the Docker daemon at unix:///…. Is the docker daemon running?").
 */
const PREFIX = 'Error response from daemon: ';
const UNREACHABLE = 'Cannot connect to the Docker daemon at ';

export function daemonMessage(message: string): string {
  if (message.startsWith(UNREACHABLE) || message.startsWith(PREFIX)) return message;
  return `${PREFIX}${message}`;
}
