/**
 * Docker's client shows every error the daemon answered this way; Berth's core
 * plays the daemon's part, so its errors print the same. Not reaching the
 * engine at all is the client's own error, which Docker prints bare
 * ("Cannot connect to the Docker daemon at unix:///…. Is the docker daemon running?", or
 * "permission denied while trying to connect to the Docker daemon socket at …").
 */
const PREFIX = 'Error response from daemon: ';
const CLIENT_SIDE = [
  'Cannot connect to the Docker daemon at ',
  'permission denied while trying to connect to the Docker daemon socket at ',
  'lost the connection to the Docker daemon at ',
];

export function daemonMessage(message: string): string {
  if (message.startsWith(PREFIX) || CLIENT_SIDE.some((p) => message.startsWith(p))) return message;
  return `${PREFIX}${message}`;
}
