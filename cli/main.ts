import { PackError } from '../rules/pack/PackError';
import { build } from './build';
import { check } from './check';
import { CliError } from './CliError';
import type { Command } from './Command';
import { fsErrorReason, isFsError } from './fsErrorReason';
import { hash } from './hash';
import { test } from './test';
import { train } from './train';

const COMMANDS: Command[] = [check, build, test, hash, train];

const USAGE = `Usage: postguard <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(7)}${command.summary}`).join('\n')}

Run postguard <command> --help for its options.
`;

/** Runs the CLI and returns its exit code; errors a person can fix are one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  // `postguard check --jsonl big.jsonl | head` closes our stdout early: not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`postguard: cannot write the output: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
  });
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const names = COMMANDS.map((candidate) => candidate.name).join(', ');
    return fail(`unknown command "${name}" (commands: ${names}; see postguard --help)`);
  }
  const beforeSeparator = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (beforeSeparator.includes('--help') || beforeSeparator.includes('-h')) {
    process.stdout.write(command.usage);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof CliError || error instanceof PackError) return fail(error.message);
    if (isFsError(error)) return fail(`cannot read ${error.path}: ${fsErrorReason(error)}`);
    // A bug, not a finding: never exit with 1, which scripts read as "a stop finding".
    return fail(`internal error, please report it:\n${error instanceof Error ? error.stack : String(error)}`);
  }
}

function fail(message: string): number {
  process.stderr.write(`postguard: ${message}\n`);
  return 2;
}
