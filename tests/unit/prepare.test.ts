// Preparing a pack must stay cheap for a page's content script: RE2 patterns are compiled on
// first use, once, unless a batch run asks for all of them up front.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { patternOf, preparePack, preparePackFully } from '../../rules/engine/prepare';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';

const patternRules = (pack: ReturnType<typeof loadPack>) => pack.rules.flatMap((rule, r) => (rule.kind === 'pattern' ? [r] : []));

// Compiling all 260 patterns of the default pack takes 2-4 s: more than vitest's 5 s default on a busy machine.
describe('preparePack', { timeout: 60_000 }, () => {
  it('compiles no pattern up front, and each one once when first needed', () => {
    const pack = loadPack(DEFAULT_PACK_DIR);
    const prepared = preparePack(pack);
    const rules = patternRules(pack);
    expect(rules.length).toBeGreaterThan(10);
    expect(prepared.patterns.filter(Boolean)).toEqual([]);
    const first = patternOf(prepared, rules[0]!);
    expect(patternOf(prepared, rules[0]!)).toBe(first);
    expect(prepared.patterns.filter(Boolean)).toHaveLength(1);
  });

  it('compiles every pattern with preparePackFully, and analysis finds the same', () => {
    const lazy = loadPack(DEFAULT_PACK_DIR);
    const eager = loadPack(DEFAULT_PACK_DIR);
    const prepared = preparePackFully(eager);
    expect(patternRules(eager).every((r) => prepared.patterns[r] !== undefined)).toBe(true);
    // The policy corpus, through both packs: same findings, and pattern rules among them.
    const posts = readFileSync(new URL('../quality/corpus/en.jsonl', import.meta.url), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
    const ids = (pack: typeof lazy, text: string) => analyze(text, pack, { allFindings: true }).map((f) => `${f.ruleId}@${f.start}`);
    let patternFindings = 0;
    for (const text of posts) {
      expect(ids(lazy, text), text).toEqual(ids(eager, text));
      patternFindings += analyze(text, eager).filter((f) => eager.rules.find((rule) => rule.id === f.ruleId)?.kind === 'pattern').length;
    }
    expect(patternFindings).toBeGreaterThan(10);
  });
});
