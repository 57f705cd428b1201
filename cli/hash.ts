import { hashTerm } from '../rules/pack/hashTerm';
import { CliError } from './CliError';
import type { Command } from './Command';
import { parseCommandArgs } from './parseCommandArgs';

export const hash: Command = {
  name: 'hash',
  summary: 'print the hashes of phrases for a hashed-terms rule',
  usage: `Usage: postguard hash --salt SALT PHRASE...

Prints one line per phrase: the hash to list under \`hashes:\` in a hashed-terms rule whose
\`salt:\` is SALT. Quote phrases of several words: postguard hash --salt s1 "Project Falcon"
`,
  run(args) {
    const { values, positionals } = parseCommandArgs('hash', {
      args,
      allowPositionals: true,
      options: { salt: { type: 'string' } },
    });
    if (values.salt === undefined) throw new CliError('hash: --salt SALT is required (see postguard hash --help)');
    if (positionals.length === 0) throw new CliError('hash: give at least one phrase to hash');
    const salt = values.salt;
    process.stdout.write(positionals.map((phrase) => hashTerm(salt, phrase) + '\n').join(''));
    return 0;
  },
};
