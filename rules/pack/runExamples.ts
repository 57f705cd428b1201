// Runs every rule's examples, as ESLint's RuleTester runs valid/invalid tables: a `flag` line
// must produce a finding of the rule (on exactly the [[marked]] text when marked), a `pass`
// line must not.
import { analyze } from '../engine/analyze';
import type { CompiledPack } from '../types';
import type { RuleExamples } from './compilePack';

export type PackExamples = Map<string, RuleExamples>;
export { loadPackWithExamples } from './loadPack';

export interface ExampleFailure {
  ruleId: string;
  kind: 'flag' | 'pass';
  text: string;
  problem: string;
}

/** Strips [[ ]] markers; returns the text and the marked span, if any. */
export function parseExample(example: string): { text: string; span?: { start: number; end: number } } {
  const open = example.indexOf('[[');
  const close = example.indexOf(']]', open + 2);
  if (open === -1 || close === -1) return { text: example };
  const text = example.slice(0, open) + example.slice(open + 2, close) + example.slice(close + 2);
  return { text, span: { start: open, end: close - 2 } };
}

export function runExamples(pack: CompiledPack, examples: PackExamples): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  for (const [ruleId, { flag, pass }] of examples) {
    for (const example of flag) {
      const { text, span } = parseExample(example);
      const found = analyze(text, pack, { allFindings: true }).filter((f) => f.ruleId === ruleId);
      if (found.length === 0) failures.push({ ruleId, kind: 'flag', text, problem: 'expected a finding, got none' });
      else if (span && !found.some((f) => f.start === span.start && f.end === span.end)) {
        const got = found.map((f) => JSON.stringify(f.text)).join(', ');
        failures.push({ ruleId, kind: 'flag', text, problem: `expected ${JSON.stringify(text.slice(span.start, span.end))}, got ${got}` });
      }
    }
    for (const text of pass) {
      const found = analyze(text, pack, { allFindings: true }).filter((f) => f.ruleId === ruleId);
      if (found.length > 0) failures.push({ ruleId, kind: 'pass', text, problem: `unexpected finding on ${found.map((f) => JSON.stringify(f.text)).join(', ')}` });
    }
  }
  return failures;
}
