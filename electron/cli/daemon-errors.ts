/**
 * Docker's client shows every error the daemon answered this way; Berth's core
 * plays the daemon's part, so its errors print the same.
 */
export function daemonMessage(message: string): string {
  return `Error response from daemon: ${message}`;
}
