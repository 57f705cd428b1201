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
   * "bobies", and also "boobies"); equal to `hash` for most words.
   */
  alt: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Normalised length, in chars. */
  size: Int32Array;
  /** 1 when a hard break (sentence punctuation) separates the word from the previous one. */
  barBefore: Uint8Array;
  /** Hash of the first L chars, at prefix[word * slots + slotOf[L]], for the lengths asked. */
  prefix: Int32Array;
  slots: number;
  slotOf: Int8Array;
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
    prefix: new Int32Array(0),
    slots: 0,
    slotOf: new Int8Array(MAX_PREFIX + 1).fill(-1),
  };
}

/** Sizes the buffers for `text` and the prefix lengths in `prefixLengths` (bit L = length L). */
function prepare(words: Words, maxWords: number, prefixLengths: number): void {
  if (words.hash.length < maxWords) {
    const size = Math.max(maxWords, words.hash.length * 2, 256);
    words.hash = new Int32Array(size);
    words.alt = new Int32Array(size);
    words.start = new Int32Array(size);
    words.end = new Int32Array(size);
    words.size = new Int32Array(size);
    words.barBefore = new Uint8Array(size);
  }
  let slots = 0;
  for (let l = 0; l <= MAX_PREFIX; l++) words.slotOf[l] = prefixLengths & (1 << l) ? slots++ : -1;
  words.slots = slots;
  if (words.prefix.length < words.hash.length * slots) words.prefix = new Int32Array(words.hash.length * slots);
  words.count = 0;
}

const single = createNormalized(64);
/** Set by `slowWord`: whether a hard break is pending after the word(s) it wrote. */
let trailingBar = 0;

export function scanWords(text: string, words: Words, prefixLengths: number): void {
  const len = text.length;
  prepare(words, (len >> 1) + 2, prefixLengths);
  const table = foldTable;
  const { hash, alt, start, end, size, barBefore, prefix, slots, slotOf } = words;
  let count = 0;
  let bar = 0;
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
  for (let i = 0; i <= len; i++) {
    const unit = i < len ? text.charCodeAt(i) : SPACE;
    let code = table[unit];
    const at = i;
    let multi: string | undefined;
    if (code === 0) {
      code = foldUncommon(text, i);
      multi = uncommon.expansion;
      i += uncommon.width - 1;
    }
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
        inWord = false;
      }
      if (code === HASH) {
        // "#ad" is the word "#" then the word "ad" (see normalize.ts).
        hash[count] = HASH_WORD;
        alt[count] = HASH_WORD;
        start[count] = at;
        end[count] = i + 1;
        size[count] = 1;
        if ((prefixLengths & 2) !== 0) prefix[count * slots + slotOf[1]] = HASH_WORD;
        barBefore[count++] = bar;
        bar = 0;
      } else if (code !== SPACE) bar = 1;
      continue;
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
      const c = expansion === undefined ? code : expansion.charCodeAt(k);
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
    if (expansion !== undefined) continue;
    // Fast lane: lower-case ASCII letters that do not repeat the previous one need no folding
    // (and no squeeze bookkeeping: a repeat leaves the lane, with runLength 1 for that letter).
    const laneStart = i;
    for (let u = text.charCodeAt(i + 1); u >= 97 && u <= 122 && u !== runChar; u = text.charCodeAt(i + 1)) {
      i++;
      runChar = u;
      h = Math.imul(h ^ u, FNV_PRIME);
      n++;
      if (n < 32 && (prefixLengths & (1 << n)) !== 0) prefix[count * slots + slotOf[n]] = h;
    }
    if (i !== laneStart) {
      runLength = 1;
      hasLetter = true;
      wordEnd = i + 1;
    }
  }
  words.count = count;
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
    const unit = text.charCodeAt(i);
    let code = foldTable[unit];
    let expansion: string | undefined;
    if (code === 0) {
      code = foldUncommon(text, i);
      expansion = uncommon.expansion;
      i += uncommon.width - 1;
    }
    if (code === MULTI) for (const ch of expansion ?? multiFold.get(unit)!) add(ch.charCodeAt(0));
    else if (code !== DROP) add(code);
  }
  return h;
}
