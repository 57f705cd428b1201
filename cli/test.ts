import { asciiBoundaryMisses } from '../rules/pack/asciiBoundaries';
import { DEFAULT_PACK_DIR } from '../rules/pack/loadPack';
import type { CompiledPack } from '../rules/types';
import { loadPackWithExamples, runExamples, type ExampleFailure, type PackExamples } from '../rules/pack/runExamples';
import type { Command } from './Command';
import { parseCommandArgs } from './parseCommandArgs';

export const test: Command = {
  name: 'test',
  summary: "run every rule's flag and pass examples",
  usage: `Usage: postguard test [--pack DIR]

Runs the \`examples\` of every rule in the pack folder (default: the built-in pack):
each \`flag\` example must be flagged by its rule (on the [[marked]] span if any), each
\`pass\` example must not. Exit code 1 when an example fails. Also warns about each \`\\b\`
written next to an accented letter in a pattern: RE2's \`\\b\` is ASCII-only, so
\`\\b[ée]quipe\` never matches "équipe" after a space (write \`(?:\\bequipe|équipe)\`).
`,
  run(args) {
    const { values } = parseCommandArgs('test', { args, options: { pack: { type: 'string' } } });
    const { pack, examples } = loadPackWithExamples(values.pack ?? DEFAULT_PACK_DIR);
    const failures = runExamples(pack, examples);
    const failed = new Set(failures.map(exampleKey)).size;
    const total = countExamples(examples);
    process.stdout.write(boundaryWarnings(pack) + failures.map(formatFailure).join('') + `${total - failed} examples passed, ${failed} failed\n`);
    return failures.length > 0 ? 1 : 0;
  },
};

function boundaryWarnings(pack: CompiledPack): string {
  let out = '';
  for (const rule of pack.rules) {
    if (rule.kind !== 'pattern') continue;
    for (const at of asciiBoundaryMisses(rule.pattern, false)) {
      out += `${rule.id}  warning: the \\b at ${at} of the pattern sits next to an accented letter, where RE2's \\b never holds (${JSON.stringify(rule.pattern.slice(Math.max(0, at - 20), at + 22))})\n`;
    }
  }
  return out;
}

function formatFailure(failure: ExampleFailure): string {
  return `${failure.ruleId}  ${failure.kind} example: ${JSON.stringify(failure.text)}\n  ${failure.problem}\n`;
}

/** A failing example may report several problems; it counts once. */
function exampleKey(failure: ExampleFailure): string {
  return `${failure.ruleId}\n${failure.kind}\n${failure.text}`;
}

function countExamples(examples: PackExamples): number {
  let count = 0;
  for (const { flag, pass } of examples.values()) count += flag.length + pass.length;
  return count;
}
