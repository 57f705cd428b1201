/** One `postguard <name>` subcommand; `main.ts` lists them. */
export interface Command {
  name: string;
  /** One line for `postguard --help`. */
  summary: string;
  /** Full text for `postguard <name> --help`. */
  usage: string;
  /** Returns the exit code; throws `CliError` or `PackError` for exit code 2. */
  run(args: string[]): number | Promise<number>;
}
