// The fast word scanner must read a text exactly as the reference normaliser does: same words,
// same hashes, same original offsets, same hard breaks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAR, createNormalized, normalizeInto } from '../../rules/engine/normalize';
import { wordHash } from '../../rules/engine/termHash';
import { createWords, emptyWordFilter as emptyFilter, NUMBER_ABBREVIATIONS, prefixHash, scanWords, TITLES } from '../../rules/engine/words';
import { BEARER_WORDS, PASS_WORDS, SEPARATOR_KEYWORDS } from '../../rules/detectors/keywords';

function reference(text: string) {
  const n = createNormalized();
  normalizeInto(text, n);
  return Array.from({ length: n.tokenCount }, (_, t) => {
    const s = n.tokenStart[t];
    const e = n.tokenEnd[t];
    return { hash: wordHash(n.chars, s, e) | 0, start: n.from[s], end: n.to[e - 1], bar: t > 0 && n.chars[s - 1] === BAR ? 1 : 0 };
  });
}

/** No root sets: only the words themselves are compared here. */

function fast(text: string) {
  const words = createWords();
  scanWords(text, words, emptyFilter((1 << 1) | (1 << 3)));
  return Array.from({ length: words.count }, (_, t) => ({
    hash: words.hash[t],
    start: words.start[t],
    end: words.end[t],
    bar: t > 0 ? words.barBefore[t] : 0,
  }));
}

const pieces = fc.constantFrom(
  'a', 'b', 'e', 'o', 's', 'A', 'É', 'é', 'e\u0301', 'ß', 'œ', 'ﬃ', 'İ', 'ı', 'а', '0', '1', '3', '4', '5', '7', '9', '@', '$', '!', '#', '%',
  ' ', '  ', '\n', '.', ',', "'", '’', '-', '\u200b', '\u00ad', '\u0301', '😀', '𝐟', '\ud800', '\udc00', 'ﷺ', 'uuu', 'ooooo', 'www.', 'sh1t', '@ss', 'b!tch', '3rd', '10am', 'wow!!', '!a',
);
const texts = fc.oneof(fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 40 }));

