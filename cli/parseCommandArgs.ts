import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './CliError';

/** `parseArgs` in strict mode, its errors turned into one-line usage errors naming the command. */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ ...config, strict: true });
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      // Node appends advice about `--` that does not fit on one line; keep the first sentence.
      const firstSentence = error.message.split('. ')[0]!.replace(/\.$/, '');
      throw new CliError(`${command}: ${firstSentence[0]!.toLowerCase()}${firstSentence.slice(1)} (see postguard ${command} --help)`);
    }
    throw error;
  }
}

/** Checks an option against its allowed values; `undefined` passes (the option was not given). */
export function expectOneOf<V extends string>(command: string, option: string, value: string | undefined, allowed: readonly V[]): V | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as V | undefined;
  throw new CliError(`${command}: --${option} must be one of ${allowed.join(', ')}, got "${value}"`);
}
