// The fast path of normalisation: one pass over the text that yields words, not chars. Each
// word is an FNV-1a hash of its normalised letters (the same as `wordHash` over the output of
// normalize.ts), its original [start, end) and whether a hard break precedes it. Terms are
// matched word by word against hashes (phrases.ts), so nothing is written per character.
//
// Words that hold leet candidates (digits with letters, @ $ !) or compatibility digits take the
// reference path: normalize.ts on that word alone. Both paths give the same words.
import {
  BANG,
  BAR,
  continuesWord,
  createNormalized,
  DROP,
  foldTable,
  foldUncommon,
  HASH,
  LEET,
  MULTI,
  multiFold,
  normalizeInto,
  SPACE,
  uncommon,
} from './normalize';
import type { TextFacts } from '../detectors/types';
import { isWordCharAt } from '../detectors/isWordCharAt';
import { KEYWORD_AFTER, KEYWORD_FAMILIES } from '../detectors/keywords';
import { stringHash } from './termHash';

/**
 * Every char of a text is read as `charCodeAt.call(text, i)`, not `text.charCodeAt(i)`. The
 * method call loads `charCodeAt` from the string, and V8 keys that load on the string's map:
 * flat, internalized, cons, sliced and thin strings, one-byte or two-byte, each have their own.
 * Texts of real use reach more than four, the load goes megamorphic and every char read becomes
 * a call: after a warm-up on varied texts the scan took 59-66 µs a bench post (4.9-5.1× a bare
 * tokenizer loop in the same process) against 25-27 (2.1-2.2×) without. A constant function
 * called with `.call` has no such feedback, and V8 reads the char inline whatever the string:
 * 2.1-2.4× the loop after the same warm-up. (Other files do the same; see README, Speed.) Each
 * file declares its own `charCodeAt`: imported from one shared module, the scan ran 1.8× slower
 * (4.0× the loop against 2.2×, with or without the warm-up, under tsx).
 */
const charCodeAt = String.prototype.charCodeAt;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const HASH_WORD = Math.imul(FNV_OFFSET ^ HASH, FNV_PRIME);
/** Prefix snapshots are kept for prefix lengths 1..MAX_PREFIX. */
export const MAX_PREFIX = 31;

export interface Words {
  count: number;
  hash: Int32Array;
  /**
   * The hash with letter runs capped at two instead of squeezed to one ("boooobies" reads
   * "bobies", and also "boobies"). Written for general words only: read it with `altHash`.
   */
  alt: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Normalised length, in chars. Written for general words only: read it with `wordSize`. */
  size: Int32Array;
  /** 1 when a hard break (sentence punctuation) separates the word from the previous one. */
  barBefore: Uint8Array;
  /**
   * 1 for words read by the general loop: their chars are not the text's units folded one by
   * one, so the hashes of their first L chars are kept, at prefix[word * slots + slotOf[L]],
   * for the lengths asked. (See `prefixHash`.)
   */
  general: Uint8Array;
  prefix: Int32Array;
  slots: number;
  slotOf: Int8Array;
  /**
   * Words that may start a term (their hash, or a prefix snapshot, is in the filter's root
   * sets), in order: `candidate[0 .. candidateCount)`. Words read by the general loop are
   * always candidates.
   */
  candidate: Int32Array;
  candidateCount: number;
  /**
   * For plain candidate words: bit L set when the hash of the first L chars is in the filter's
   * `rootPrefix` (one-word prefix terms to look up). General words ignore it.
   */
  prefixHits: Int32Array;
  /**
   * Where sentences end (the offset after the char): ". ! ? … 。" followed by whitespace or the
   * end of the text, line breaks, and an emoji followed by whitespace and a capital letter
   * ("pizza 🍕 Our interns"); ascending, `sentenceEnd[0 .. sentenceCount)`.
   */
  sentenceEnd: Int32Array;
  /** For sentence end s, how many words come before it: the first word after it is word sentenceWord[s]. */
  sentenceWord: Int32Array;
  sentenceCount: number;
  /**
   * Words that may open a hashed term (flagged HASHED_FIRST: their hash's low 16 bits are a
   * first-word bucket of some hashed-terms rule), in order: `hashedFirst[0 .. hashedFirstCount)`.
   */
  hashedFirst: Int32Array;
  hashedFirstCount: number;
  /** What detectors may skip on (see `TextFacts` in rules/detectors). */
  facts: TextFacts;
}

/**
 * What the scan needs of the terms to pick candidates: see `PhraseIndex` (phrases.ts), which is
 * one. Bit sets may hold false positives (the matcher checks candidates exactly), never misses.
 */