describe('scanWords', () => {
  it('agrees with the reference normaliser on any text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(fast(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the hash of the first L chars of any word, as the reference reads it', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const n = createNormalized();
        normalizeInto(text, n);
        const words = createWords();
        scanWords(text, words, emptyFilter((1 << 1) | (1 << 2) | (1 << 3) | (1 << 5)));
        for (let t = 0; t < n.tokenCount; t++) {
          for (const length of [1, 2, 3, 5]) {
            if (length > n.tokenEnd[t] - n.tokenStart[t]) continue;
            expect(prefixHash(words, text, t, length)).toBe(wordHash(n.chars, n.tokenStart[t], n.tokenStart[t] + length) | 0);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the sentence ends that a regular expression finds', () => {
    const sentenceEnd = /[.!?\u2026\u3002](?=[\s\u00a0]|$)|\n/g;
    // The dot of a title before a name ends no sentence.
    const title = new RegExp(`(?:^|[^\\p{L}\\p{N}\\p{M}_])(?:${[...TITLES].join('|')})$`, 'iu');
    // Nor does the dot of "no." before a space and a digit.
    const numberWord = new RegExp(`(?:^|[^\\p{L}\\p{N}\\p{M}_])(?:${[...NUMBER_ABBREVIATIONS].join('|')})$`, 'iu');
    const numberDot = (text: string, at: number) => numberWord.test(text.slice(0, at)) && /^\.\s\d/.test(text.slice(at));
    // An emoji (with its skin tone, its variation selector), then whitespace without a line break, then a capital.
    const emojiEnd = /[\u{1F000}-\u{1FAFF}\u2600-\u27BF\u2B00-\u2BFF][\u{1F3FB}-\u{1F3FF}]?\uFE0F?(?=[^\S\n]+[A-Z\u00C0-\u00D6\u00D8-\u00DE])/gu;
    fc.assert(
      fc.property(fc.oneof(texts, fc.array(fc.constantFrom('a', 'Ok', '.', '!', '?', '…', '。', ' ', '\n', '\u00a0', '\u2029', '#', '😀', '☕', '❤️', '👍🏽', 'É', '!a', '1.5', '2', 'Mrs', 'M', 'dr', 'é', 'Prof', 'Ms.', 'no', 'No.', 'ref'), { maxLength: 20 }).map((p) => p.join(''))), (text) => {
        const words = createWords();
        scanWords(text, words, emptyFilter(0));
        const expected = [
          ...[...text.matchAll(sentenceEnd)].filter((m) => m[0] !== '.' || (!title.test(text.slice(0, m.index)) && !numberDot(text, m.index))).map((m) => m.index + 1),
          ...[...text.matchAll(emojiEnd)].map((m) => m.index + m[0].length),
        ].sort((a, b) => a - b);
        expect(Array.from(words.sentenceEnd.subarray(0, words.sentenceCount))).toEqual(expected);
        // The words before each end end at or before it, the words after start at or after it.
        for (let k = 0; k < words.sentenceCount; k++) {
          const first = words.sentenceWord[k]!;
          if (first > 0) expect(words.end[first - 1], `${JSON.stringify(text)}: end ${k}`).toBeLessThanOrEqual(words.sentenceEnd[k]!);
          if (first < words.count) expect(words.start[first], `${JSON.stringify(text)}: end ${k}`).toBeGreaterThanOrEqual(words.sentenceEnd[k]!);
        }
      }),
      { numRuns: 3000 },
    );
  });

  /** What the scan of `text` tells detectors. */
  const facts = (text: string) => {
    const words = createWords();
    scanWords(text, words, emptyFilter(0));
    return { ...words.facts };
  };

  it('tells detectors how long the longest digit run is and whether there is an @', () => {
    expect(facts('Card 4111 1111 1111 1111 ok')).toEqual({ digitRun: 16, dottedNumbers: 1, atSign: false, keywords: 0 });
    expect(facts('In 2024 we grew 38% and shipped 14 releases')).toEqual({ digitRun: 4, dottedNumbers: 1, atSign: false, keywords: 0 });
    expect(facts('Call +33 6 12 34 56 78 now').digitRun).toBeGreaterThanOrEqual(11);
    expect(facts('write to bob@example.com').atSign).toBe(true);
    expect(facts('no numbers here')).toEqual({ digitRun: 0, dottedNumbers: 0, atSign: false, keywords: 0 });
  });

  it('counts numbers joined by single dots, which an IPv4 address needs four of', () => {
    const dotted = (text: string) => facts(text).dottedNumbers;
    expect(dotted('Ping 10.0.0.12 now')).toBe(4);
    expect(dotted('Chrome 120.0.6099.71 is out')).toBe(4);
    expect(dotted('Load time went from 2.4 s to 1.1 s.')).toBe(2);
    expect(dotted('See 1. 2. 3. 4.')).toBe(1);
    expect(dotted('v1.2.3.4')).toBe(4);
    // "b4" (a leet candidate) takes the general loop, whose span takes the dot after it in.
    expect(dotted('b4.2.3.4')).toBe(4);
  });

  /** The sentence ends the scan finds in `text`. */
  const ends = (text: string) => {
    const words = createWords();
    scanWords(text, words, emptyFilter(0));
    return Array.from(words.sentenceEnd.subarray(0, words.sentenceCount));
  };

  it('reads the dot of a title before a name as no sentence end', () => {
    expect(ends('Lunch with Mrs. Okafor. Great talk.')).toEqual([23, 35]);
    expect(ends('Merci à M. Dupont et Mme. Roy !')).toEqual([31]);
    expect(ends('We hit 5 GW. Next: more.')).toEqual([12, 24]);
    expect(ends('Plan A. Then dumb. Then Mrsm. ok')).toEqual([7, 18, 29]);
    expect(ends('Account no. 2290-7781. Call back.')).toEqual([22, 33]);
    expect(ends('I said no. Then left. Réf. 12 ok')).toEqual([10, 21, 26]);
  });

  it('ends a sentence at an emoji followed by a capital, as posts often do', () => {
    expect(ends('Far too much pizza 🍕 Our interns presented today')).toEqual([21]);
    expect(ends('Bravo 👏🏽  Équipe au top ☕ merci')).toEqual([10]);
    expect(ends('We love it ❤️ Next week: more')).toEqual([13]);
    // Not before a lower-case word, a digit or a hashtag; a line break already ends the sentence.
    expect(ends('so good 😀 and more 🚀 2024 was 🎉 #team')).toEqual([]);
    expect(ends('Done 🚀\nNext')).toEqual([8]);
  });

  it('tells detectors which keyword families the text holds', () => {
    const keywords = (text: string) => {
      const words = createWords();
      scanWords(text, words, emptyFilter(0));
      return words.facts.keywords;
    };
    expect(keywords('The key to success: patience')).toBe(SEPARATOR_KEYWORDS);
    expect(keywords('DB_PASSWORD=hunter2')).toBe(PASS_WORDS | SEPARATOR_KEYWORDS);
    expect(keywords('Mon mot de passe : Chat-Noir-42')).toBe(PASS_WORDS);
    expect(keywords('MOTS DE PASSE 🔑 à changer')).toBe(PASS_WORDS);
    // "passé" reads "passe", a keyword only after "de".
    expect(keywords('Nous avons passé trois jours à Lyon, passe nous voir')).toBe(0);
    expect(keywords('Authorization: Bearer abc')).toBe(BEARER_WORDS | SEPARATOR_KEYWORDS);
    expect(keywords('clientSecret=1; apiKey: x')).toBe(SEPARATOR_KEYWORDS);
    expect(keywords('Password reset, passkeys, keynote, tokens, bearers')).toBe(PASS_WORDS | SEPARATOR_KEYWORDS);
    expect(keywords('Passkeys, keynotes, tokens and bearers')).toBe(0);
  });

  it('gives the hash of the first chars of a normalised word', () => {
    const words = createWords();
    const text = 'Leaked FUUUCK';
    scanWords(text, words, emptyFilter((1 << 4) | (1 << 3)));
    const prefixOf = (w: number, l: number) => prefixHash(words, text, w, l);
    const codes = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    expect(prefixOf(0, 4)).toBe(wordHash(codes('leak'), 0, 4) | 0);
    expect(prefixOf(1, 3)).toBe(wordHash(codes('fuc'), 0, 3) | 0);
  });
});
