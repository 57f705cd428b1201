// Build time: puts each pattern's rarest trigger group first. The engine matches the first group
// in every post and looks for the others only in the sentences around its words, so a common
// first group ("he", "team", "customer") would make it look in most sentences of most posts.
// Rarity is read from the pack's own examples, thousands of posts written for its rules: a
// group's share of them that hold one of its terms.
import { buildPhraseIndex, matchPhrases } from '../engine/phrases';
import { createWords, scanWords } from '../engine/words';
import type { CompiledRule } from '../types';

type PatternRule = Extract<CompiledRule, { kind: 'pattern' }>;

/** `rules` with the `near` groups of each pattern sorted by how many of `texts` hold one of their terms, fewest first (ties keep their order). */
export function rarestFirst(rules: CompiledRule[], texts: readonly string[]): CompiledRule[] {
  const patterns = rules.filter((rule): rule is PatternRule => rule.kind === 'pattern' && rule.near.length > 1);
  if (patterns.length === 0) return rules;
  // One index of every group's terms; each term lists the (pattern, group) pairs it belongs to.
  const termIds = new Map<string, number>();
  const owners: number[][] = [];
  const groupOf: [pattern: number, group: number][] = [];
  patterns.forEach((rule, p) =>
    rule.near.forEach((terms, g) => {
      const owner = groupOf.push([p, g]) - 1;
      for (const term of terms) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(term, id);
          owners.push([]);
        }
        owners[id]!.push(owner);
      }
    }),
  );
  const index = buildPhraseIndex([...termIds.keys()]);
  const counts = new Int32Array(groupOf.length);
  const seenIn = new Int32Array(groupOf.length).fill(-1);
  const words = createWords();
  texts.forEach((text, t) => {
    scanWords(text, words, index);
    matchPhrases(index, words, text, (term) => {
      for (const owner of owners[term]!) {
        if (seenIn[owner] === t) continue;
        seenIn[owner] = t;
        counts[owner]++;
      }
    });
  });
  let owner = 0;
  const sorted = new Map<PatternRule, string[][]>();
  for (const rule of patterns) {
    const order = rule.near.map((terms, g) => ({ terms, g, count: counts[owner + g]! }));
    owner += rule.near.length;
    order.sort((a, b) => a.count - b.count || a.g - b.g);
    sorted.set(rule, order.map((o) => o.terms));
  }
  return rules.map((rule) => (rule.kind === 'pattern' && sorted.has(rule) ? { ...rule, near: sorted.get(rule)! } : rule));
}