export interface WordFilter {
  /** Bit L set when some prefix term ends with a word prefix of L chars. */
  prefixLengths: number;
  /** The same for one-word prefix terms: the scan tests those prefixes against `rootPrefix`. */
  rootPrefixLengths: number;
  /** 65,536-bit set of the low bits of the prefix hashes of one-word prefix terms. */
  rootPrefix: Uint8Array;
  /**
   * The same for the shorter starts of those prefixes ("l", "le", "lea" of `leak*`): a word whose
   * first chars are none of them can start no prefix term past them, and is read no further.
   */
  rootPrefixPath: Uint8Array;
  /**
   * Per low 16 bits of a word hash, what the scan looks up for every word in one load (see
   * `createRootFlags`): ROOT_WORD for the first words of terms that no pair below covers,
   * PAIR_FIRST for the first words in `rootPairs`, the detectors' keywords, and HASHED_FIRST
   * for the first-word buckets of hashed terms (see termHash.ts).
   */
  rootFlags: Uint8Array;
  /** PAIR_BITS-bit set of `pairKey(first, second)` for the first two words of the other terms. */
  rootPairs: Uint8Array;
  /**
   * 65,536-bit set of the high 16 bits of the ROOT_WORD words' hashes (see `isRootWord`). The
   * default pack flags 4,300 of the 65,536 slots ROOT_WORD, so one word in 15 that starts no term
   * shares a slot with one that does: "our" and "this" do, 12 times an English bench post.
   */
  rootHigh: Uint8Array;
}

export const ROOT_WORD = 1;
export const PAIR_FIRST = 2;
const KEYWORD = 4;
export const HASHED_FIRST = 8;

/** `WordFilter.rootFlags` with no term yet: the keywords only. Terms add ROOT_WORD and PAIR_FIRST with `markRoot`. */
export function createRootFlags(): Uint8Array {
  const flags = new Uint8Array(0x10000);
  for (const h of keywordHashes) flags[h & 0xffff] |= KEYWORD;
  return flags;
}

export const markRoot = (flags: Uint8Array, h: number, flag: typeof ROOT_WORD | typeof PAIR_FIRST | typeof HASHED_FIRST): void => {
  flags[h & 0xffff] |= flag;
};

export const PAIR_BITS = 1 << 18;

/** Whether a word of hash h, whose `rootFlags` are `flags`, may start a term on its own: flagged ROOT_WORD, its high bits in `rootHigh` too. */
export const isRootWord = (rootHigh: Uint8Array, flags: number, h: number): boolean => (flags & ROOT_WORD) !== 0 && hasBit(rootHigh, h >>> 16);

/** A filter with no terms (every root set empty): the scan still hashes every word, and picks no candidate. */
export function emptyWordFilter(prefixLengths = 0): WordFilter {
  return {
    prefixLengths,
    rootPrefixLengths: 0,
    rootPrefix: new Uint8Array(0x2000),
    rootPrefixPath: new Uint8Array(0x2000),
    rootFlags: createRootFlags(),
    rootPairs: new Uint8Array(PAIR_BITS >> 3),
    rootHigh: new Uint8Array(0x2000),
  };
}

/** Where the pair of word hashes (first, second) sits in a `rootPairs` set. */
export function pairKey(first: number, second: number): number {
  const k = Math.imul(first ^ Math.imul(second, 0x9e3779b1), 0x85ebca6b);
  return (k ^ (k >>> 15)) & (PAIR_BITS - 1);
}

export function createWords(): Words {
  return {
    count: 0,
    hash: new Int32Array(0),
    alt: new Int32Array(0),
    start: new Int32Array(0),
    end: new Int32Array(0),
    size: new Int32Array(0),
    barBefore: new Uint8Array(0),
    general: new Uint8Array(0),
    prefix: new Int32Array(0),
    slots: 0,
    slotOf: new Int8Array(MAX_PREFIX + 1).fill(-1),
    candidate: new Int32Array(0),
    candidateCount: 0,
    prefixHits: new Int32Array(0),
    sentenceEnd: new Int32Array(0),
    sentenceWord: new Int32Array(0),
    sentenceCount: 0,
    hashedFirst: new Int32Array(0),
    hashedFirstCount: 0,
    facts: { digitRun: 0, dottedNumbers: 0, atSign: false, keywords: 0 },
  };
}

/** Sizes the buffers for a text of `length` units and the prefix lengths in `prefixLengths` (bit L = length L). */
function prepare(words: Words, length: number, prefixLengths: number): void {
  // A word and its separator take two units at least.
  const maxWords = (length >> 1) + 2;
  if (words.sentenceEnd.length <= length) {
    words.sentenceEnd = new Int32Array(length + 1);
    words.sentenceWord = new Int32Array(length + 1);
  }
  if (words.hash.length < maxWords) {
    const size = Math.max(maxWords, words.hash.length * 2, 256);
    words.hash = new Int32Array(size);
    words.alt = new Int32Array(size);
    words.start = new Int32Array(size);
    words.end = new Int32Array(size);
    words.size = new Int32Array(size);
    words.barBefore = new Uint8Array(size);
    words.general = new Uint8Array(size);
    words.candidate = new Int32Array(size);
    words.prefixHits = new Int32Array(size);
    words.hashedFirst = new Int32Array(size);
  } else words.general.fill(0, 0, maxWords);
  let slots = 0;
  for (let l = 0; l <= MAX_PREFIX; l++) words.slotOf[l] = prefixLengths & (1 << l) ? slots++ : -1;
  words.slots = slots;
  if (words.prefix.length < words.hash.length * slots) words.prefix = new Int32Array(words.hash.length * slots);
  words.count = 0;
  words.candidateCount = 0;
  words.sentenceCount = 0;
  words.hashedFirstCount = 0;
  words.facts.atSign = false;
}

