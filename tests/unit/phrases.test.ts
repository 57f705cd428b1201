// The scan picks candidate words with bit sets (single first words, first-word pairs); the trie
// then checks them exactly. A candidate missed there is a term never found: every term of the
// default pack must be found in a sentence, wherever it stands.
import { describe, expect, it } from 'vitest';
import { matchPhrases, matchWithin } from '../../rules/engine/phrases';
import { mayStartGroup, preparePack } from '../../rules/engine/prepare';
import { stringHash } from '../../rules/engine/termHash';
import { altHash, createWords, scanWords, type Words } from '../../rules/engine/words';
import { analyze } from '../../rules/engine/analyze';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import type { CompiledPack, CompiledRule } from '../../rules/types';
import { asReceived, makePost } from '../bench/makePost';
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

  it('takes for a candidate no word that shares only the low bits of a one-word term\'s hash', () => {
    const base = loadPack(DEFAULT_PACK_DIR);
    const pack: CompiledPack = { ...base, rules: [termsRule('conduct/test-root', ['habitat'], 'A one-word term.', base.rules[0]!.policy)] };
    const filter = preparePack(pack).filter;
    const target = stringHash('habitat');
    // A word of six letters whose hash has the term's 16 low bits and other high bits.
    const random = createRandom(7);
    let twin = '';
    while (twin === '') {
      const word = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join('');
      const h = stringHash(word);
      if ((h & 0xffff) === (target & 0xffff) && h >>> 16 !== target >>> 16) twin = word;
    }
    const words = createWords();
    scanWords(`the ${twin} here`, words, filter);
    expect(words.candidateCount).toBe(0);
    scanWords('the habitat here', words, filter);
    expect(Array.from(words.candidate.subarray(0, words.candidateCount))).toEqual([1]);
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

describe('group starts', () => {
  const pack = loadPack(DEFAULT_PACK_DIR);
  const prepared = preparePack(pack);
  const { groupStarts } = prepared;
  const patterns = pack.rules.flatMap((rule, r) => (rule.kind === 'pattern' && rule.near.length > 1 ? [{ rule, r }] : []));

  it('let through the first word of every term of a pattern\'s other groups, plain or stretched', () => {
    expect(patterns.length).toBeGreaterThan(100);
    const words = createWords();
    const missed: string[] = [];
    for (const { rule, r } of patterns) {
      rule.near.slice(1).forEach((terms, k) => {
        const set = groupStarts.first[r]! + k;
        for (const term of terms) {
          // "Sooo" is read by the scan's general loop, which keeps a second hash for stretched words.
          for (const text of [`We said ${written(term)} today`, `Sooo ${written(term).replace(/([a-z])/, '$1$1$1')} today`]) {
            scanWords(text, words, prepared.filter);
            const first = text.startsWith('We') ? 2 : 1;
            if (!mayStartGroup(groupStarts, set, words.hash[first]!) && !mayStartGroup(groupStarts, set, altHash(words, first))) missed.push(`${rule.id}: ${text}`);
          }
        }
      });
    }
    expect(missed).toEqual([]);
  });

  it('stop most words of ordinary posts', () => {
    const words = createWords();
    let tried = 0;
    let passed = 0;
    for (const locale of ['en', 'fr'] as const) {
      const text = asReceived(makePost(locale, 3000, 1));
      scanWords(text, words, prepared.filter);
      for (const { r, rule } of patterns) {
        for (let k = 0; k + 1 < rule.near.length; k++) {
          for (let w = 0; w < words.count; w++) passed += mayStartGroup(groupStarts, groupStarts.first[r]! + k, words.hash[w]!) ? 1 : 0;
          tried += words.count;
        }
      }
    }
    // The words that start a term of the group, and about one in 16 of the others.
    expect(passed / tried).toBeLessThan(0.1);
  });

  it('let every word through for a group with a one-word prefix term', () => {
    const rule = { ...pack.rules.find((rule) => rule.kind === 'pattern' && rule.near.length === 2)! } as Extract<CompiledRule, { kind: 'pattern' }>;
    const withPrefix = preparePack({ ...pack, rules: [{ ...rule, near: [rule.near[0]!, ['leak*', 'our scoop']] }] });
    for (const word of ['leaked', 'anything', 'our']) expect(mayStartGroup(withPrefix.groupStarts, 0, stringHash(word))).toBe(true);
    const withoutPrefix = preparePack({ ...pack, rules: [{ ...rule, near: [rule.near[0]!, ['our scoop']] }] });
    expect(mayStartGroup(withoutPrefix.groupStarts, 0, stringHash('our'))).toBe(true);
    expect(['leaked', 'anything', 'scoop'].filter((word) => mayStartGroup(withoutPrefix.groupStarts, 0, stringHash(word)))).toEqual([]);
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
