import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './CliError';
import type { Command } from './Command';
import { fsErrorReason } from './fsErrorReason';
import { openPack } from './openPack';
import { parseCommandArgs } from './parseCommandArgs';

export const build: Command = {
  name: 'build',
  summary: 'compile a pack folder to the JSON the extension loads',
  usage: `Usage: postguard build [--pack DIR] --out FILE

Validates the pack folder (default: the built-in pack) and writes it compiled to FILE.

Options:
  --pack DIR    the pack folder: pack.yaml, policy/*.md, rules/*.yaml
  --out FILE    where to write the compiled pack (JSON)
`,
  run(args) {
    const { values } = parseCommandArgs('build', {
      args,
      options: { pack: { type: 'string' }, out: { type: 'string' } },
    });
    const out = values.out;
    if (out === undefined) throw new CliError('build: --out FILE is required (see postguard build --help)');
    const pack = openPack(values.pack);
    const json = JSON.stringify(pack);
    // Write then rename, so the extension build never reads a half-written pack.
    const temporary = `${out}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(temporary, json);
      renameSync(temporary, out);
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${fsErrorReason(error as NodeJS.ErrnoException)}`);
    }
    process.stdout.write(`wrote ${out} (${pack.rules.length} rules, ${Buffer.byteLength(json)} bytes)\n`);
    return 0;
  },
};