/**
 * Line breaks, and . ! ? … 。 before whitespace (as RegExp's \s) or the end of the text, except
 * the dot of an abbreviation that sits inside sentences: a title before a name ("Mrs. Okafor",
 * "M. Dupont", "St. Louis"), which would cut the sentence that patterns about that person read,
 * and "vs." or "cf.", and "no." before a number ("account no. 2290").
 */
function noteSentenceEnd(text: string, at: number, words: Words, wordCount: number): void {
  const unit = charCodeAt.call(text, at);
  if (unit !== 10) {
    if (unit !== 46 && unit !== 33 && unit !== 63 && unit !== 0x2026 && unit !== 0x3002) return;
    if (at + 1 < text.length && !isWhitespace(charCodeAt.call(text, at + 1))) return;
    if (unit === 46 && (isTitleDot(text, at) || isNumberDot(text, at))) return;
  }
  words.sentenceWord[words.sentenceCount] = wordCount;
  words.sentenceEnd[words.sentenceCount++] = at + 1;
}

export const TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'mme', 'mlle', 'mm', 'm', 'st', 'vs', 'cf']);

/** Abbreviations of "number" and "reference" before a number: "account no. 2290", "réf. 12". */
export const NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set(['no', 'nr', 'num', 'ref', 'tel']);

/** A word of up to 6 ASCII letters as a number, read backwards, case folded: 5 bits a letter (a = 1). */
function backwardsCode(word: string): number {
  let code = 0;
  for (let k = word.length - 1; k >= 0; k--) code = code * 32 + ((charCodeAt.call(word, k) | 32) - 96);
  return code;
}
const TITLE_CODES = new Set([...TITLES].map(backwardsCode));
const NUMBER_ABBREVIATION_CODES = new Set([...NUMBER_ABBREVIATIONS].map(backwardsCode));

/** Whether the dot at `at` ends a word of TITLES (ASCII letters, nothing word-like before them). */
const isTitleDot = (text: string, at: number): boolean => endsWithOneOf(text, at, TITLE_CODES, 4);

/** Whether the dot at `at` ends one of NUMBER_ABBREVIATIONS and a space and a digit follow. */
function isNumberDot(text: string, at: number): boolean {
  // Reading past the end would return NaN, and V8 would throw the optimized scan away for it.
  if (at + 2 >= text.length) return false;
  const next = charCodeAt.call(text, at + 2);
  return next >= 48 && next <= 57 && isWhitespace(charCodeAt.call(text, at + 1)) && endsWithOneOf(text, at, NUMBER_ABBREVIATION_CODES, 3);
}

/**
 * Whether text[.., at) ends with a word of `codes` (see `backwardsCode`): up to `maxLength`
 * ASCII letters, nothing word-like before them. Reads a handful of chars and allocates nothing.
 */
function endsWithOneOf(text: string, at: number, codes: ReadonlySet<number>, maxLength: number): boolean {
  let k = at;
  let code = 0;
  // k > 0 before each read: text[-1] would be NaN, which, like isNumberDot's read past the end,
  // makes V8 throw the optimized scan away.
  for (; k > 0 && at - k < maxLength; k--) {
    const c = charCodeAt.call(text, k - 1);
    if (!isAsciiLetter(c)) break;
    code = code * 32 + ((c | 32) - 96);
  }
  // A longer word (most words before a full stop) is ruled out by the letter before, without a lookup.
  return k < at && (k === 0 || !isAsciiLetter(charCodeAt.call(text, k - 1))) && codes.has(code) && !isWordCharAt(text, k - 1);
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether `c` is an upper-case letter that can open a sentence: A-Z, À-Þ (not ×). */
const isCapital = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);

/**
 * Posts often end a sentence with an emoji instead of a full stop. When the capital at `at`
 * follows whitespace after an emoji (a pictograph of the supplementary planes, or of the BMP's
 * symbol blocks, with its variation selector or skin tone), the sentence ends after the emoji.
 */
function noteEmojiEnd(text: string, at: number, words: Words, wordCount: number): void {
  let k = at;
  while (k > 0 && isWhitespace(charCodeAt.call(text, k - 1))) k--;
  if (k === at || k === 0) return;
  const end = k;
  let c = charCodeAt.call(text, k - 1);
  // Variation selector-16, then a skin tone (U+1F3FB-1F3FF: \uD83C\uDFFB-\uDFFF), may follow the pictograph.
  if (c === 0xfe0f) c = --k > 0 ? charCodeAt.call(text, k - 1) : 0;
  if (c >= 0xdffb && c <= 0xdfff && k > 1 && charCodeAt.call(text, k - 2) === 0xd83c) {
    k -= 2;
    c = k > 0 ? charCodeAt.call(text, k - 1) : 0;
  }
  const pictograph = (c >= 0xdc00 && c <= 0xdfff && k > 1 && isPictographHigh(charCodeAt.call(text, k - 2))) || isBmpPictograph(c);
  if (!pictograph) return;
  if (words.sentenceCount > 0 && words.sentenceEnd[words.sentenceCount - 1] >= end) return;
  words.sentenceWord[words.sentenceCount] = wordCount;
  words.sentenceEnd[words.sentenceCount++] = end;
}

