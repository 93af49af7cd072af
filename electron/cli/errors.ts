/** A mistake in how the command was called: printed Docker's way, with a pointer to --help. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Ends the command with this exit code after it printed its own explanation. */
export class ExitError extends Error {
  constructor(readonly exitCode: number, message = '') {
    super(message);
    this.name = 'ExitError';
  }
}
