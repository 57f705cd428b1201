/** Bad usage or unreadable input: main prints the message as one line and exits with code 2. */
export class CliError extends Error {
  override name = 'CliError';
}