/** High surrogates of U+1F000-1FAFF (emoji, symbols and pictographs). */
const isPictographHigh = (c: number): boolean => c >= 0xd83c && c <= 0xd83e;

/** The BMP's symbol blocks that `noteEmojiEnd` takes for emoji (U+2600-27BF, U+2B00-2BFF). */
const isBmpPictograph = (c: number): boolean => (c >= 0x2600 && c <= 0x27bf) || (c >= 0x2b00 && c <= 0x2bff);

/**
 * Set when the general loop reads a unit of an emoji; the fast loop clears it at the next word
 * of letters, which looks back for an emoji (`noteEmojiEnd`) only while it is set. Emoji never
 * take the fast loop: their units are not cached in `charInfo`.
 */
let pictographSeen = false;

/**
 * 65,536-bit sets keyed by the low 16 bits of a number: word hashes (the root sets of the filter
 * and the phrase index, the detectors' keywords) and hashed-term buckets.
 */
export const hasBit = (bits: Uint8Array, h: number): boolean => (bits[(h & 0xffff) >> 3] & (1 << (h & 7))) !== 0;
export const setBit = (bits: Uint8Array, h: number): void => {
  bits[(h & 0xffff) >> 3] |= 1 << (h & 7);
};
/** PAIR_BITS-bit sets keyed by `pairKey` (and, in the phrase index, by longer keys of the same range). */
export const hasPairBit = (bits: Uint8Array, k: number): boolean => (bits[k >> 3] & (1 << (k & 7))) !== 0;
export const setPairBit = (bits: Uint8Array, k: number): void => {
  bits[k >> 3] |= 1 << (k & 7);
};
export const hasPair = (bits: Uint8Array, first: number, second: number): boolean => hasPairBit(bits, pairKey(first, second));

const single = createNormalized(64);
/** Set by `slowWord`: whether a hard break is pending after the word(s) it wrote. */
let trailingBar = 0;

// What the fast loop needs to know of a code unit, filled from foldTable as units are met
// (0 = anything else: not folded yet, dropped, ligature, surrogate, ! @ $, which the general
// loop handles). Bits, so that a word's kinds can be or-ed together.
const LETTER = 1;
const DIGIT = 2;
const LEET_DIGIT = 4;
const SPACE_KIND = 8;
const BAR_KIND = 16;
const HASH_KIND = 32;
/** kind << 16 | folded char, per BMP code unit. */
const charInfo = new Int32Array(0x10000);

function kindOf(code: number): number {
  if (code === SPACE) return SPACE_KIND;
  if (code === BAR) return BAR_KIND;
  if (code === HASH) return HASH_KIND;
  if (code >= 48 && code <= 57) return LEET[code] !== 0 ? LEET_DIGIT : DIGIT;
  if ((code >= 97 && code <= 122) || (code >= 128 && code !== DROP && code !== MULTI)) return LETTER;
  return 0;
}

for (let unit = 0; unit < 0x80; unit++) charInfo[unit] = (kindOf(foldTable[unit]) << 16) | foldTable[unit];

/** Shared by the fast and the general loop of one scan. */
let count = 0;
let bar = 0;
/** Set by the general loop when it reads an ASCII digit. */
let generalDigit = false;
// Digit runs: words holding a digit, less than 4 chars apart, their lengths added up.
let digitRun = 0;
let digitRunEnd = -8;
let longestRun = 0;
// Words holding a digit joined by single dots: how many in a row.
let dottedRun = 0;
let longestDottedRun = 0;

/** [start, end) holds a digit: it extends the current digit run or starts one. */
function noteDigits(text: string, start: number, end: number): void {
  // Joined to the one before by a dot alone ("192.168"): the general loop's spans take the
  // separator after the word in, so the dot may end the previous span.
  const dotted = start > 0 && start - digitRunEnd <= 1 && charCodeAt.call(text, start - 1) === 46;
  dottedRun = dotted ? dottedRun + 1 : 1;
  if (dottedRun > longestDottedRun) longestDottedRun = dottedRun;
  digitRun = start - digitRunEnd <= 3 ? digitRun + end - start : end - start;
  digitRunEnd = end;
  if (digitRun > longestRun) longestRun = digitRun;
}

/**
 * Makes the word before `word` a candidate, unless it is one already (then it was one on its
 * own, so it had no prefix hit); returns the new candidate count.
 */
function markWordBefore(words: Words, word: number, candidates: number): number {
  if (word === 0 || (candidates > 0 && words.candidate[candidates - 1] === word - 1)) return candidates;
  words.prefixHits[word - 1] = 0;
  words.candidate[candidates] = word - 1;
  return candidates + 1;
}

