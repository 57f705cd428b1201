// Build time: puts each pattern's rarest trigger group first. The engine matches the first group
// in every post and looks for the others only in the sentences around its words, so a common
// first group ("he", "team", "customer") would make it look in most sentences of most posts.
// Rarity is read from the pack's own examples, thousands of posts written for its rules: a
// group's share of them that hold one of its terms.
import { matchPhrases } from '../engine/phrases';
import { Role, termTable } from '../engine/prepare';
import { createWords, scanWords } from '../engine/words';
import type { CompiledRule } from '../types';

type PatternRule = Extract<CompiledRule, { kind: 'pattern' }>;

/** `rules` with the `near` groups of each pattern sorted by how many of `texts` hold one of their terms, fewest first (ties keep their order). */
export function rarestFirst(rules: CompiledRule[], texts: readonly string[]): CompiledRule[] {
  const patterns = rules.filter((rule): rule is PatternRule => rule.kind === 'pattern' && rule.near.length > 1);
  if (patterns.length === 0) return rules;
  // One index of every group's terms, the groups numbered across all patterns in order: a
  // term's entries name the groups it belongs to.
  const table = termTable();
  let groupCount = 0;
  for (const rule of patterns) {
    for (const terms of rule.near) {
      for (const term of terms) table.add(term, groupCount, Role.Near);
      groupCount++;
    }
  }
  const { phrases, start, rule: groupOfEntry } = table.index();
  const counts = new Int32Array(groupCount);
  const seenIn = new Int32Array(groupCount).fill(-1);
  const words = createWords();
  texts.forEach((text, t) => {
    scanWords(text, words, phrases);
    matchPhrases(phrases, words, text, (term) => {
      for (let e = start[term]!; e < start[term + 1]!; e++) {
        const group = groupOfEntry[e]!;
        if (seenIn[group] === t) continue;
        seenIn[group] = t;
        counts[group]++;
      }
    });
  });
  let first = 0;
  const sorted = new Map<PatternRule, string[][]>();
  for (const rule of patterns) {
    const order = rule.near.map((terms, g) => ({ terms, g, count: counts[first + g]! }));
    first += rule.near.length;
    order.sort((a, b) => a.count - b.count || a.g - b.g);
    sorted.set(rule, order.map((o) => o.terms));
  }
  return rules.map((rule) => (rule.kind === 'pattern' && sorted.has(rule) ? { ...rule, near: sorted.get(rule)! } : rule));
}
