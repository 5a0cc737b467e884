/**
 * A problem the user can fix that is not a command-line mistake: a file that
 * is not there, a port that does not answer, a bundle the board cannot hold.
 * The CLI prints the message without a stack and exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}