/** "#ad" is the word "#" then the word "ad" (see normalize.ts). */
function pushHashWord(words: Words, at: number, prefixLengths: number): void {
  words.hash[count] = HASH_WORD;
  words.alt[count] = HASH_WORD;
  words.start[count] = at;
  words.end[count] = at + 1;
  words.size[count] = 1;
  if ((prefixLengths & 2) !== 0) words.prefix[count * words.slots + words.slotOf[1]] = HASH_WORD; // read when the general loop wrote it
  words.barBefore[count++] = bar;
  bar = 0;
}

export function scanWords(text: string, words: Words, filter: WordFilter): void {
  const len = text.length;
  const { prefixLengths, rootPrefixLengths, rootPrefix, rootPrefixPath, rootFlags, rootPairs, rootHigh } = filter;
  const rootPrefixes = rootPrefixLengths !== 0;
  prepare(words, len, prefixLengths);
  const infos = charInfo;
  const { hash, start, end, barBefore, candidate, prefixHits } = words;
  let candidates = 0;
  let keywords = 0;
  digitRun = 0;
  digitRunEnd = -8;
  pictographSeen = false;
  longestRun = 0;
  dottedRun = 0;
  longestDottedRun = 0;
  let wordCount = 0;
  let pendingBar = 0;
  let previousFlags = 0;
  let i = 0;
  // Words of plain letters (one unit, one char, no letter thrice in a row) take this loop, and
  // spaces and sentence punctuation; the rest (digits, "#", letters not folded yet, stretched
  // words) are read out of line by `readOther`, which hands the loop's state back and forth
  // through the module's variables. Kept small: this loop is most of the scan's time.
  while (i < len) {
    let unit = charCodeAt.call(text, i);
    let info = infos[unit];
    let kind = info >>> 16;
    let from = i;
    if (kind === LETTER) {
      if (pictographSeen) {
        pictographSeen = false;
        if (isCapital(unit) && i > 1) noteEmojiEnd(text, i, words, wordCount);
      }
      let h = FNV_OFFSET;
      let previous = -1;
      // Letters equal to the one before, in a row; `runs` ors them, so it is 2 or more once a
      // letter came thrice in a row (a stretched word, which the general loop squeezes). A
      // select rather than a branch: double letters are common and would be mispredicted.
      let run = 0;
      let runs = 0;
      do {
        const c = info & 0xffff;
        run = c === previous ? run + 1 : 0;
        runs |= run;
        previous = c;
        h = Math.imul(h ^ c, FNV_PRIME);
        if (++i === len) {
          kind = SPACE_KIND;
          unit = SPACE;
          break;
        }
        unit = charCodeAt.call(text, i);
        info = infos[unit];
        kind = info >>> 16;
      } while (kind === LETTER);
      if (runs > 1) kind = 0;
      if ((kind & (SPACE_KIND | BAR_KIND | HASH_KIND)) !== 0) {
        hash[wordCount] = h;
        start[wordCount] = from;
        end[wordCount] = i;
        const flags = rootFlags[h & 0xffff];
        // The word before may start a term with this one (after a space, and not a candidate
        // already); this one may start a term.
        if (pendingBar === 0 && (previousFlags & PAIR_FIRST) !== 0 && (candidates === 0 || candidate[candidates - 1] !== wordCount - 1) && hasPair(rootPairs, hash[wordCount - 1], h)) {
          prefixHits[wordCount - 1] = 0; // not a candidate on its own: no prefix hit
          candidate[candidates++] = wordCount - 1;
        }
        const hits = rootPrefixes ? rootPrefixHits(text, from, i, rootPrefixLengths, rootPrefix, rootPrefixPath) : 0;
        if (hits !== 0 || isRootWord(rootHigh, flags, h)) {
          prefixHits[wordCount] = hits;
          candidate[candidates++] = wordCount;
        }
        if ((flags & (KEYWORD | HASHED_FIRST)) !== 0) keywords |= flaggedWord(words, flags, h, wordCount);
        previousFlags = flags;
        barBefore[wordCount++] = pendingBar;
        pendingBar = 0;
        // A plain space after the word is consumed here; other separators by the next turn.
        if (kind === SPACE_KIND && unit !== 10) i++;
        continue;
      }
      // A digit or a letter thrice, or a char not folded yet: read again from the word's start.
      i = from;
      from = -1; // its start was seen: no second look for an emoji before it
    } else if (kind === SPACE_KIND) {
      if (unit === 10) noteSentenceEnd(text, i, words, wordCount);
      i++;
      continue;
    } else if (kind === BAR_KIND) {
      noteSentenceEnd(text, i, words, wordCount);
      pendingBar = 1;
      i++;
      continue;
    }
    count = wordCount;
    bar = pendingBar;
    otherCandidates = candidates;
    otherKeywords = keywords;
    otherPreviousFlags = previousFlags;
    i = readOther(text, i, from === i, words, filter);
    wordCount = count;
    pendingBar = bar;
    candidates = otherCandidates;
    keywords = otherKeywords;
    previousFlags = otherPreviousFlags;
  }
  words.count = wordCount;
  words.candidateCount = candidates;
  words.facts.digitRun = longestRun;
  words.facts.dottedNumbers = longestDottedRun;
  words.facts.keywords = keywords;
}

