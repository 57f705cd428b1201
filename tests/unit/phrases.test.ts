// The scan picks candidate words with bit sets (single first words, first-word pairs); the trie
// then checks them exactly. A candidate missed there is a term never found: every term of the
// default pack must be found in a sentence, wherever it stands.
import { describe, expect, it } from 'vitest';
import { matchPhrases } from '../../rules/engine/phrases';
import { preparePack } from '../../rules/engine/prepare';
import { createWords, scanWords } from '../../rules/engine/words';
import { analyze } from '../../rules/engine/analyze';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import type { CompiledPack } from '../../rules/types';
import { termsRule } from '../support/termsRule';

/** A normalised term written out as text: '|' was a hard break, a final '*' a prefix. */
const written = (term: string) => term.replace(/\|/g, '. ').replace(/\*$/, 'x');

describe('term candidates', () => {
  const pack = loadPack(DEFAULT_PACK_DIR);
  const prepared = preparePack(pack);
  const terms = [...new Set(pack.rules.flatMap((rule) => (rule.kind === 'terms' ? [...rule.terms, ...rule.except] : rule.kind === 'requires' ? [...rule.when, ...rule.unless] : rule.kind === 'pattern' ? rule.near.flat() : [])))];

  it('finds every term of the default pack at the start, in the middle and after a hard break', () => {
    expect(terms.length).toBeGreaterThan(5000);
    const words = createWords();
    const missed: string[] = [];
    for (const term of terms) {
      for (const [before, after] of [['', ''], ['We said ', ' today'], ['Done. ', '']]) {
        const text = before + written(term) + after;
        scanWords(text, words, prepared.filter);
        const start = before.length;
        const end = start + written(term).length;
        let found = false;
        matchPhrases(prepared.phrases, words, text, (_, first, last) => {
          found ||= words.start[first] === start && words.end[last] === end;
        });
        if (!found) missed.push(`${term} in ${JSON.stringify(text)}`);
      }
    }
    expect(missed).toEqual([]);
  });
});

describe('one-word prefix terms', () => {
  const base = loadPack(DEFAULT_PACK_DIR);
  const rule = termsRule('conduct/test-prefixes', ['leak*', 'confid*', 'zx*', 'our scoop*'], 'A prefix term.', base.rules[0]!.policy);
  const pack: CompiledPack = { ...base, rules: [rule] };
  const found = (text: string) => analyze(text, pack).map((finding) => finding.text);

  it('are found from the scan\'s prefix hits, on plain and general words alike', () => {
    expect(found('They leaked it. CONFIDENTIAL stuff, zxcvb and our scoops')).toEqual(['leaked', 'CONFIDENTIAL', 'zxcvb', 'our scoops']);
    expect(found('#leaks 🚀leaking l\u00e9aked le\u00adaking')).toEqual(['leaks', 'leaking', 'léaked', 'le\u00adaking']);
    expect(found('lea kz x Confi dential')).toEqual([]);
  });
});
