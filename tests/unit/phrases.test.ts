// The scan picks candidate words with bit sets (single first words, first-word pairs); the trie
// then checks them exactly. A candidate missed there is a term never found: every term of the
// default pack must be found in a sentence, wherever it stands.
import { describe, expect, it } from 'vitest';
import { matchPhrases } from '../../rules/engine/phrases';
import { preparePack } from '../../rules/engine/prepare';
import { createWords, scanWords } from '../../rules/engine/words';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';

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