// The fast loop's state while `readOther` runs (with `count` and `bar`).
let otherCandidates = 0;
let otherKeywords = 0;
let otherPreviousFlags = 0;

/**
 * What the fast loop leaves at `at`: "#", or a word that holds digits, stretched letters or
 * chars it does not know. Words of letters and digits that fold to one char each, with no
 * letter thrice in a row and no leet, are pushed here; any other is read by `scanGeneral`.
 * Returns where the fast loop goes on.
 */
function readOther(text: string, at: number, wordStarts: boolean, words: Words, filter: WordFilter): number {
  const len = text.length;
  const infos = charInfo;
  const { prefixLengths, rootFlags } = filter;
  let i = at;
  let unit = charCodeAt.call(text, i);
  let info = infos[unit];
  let kind = info >>> 16;
  if (kind === HASH_KIND) {
    const afterBreak = bar;
    pushHashWord(words, i, prefixLengths);
    // "#" and the word before it are candidates, like words of the general loop.
    if (afterBreak === 0) otherCandidates = markWordBefore(words, count - 1, otherCandidates);
    words.prefixHits[count - 1] = 0;
    words.candidate[otherCandidates++] = count - 1;
    otherPreviousFlags = rootFlags[HASH_WORD & 0xffff];
    return i + 1;
  }
  const wordStart = i;
  if (wordStarts && isCapital(unit) && i > 1) noteEmojiEnd(text, i, words, count);
  let h = FNV_OFFSET;
  let previous = -1;
  // Letters and digits in one loop (the fast loop leaves digits out to stay small; here speed
  // matters less than in it), noting the kinds of the word's chars.
  let seen = 0;
  for (;;) {
    if (kind === LETTER) {
      const c = info & 0xffff;
      // A letter thrice in a row: a stretched word, which the general loop squeezes.
      if (c === previous && i - wordStart >= 2 && (infos[charCodeAt.call(text, i - 2)] & 0xffff) === c) {
        kind = 0;
        break;
      }
    } else if ((kind & (DIGIT | LEET_DIGIT)) === 0) break;
    seen |= kind;
    previous = info & 0xffff;
    h = Math.imul(h ^ previous, FNV_PRIME);
    if (++i === len) {
      kind = SPACE_KIND;
      unit = SPACE;
      break;
    }
    unit = charCodeAt.call(text, i);
    info = infos[unit];
    kind = info >>> 16;
  }
  if ((kind & (SPACE_KIND | BAR_KIND | HASH_KIND)) !== 0 && (seen & (LETTER | LEET_DIGIT)) !== (LETTER | LEET_DIGIT)) {
    pushPlainWord(text, words, filter, h, wordStart, i);
    if ((seen & (DIGIT | LEET_DIGIT)) !== 0) noteDigits(text, wordStart, i);
    return kind === SPACE_KIND && unit !== 10 ? i + 1 : i;
  }
  const wordCount = count;
  generalDigit = false;
  i = scanGeneral(text, wordStart, words, prefixLengths);
  // What the general loop read counts in a run, whole, when it holds a digit.
  if (generalDigit) noteDigits(text, wordStart, i);
  // Words of the general loop are all candidates, and so is the word before them (a pair).
  if (count > wordCount) otherCandidates = markWordBefore(words, wordCount, otherCandidates);
  for (let w = wordCount; w < count; w++) {
    const flags = rootFlags[words.hash[w] & 0xffff];
    if ((flags & (KEYWORD | HASHED_FIRST)) !== 0) otherKeywords |= flaggedWord(words, flags, words.hash[w], w);
    words.general[w] = 1;
    words.candidate[otherCandidates++] = w;
  }
  if (count > 0) otherPreviousFlags = rootFlags[words.hash[count - 1] & 0xffff];
  return i;
}

/**
 * The fast loop's bookkeeping of a plain word, for the words `readOther` reads. (The fast loop
 * repeats it inline: moving even its pair test into a call made the scan 3% slower.)
 */
function pushPlainWord(text: string, words: Words, filter: WordFilter, h: number, from: number, to: number): void {
  const { rootPrefixLengths, rootPrefix, rootPrefixPath, rootFlags, rootPairs } = filter;
  const { hash, candidate, prefixHits } = words;
  const w = count;
  hash[w] = h;
  words.start[w] = from;
  words.end[w] = to;
  const flags = rootFlags[h & 0xffff];
  if (bar === 0 && (otherPreviousFlags & PAIR_FIRST) !== 0 && (otherCandidates === 0 || candidate[otherCandidates - 1] !== w - 1) && hasPair(rootPairs, hash[w - 1], h)) {
    prefixHits[w - 1] = 0;
    candidate[otherCandidates++] = w - 1;
  }
  const hits = rootPrefixLengths !== 0 ? rootPrefixHits(text, from, to, rootPrefixLengths, rootPrefix, rootPrefixPath) : 0;
  if (hits !== 0 || isRootWord(filter.rootHigh, flags, h)) {
    prefixHits[w] = hits;
    candidate[otherCandidates++] = w;
  }
  if ((flags & (KEYWORD | HASHED_FIRST)) !== 0) otherKeywords |= flaggedWord(words, flags, h, w);
  otherPreviousFlags = flags;
  words.barBefore[w] = bar;
  count = w + 1;
  bar = 0;
}

