// `testWindow` runs re2js's DFA tables in a loop of its own, and must say what `RE2JS.test()`
// says on every window: words of the pack's examples, cut anywhere, with emoji, surrogate pairs
// cut in two, lone surrogates, line breaks and capitals. And it must actually take its own path
// once the DFA has seen a window, or it would only be a slower `test()`.
import { RE2JS } from 're2js';
import { describe, expect, it, vi } from 'vitest';
import { testWindow } from '../../rules/engine/dfaTest';
import { DEFAULT_PACK_DIR, loadPackWithExamples } from '../../rules/pack/loadPack';
import { createRandom } from '../support/createRandom';

const { pack, examples: examplesByRule } = loadPackWithExamples(DEFAULT_PACK_DIR);
const patternRules = pack.rules.flatMap((rule) => (rule.kind === 'pattern' ? [rule] : []));
/** A rule's example lines, without the [[ ]] marks of what they flag. */
const examplesOf = (id: string): string[] => {
  const { flag, pass } = examplesByRule.get(id)!;
  return [...flag, ...pass].map((line) => line.replace(/\[\[|\]\]/g, ''));
};
const examples = patternRules.flatMap((rule) => examplesOf(rule.id));
const INSERTS = ['🚀', '\uD83D', '\uDE80', '\n', '\u00A0', 'É', 'ß', ' ', '.', '1234', '\u200B', 'İ'];

/** A window as the engine cuts them: a piece of an example, sometimes with odd chars put in. */
function windowsFor(random: () => number, count: number): string[] {
  const pick = <T,>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, () => {
    let text = pick(examples);
    const from = Math.floor(random() * text.length * 0.3);
    text = text.slice(from, from + 40 + Math.floor(random() * 240));
    for (let k = Math.floor(random() * 3); k > 0; k--) {
      const at = Math.floor(random() * (text.length + 1));
      text = text.slice(0, at) + pick(INSERTS) + text.slice(at);
    }
    return random() < 0.2 ? text.toUpperCase() : text;
  });
}

describe('testWindow', () => {
  it("answers as re2js's test() on every pattern of the default pack, and takes its own path once warm", () => {
    const random = createRandom(39);
    let fastAnswers = 0;
    let windows = 0;
    let matches = 0;
    for (const rule of patternRules) {
      const pattern = RE2JS.compile(rule.pattern, rule.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
      const reference = RE2JS.compile(rule.pattern, rule.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
      const list = [...examplesOf(rule.id), ...windowsFor(random, 12)];
      for (const window of list) {
        const expected = reference.test(window);
        expect(testWindow(pattern, window), `${rule.id} on ${JSON.stringify(window)}`).toBe(expected);
        if (expected) matches++;
      }
      // A second time: the transitions are built, and `test()` is needed far less.
      const spy = vi.spyOn(pattern, 'test');
      for (const window of list) expect(testWindow(pattern, window), `${rule.id}, warm, on ${JSON.stringify(window)}`).toBe(reference.test(window));
      fastAnswers += list.length - spy.mock.calls.length;
      windows += list.length;
      spy.mockRestore();
    }
    expect(matches).toBeGreaterThan(patternRules.length);
    // All of them but the windows of one-pass patterns, which re2js does not run on its DFA (97% here).
    expect(fastAnswers / windows).toBeGreaterThan(0.95);
    // It compiles every pattern of the pack twice (260 of them): 2-3 s alone, past vitest's 5 s
    // default on a busy machine (it timed out once in CI while other jobs ran).
  }, 60_000);

  it('reads a window at the start of the text: ^ matches, and \\b sees no word before it', () => {
    const pattern = RE2JS.compile('^(?:hello|\\bworld)\\b');
    for (const window of ['hello there', 'world', 'xworld', ' hello', 'hello', 'helloo']) {
      testWindow(pattern, window);
      expect(testWindow(pattern, window), window).toBe(pattern.test(window));
    }
  });

  it('reads surrogate pairs as one char and lone surrogates as chars of their own', () => {
    const source = 'a.b|\\x{1F680}c|\\x{D83D}d|\\x{DE80}e';
    const pattern = RE2JS.compile(source);
    const reference = RE2JS.compile(source);
    const cases = ['a🚀b', 'a\uD83Db', '🚀c', '\uD83Dc', '\uD83Dd', 'a\uDE80b', '\uD83D\uD83Dd', '🚀e', '\uDE80e', 'x\uD83D'];
    for (const window of cases) testWindow(pattern, window);
    // Each window's path through the DFA was built by the pass above: none needs test() now.
    const spy = vi.spyOn(pattern, 'test');
    for (const window of cases) expect(testWindow(pattern, window), JSON.stringify(window)).toBe(reference.test(window));
    expect(spy).not.toHaveBeenCalled();
  });

  it("falls back to test() when the pattern's internals are not re2js 2's", () => {
    const foreign = { test: (text: string) => text.includes('x') } as unknown as RE2JS;
    expect(testWindow(foreign, 'axb')).toBe(true);
    expect(testWindow(foreign, 'ab')).toBe(false);
  });
});
