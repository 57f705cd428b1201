// The scan picks candidate words with bit sets (single first words, first-word pairs); the trie
// then checks them exactly. A candidate missed there is a term never found: every term of the
// default pack must be found in a sentence, wherever it stands.
import { describe, expect, it } from 'vitest';
import { buildPhraseIndex, matchPhrases, matchWithin, termsWithin, type PhraseIndex, type TermList } from '../../rules/engine/phrases';
import { preparePack } from '../../rules/engine/prepare';
import { createWords, scanWords, type Words } from '../../rules/engine/words';
import { analyze } from '../../rules/engine/analyze';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import type { CompiledPack } from '../../rules/types';
import { createRandom } from '../support/createRandom';
import { termsRule } from '../support/termsRule';

/** A normalised term written out as text: '|' was a hard break, a final '*' a prefix. */
const written = (term: string) => term.replace(/\|/g, '. ').replace(/\*$/, 'x');

describe('term candidates', () => {
  const pack = loadPack(DEFAULT_PACK_DIR);
  const prepared = preparePack(pack);
  const terms = [...new Set(pack.rules.flatMap((rule) => (rule.kind === 'terms' ? [...rule.terms, ...rule.except] : rule.kind === 'requires' ? [...rule.when, ...rule.unless] : rule.kind === 'pattern' ? (rule.near[0] ?? []) : [])))];
  // Triggers of a pattern's other groups are looked up around the first group's, in the words of a sentence.
  const nearTerms = [...new Set(pack.rules.flatMap((rule) => (rule.kind === 'pattern' ? rule.near.slice(1).flat() : [])))];

  /** The terms not found as a whole, in three sentences each, by `match` (matchPhrases or matchWithin). */
  const missedIn = (list: string[], match: (words: Words, text: string, hit: (term: number, first: number, last: number) => void) => void): string[] => {
    const words = createWords();
    const missed: string[] = [];
    for (const term of list) {
      for (const [before, after] of [['', ''], ['We said ', ' today'], ['Done. ', '']]) {
        const text = before + written(term) + after;
        scanWords(text, words, prepared.filter);
        const start = before.length;
        const end = start + written(term).length;
        let found = false;
        match(words, text, (_, first, last) => {
          found ||= words.start[first] === start && words.end[last] === end;
        });
        if (!found) missed.push(`${term} in ${JSON.stringify(text)}`);
      }
    }
    return missed;
  };

  it('finds every term of the default pack at the start, in the middle and after a hard break', () => {
    expect(terms.length).toBeGreaterThan(5000);
    expect(missedIn(terms, (words, text, hit) => matchPhrases(prepared.phrases, words, text, hit))).toEqual([]);
  });

  it('finds every trigger of a pattern\'s other groups within a sentence, wherever it stands', () => {
    expect(nearTerms.length).toBeGreaterThan(1000);
    expect(missedIn(nearTerms, (words, text, hit) => matchWithin(prepared.near, words, text, 0, words.count, hit))).toEqual([]);
  });

  it('finds within a range of words only the terms that lie inside it', () => {
    const term = nearTerms.find((t) => /^[a-z]+ [a-z]+$/.test(t))!;
    const text = `we said ${term} today`;
    const words = createWords();
    scanWords(text, words, prepared.filter);
    const seen = (from: number, to: number) => {
      const out: string[] = [];
      matchWithin(prepared.near, words, text, from, to, (_, first, last) => out.push(text.slice(words.start[first], words.end[last])));
      return out;
    };
    expect(seen(0, words.count)).toContain(term);
    expect(seen(2, 4)).toContain(term); // its two words
    expect(seen(0, 3)).not.toContain(term); // cut after its first word
    expect(seen(3, words.count)).not.toContain(term); // starts after its first word
  });
});

describe('termsWithin', () => {
  const pack = loadPack(DEFAULT_PACK_DIR);
  const prepared = preparePack(pack);
  const nearTerms = [...new Set(pack.rules.flatMap((rule) => (rule.kind === 'pattern' ? rule.near.slice(1).flat() : [])))];

  /** The terms `matchWithin` reports over words [from, to), and those `termsWithin` lists, in order. */
  const both = (index: PhraseIndex, text: string, from: number, to: number, words: Words) => {
    const called: number[] = [];
    matchWithin(index, words, text, from, to, (term) => called.push(term));
    const list: TermList = { terms: new Int32Array(1), count: 0 }; // grows
    termsWithin(index, words, text, from, to, list);
    return { called, listed: Array.from(list.terms.subarray(0, list.count)) };
  };

  it('lists the terms matchWithin reports, in the same order, over any range of words', () => {
    const words = createWords();
    // Every 7th trigger in a sentence, stretched, after a break, and 40 terms in one text.
    const texts = nearTerms.filter((_, k) => k % 7 === 0).flatMap((term) => [`We said ${written(term)} today`, `Sooo ${written(term).toUpperCase()}!! Done. ${written(term)}`]);
    texts.push(nearTerms.slice(0, 40).map(written).join(' and '));
    let terms = 0;
    for (const text of texts) {
      scanWords(text, words, prepared.filter);
      for (const [from, to] of [[0, words.count], [1, words.count - 1], [2, 3]]) {
        const { called, listed } = both(prepared.near, text, from!, Math.max(from!, to!), words);
        expect(listed).toEqual(called);
        terms += listed.length;
      }
    }
    expect(terms).toBeGreaterThan(texts.length);
  });

  it('goes through matchWithin for an index with prefix terms', () => {
    const index = buildPhraseIndex(['our scoop*', 'we said', 'said']);
    const text = 'we said our scoops leaked, we said';
    const words = createWords();
    scanWords(text, words, index);
    const { called, listed } = both(index, text, 0, words.count, words);
    expect(listed).toEqual(called);
    expect(listed).toEqual([1, 2, 0, 1, 2]);
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

  it('match words as long as the prefix, and only the start of words past 32 letters', () => {
    expect(found('leak, Leak.')).toEqual(['leak', 'Leak']);
    const long = 'abcdefghij'.repeat(4);
    expect(found(`zx${long} ${long}zx ${long.slice(0, 31)}leak ${long.slice(0, 32)}leak`)).toEqual([`zx${long}`]);
  });

  it('agree with startsWith on random words, for prefixes of every length', () => {
    const random = createRandom(7);
    const letters = 'abcdef';
    // No letter thrice in a row: the scan reads "aaab" as "ab", as it reads "fuuuck".
    const word = (length: number) => {
      let result = '';
      while (result.length < length) {
        const letter = letters[Math.floor(random() * letters.length)]!;
        if (!result.endsWith(letter + letter)) result += letter;
      }
      return result;
    };
    const prefixes = [...new Set(Array.from({ length: 40 }, () => word(1 + Math.floor(random() * 9))))].filter((p) => p.length > 1);
    const lexicon: CompiledPack = { ...base, rules: [termsRule('conduct/test-prefixes', prefixes.map((p) => `${p}*`), 'A prefix term.', base.rules[0]!.policy)] };
    for (let round = 0; round < 200; round++) {
      const words = Array.from({ length: 30 }, () => word(1 + Math.floor(random() * 14)));
      const expected = words.filter((w) => prefixes.some((p) => w.startsWith(p)));
      expect(analyze(words.join(' '), lexicon).map((finding) => finding.text)).toEqual(expected);
    }
  });
});