/** Bit L set when the first L chars of plain word text[start, end) hash into `rootPrefix`, for L in `lengths`. */
function rootPrefixHits(text: string, start: number, end: number, lengths: number, rootPrefix: Uint8Array, path: Uint8Array): number {
  let hits = 0;
  let h = FNV_OFFSET;
  // Up to the longest prefix asked (a word shorter than the shortest one is not read at all).
  const last = Math.min(end - start, 31 - Math.clz32(lengths));
  if (last < 31 - Math.clz32(lengths & -lengths)) return 0;
  for (let n = 1; n <= last; n++) {
    h = Math.imul(h ^ (charInfo[charCodeAt.call(text, start + n - 1)] & 0xffff), FNV_PRIME);
    if ((lengths & (1 << n)) !== 0 && hasBit(rootPrefix, h)) hits |= 1 << n;
    // No longer prefix term starts with these n chars (most words leave the path in a char or two).
    if (!hasBit(path, h)) break;
  }
  return hits;
}

// The detectors' keyword families (see TextFacts.keywords): their words' hashes (flagged KEYWORD
// in every filter's `rootFlags`) and families.
const keywordHashes: number[] = [];
const keywordFlags: number[] = [];
for (const [flag, list] of KEYWORD_FAMILIES) {
  for (const word of list) {
    const h = stringHash(word);
    const k = keywordHashes.indexOf(h);
    if (k === -1) {
      keywordHashes.push(h);
      keywordFlags.push(flag);
    } else keywordFlags[k] |= flag;
  }
}

/** KEYWORD_AFTER by word hash: the hash of the word the keyword must follow. */
const keywordAfter = new Map([...KEYWORD_AFTER].map(([word, before]) => [stringHash(word), stringHash(before)]));

/** Word w (hash h) has `flags` with KEYWORD or HASHED_FIRST: notes it as a hashed term's first word, returns its keyword families. */
function flaggedWord(words: Words, flags: number, h: number, w: number): number {
  if ((flags & HASHED_FIRST) !== 0) words.hashedFirst[words.hashedFirstCount++] = w;
  if ((flags & KEYWORD) === 0) return 0;
  const before = keywordAfter.get(h);
  if (before !== undefined && (w === 0 || words.hash[w - 1] !== before)) return 0;
  return keywordFlagsOf(h);
}

/** The families of a word flagged KEYWORD: none when it only shares the low bits. */
function keywordFlagsOf(h: number): number {
  const k = keywordHashes.indexOf(h);
  return k === -1 ? 0 : keywordFlags[k];
}

/**
 * The general loop: folds every unit (filling the tables), squeezes letter runs, sends leet
 * words to the reference normaliser. Reads from `from` to the end of the first word or
 * separator it meets, and returns where the fast loop goes on.
 */
function scanGeneral(text: string, from: number, words: Words, prefixLengths: number): number {
  const len = text.length;
  const table = foldTable;
  const { hash, alt, start, end, size, barBefore, prefix, slots, slotOf } = words;
  let inWord = false;
  let wordStart = 0;
  let wordEnd = 0;
  let h = 0;
  let hBeforeLast = 0;
  let n = 0;
  let runChar = -1;
  let runLength = 0;
  let hasLetter = false;
  let leetDigit = false;
  let special = false;
  let stretched = false;

  // One step past the end, reading a space there, so the last word ends like any other.
  for (let i = from; i <= len; i++) {
    const unit = i < len ? charCodeAt.call(text, i) : SPACE;
    let code = table[unit];
    const at = i;
    if (unit === 64) words.facts.atSign = true; // '@' never takes the fast loop
    let multi: string | undefined;
    if (code === 0) {
      code = foldUncommon(text, i);
      multi = uncommon.expansion;
      i += uncommon.width - 1;
    }
    if (unit >= 0x2600 && (isPictographHigh(unit) || isBmpPictograph(unit))) pictographSeen = true;
    // Cached folds only (not pairs or lone surrogates), and no emoji, which set pictographSeen here.
    else if (i < len && table[unit] !== 0) charInfo[unit] = (kindOf(code) << 16) | code;
    if (code === SPACE || code === BAR || code === HASH || (code === BANG && !continuesWord(text, i + 1))) {
      if (inWord) {
        if (special || (hasLetter && leetDigit)) {
          count = slowWord(text, wordStart, wordEnd, words, count, bar);
          bar = trailingBar;
        } else {
          hash[count] = h;
          alt[count] = stretched ? cappedHash(text, wordStart, wordEnd) : h;
          start[count] = wordStart;
          end[count] = wordEnd;
          size[count] = n;
          barBefore[count++] = bar;
          bar = 0;
        }
      }
      if (code === HASH) pushHashWord(words, at, prefixLengths);
      else if (code !== SPACE) bar = 1;
      if (i < len) noteSentenceEnd(text, at, words, count);
      return i + 1;
    }
    if (code === DROP) {
      if (inWord && wordEnd === at) wordEnd = i + 1; // a mark belongs to its letter
      continue;
    }
    if (!inWord) {
      inWord = true;
      wordStart = at;
      h = FNV_OFFSET;
      n = 0;
      runChar = -1;
      hasLetter = false;
      leetDigit = false;
      special = false;
      stretched = false;
    }
    wordEnd = i + 1;
    // Ligatures and compatibility forms ("œ", "ﬃ", "𝐟") fold to several chars: each takes the
    // same steps as a plain one. Digits they produce always send the word to the slow path.
    const expansion = code === MULTI ? (multi ?? multiFold.get(unit)!) : undefined;
    const parts = expansion === undefined ? 1 : expansion.length;
    for (let k = 0; k < parts; k++) {
      const c = expansion === undefined ? code : charCodeAt.call(expansion, k);
      if (c >= 48 && c <= 57) generalDigit = true;
      if (c < 97) {
        if (expansion !== undefined || c < 48 || c > 57) special = true;
        else if (LEET[c] !== 0) leetDigit = true;
      } else hasLetter = true;
      if (c === runChar) {
        // Squeeze a run of 3+ identical letters to one: "fuuuck", "sooo".
        if (++runLength >= 3 && c >= 97) {
          if (runLength === 3) {
            h = hBeforeLast;
            n--;
            stretched = true;
          }
          continue;
        }
      } else {
        runChar = c;
        runLength = 1;
      }
      hBeforeLast = h;
      h = Math.imul(h ^ c, FNV_PRIME);
      n++;
      if (n < 32 && (prefixLengths & (1 << n)) !== 0) prefix[count * slots + slotOf[n]] = h;
    }
  }
  return len;
}

/** Plain words fold one unit to one char, with no stretched letters: only general words need these. */
export const altHash = (words: Words, w: number): number => (words.general[w] === 1 ? words.alt[w] : words.hash[w]);
export const wordSize = (words: Words, w: number): number => (words.general[w] === 1 ? words.size[w] : words.end[w] - words.start[w]);

/** The hash of the first `length` chars of word w of `text` (at most its size). */
export function prefixHash(words: Words, text: string, w: number, length: number): number {
  if (words.general[w] === 1) return words.prefix[w * words.slots + words.slotOf[length]];
  let h = FNV_OFFSET;
  for (let i = words.start[w], end = i + length; i < end; i++) h = Math.imul(h ^ (charInfo[charCodeAt.call(text, i)] & 0xffff), FNV_PRIME);
  return h;
}

/** The reference normaliser on one word; returns the new word count. */
function slowWord(text: string, wordStart: number, wordEnd: number, words: Words, count: number, bar: number): number {
  normalizeInto(text.slice(wordStart, wordEnd), single);
  const { chars, from, to, tokenStart, tokenEnd, tokenCount } = single;
  const { slots, slotOf } = words;
  for (let t = 0; t < tokenCount; t++) {
    const s = tokenStart[t];
    const e = tokenEnd[t];
    let h = FNV_OFFSET;
    for (let k = s; k < e; k++) {
      h = Math.imul(h ^ chars[k], FNV_PRIME);
      const l = k - s + 1;
      if (slots > 0 && l <= MAX_PREFIX && slotOf[l] >= 0) words.prefix[count * slots + slotOf[l]] = h;
    }
    words.hash[count] = h;
    words.alt[count] = h;
    words.start[count] = wordStart + from[s];
    words.end[count] = wordStart + to[e - 1];
    words.size[count] = e - s;
    words.barBefore[count] = bar || (s > 0 && chars[s - 1] === BAR) ? 1 : 0;
    bar = 0;
    count++;
  }
  const endsWithBar = single.length > 0 && chars[single.length - 1] === BAR;
  trailingBar = endsWithBar || (tokenCount === 0 && bar) ? 1 : 0;
  return count;
}

/** A plain word's hash with runs of a letter capped at two (see `Words.alt`). */
function cappedHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  let runChar = -1;
  let runLength = 0;
  const add = (c: number) => {
    runLength = c === runChar ? runLength + 1 : 1;
    runChar = c;
    if (runLength <= 2) h = Math.imul(h ^ c, FNV_PRIME);
  };
  for (let i = start; i < end; i++) {
    const unit = charCodeAt.call(text, i);
    let code = foldTable[unit];
    let expansion: string | undefined;
    if (code === 0) {
      code = foldUncommon(text, i);
      expansion = uncommon.expansion;
      i += uncommon.width - 1;
    }
    if (code === MULTI) for (const ch of expansion ?? multiFold.get(unit)!) add(charCodeAt.call(ch, 0));
    else if (code !== DROP) add(code);
  }
  return h;
}
