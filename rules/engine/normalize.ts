// Normalisation for term matching. The text becomes a buffer of lower-case letters and digits,
// with SPACE between words and BAR at hard breaks (sentence punctuation). Every normalised char
// keeps the UTF-16 range of the original text it came from, so a match maps back exactly.
//
// Folded away: case, accents and other marks, ligatures, look-alike Cyrillic/Greek letters,
// zero-width characters and soft hyphens (dropped), typographic apostrophes and French elisions
// (l', qu' become word breaks), leet inside words (sh1t, @ss), letters repeated 3+ times.

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

export const SPACE = 32;
export const BAR = 124;
export const BANG = 33;
export const HASH = 35;
const DOLLAR = 36;
const AT = 64;

/** Reusable output of `normalizeInto`: valid up to `length`. */
export interface Normalized {
  length: number;
  chars: Uint16Array;
  /** Original start offset of each normalised char. */
  from: Int32Array;
  /** Original end offset (exclusive) of each normalised char. */
  to: Int32Array;
  /** Normalised [start, end) of each word, valid up to `tokenCount`. */
  tokenStart: Int32Array;
  tokenEnd: Int32Array;
  tokenCount: number;
}

export function createNormalized(capacity = 4096): Normalized {
  return {
    length: 0,
    chars: new Uint16Array(capacity),
    from: new Int32Array(capacity),
    to: new Int32Array(capacity),
    tokenStart: new Int32Array(capacity >> 1),
    tokenEnd: new Int32Array(capacity >> 1),
    tokenCount: 0,
  };
}

// Per-BMP-code-unit fold table, filled lazily: 0 = not computed yet, DROP = emit nothing,
// MULTI = see `multiFold`, anything else = the single folded char.
export const DROP = 0xffff;
export const MULTI = 0xfffe;
/** Read through `foldUnit`-style code only: entries are computed on first use (0 = not yet). */
export const foldTable = new Uint16Array(0x10000);
export const multiFold = new Map<number, string>();
const astralFold = new Map<number, string>();

const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ү: 'y', һ: 'h',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  // Latin letters that NFKD does not decompose
  œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th', ħ: 'h', ŧ: 't', ŀ: 'l', ĸ: 'k',
};

const ZERO_WIDTH = /^[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]$/u;
const MARK = /\p{M}/gu;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]+$/u;
const HARD_BREAK = /^[.,;:!?()[\]{}"«»“”„‟‹›…¿¡。、，；：！？|<>]$/u;
const APOSTROPHE_OR_JOINER = /^[\s'’‘ʼʻ`´′＇\-‐‑‒–—―_/\\+&*~=^•·%]$/u;

/** Fold one code point to its normalised form: '' (drop), ' ', '|', or letters/digits. */
function foldCodePoint(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (cp === AT || cp === DOLLAR || cp === BANG) return ch; // leet candidates, resolved per word
  if (cp === HASH || cp === 0xff03) return '#';
  if (ZERO_WIDTH.test(ch)) return '';
  if (APOSTROPHE_OR_JOINER.test(ch)) return ' ';
  if (HARD_BREAK.test(ch)) return '|';
  const lower = ch.toLowerCase();
  const direct = LOOK_ALIKES[lower];
  if (direct !== undefined) return direct;
  const base = lower.normalize('NFKD').replace(MARK, '');
  if (base === '') return /\p{M}/u.test(ch) ? '' : ' ';
  let out = '';
  for (const c of base.toLowerCase()) out += LOOK_ALIKES[c] ?? c;
  if (LETTER_OR_DIGIT.test(out)) return out;
  if (/\p{P}/u.test(ch)) return '|';
  return ' ';
}

function foldBmp(unit: number): number {
  const folded = foldCodePoint(unit);
  if (unit >= 0xd800 && unit <= 0xdfff) return folded === '' ? DROP : SPACE; // lone surrogate: never cached
  let code: number;
  if (folded.length === 0) code = DROP;
  else if (folded.length === 1) code = charCodeAt.call(folded, 0);
  else {
    multiFold.set(unit, folded);
    code = MULTI;
  }
  foldTable[unit] = code;
  return code;
}

/** Set by `foldUncommon`: how many UTF-16 units it read, and the expansion of a pair. */
export const uncommon = { width: 1, expansion: undefined as string | undefined };

/** Folds text[i] when the table has no entry yet: a surrogate pair, or a first-seen char. */
export function foldUncommon(text: string, i: number): number {
  const unit = charCodeAt.call(text, i);
  const low = charCodeAt.call(text, i + 1);
  if (unit >= 0xd800 && unit <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
    const multi = foldAstral(((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
    uncommon.width = 2;
    uncommon.expansion = multi;
    return multi.length === 0 ? DROP : multi === ' ' ? SPACE : multi === '|' ? BAR : MULTI;
  }
  uncommon.width = 1;
  uncommon.expansion = undefined;
  return foldBmp(unit);
}

function foldAstral(cp: number): string {
  let folded = astralFold.get(cp);
  if (folded === undefined) {
    folded = foldCodePoint(cp);
    astralFold.set(cp, folded);
  }
  return folded;
}

for (let c = 0; c < 128; c++) foldBmp(c);
foldTable[0] = SPACE;

function grow(n: Normalized, need: number): void {
  if (need <= n.chars.length) return;
  let size = n.chars.length * 2;
  while (size < need) size *= 2;
  const chars = new Uint16Array(size);
  const from = new Int32Array(size);
  const to = new Int32Array(size);
  chars.set(n.chars);
  from.set(n.from);
  to.set(n.to);
  n.chars = chars;
  n.from = from;
  n.to = to;
  n.tokenStart = new Int32Array(size >> 1);
  n.tokenEnd = new Int32Array(size >> 1);
}

const isLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 128 && c !== DROP);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordChar = (c: number): boolean => c !== SPACE && c !== BAR;

// Digits and symbols read as letters inside a word that has letters (sh1t, @ss, b!tch).
export const LEET = new Uint16Array(128);
for (const [from, to] of [['0', 'o'], ['1', 'i'], ['3', 'e'], ['4', 'a'], ['5', 's'], ['7', 't'], ['@', 'a'], ['$', 's'], ['!', 'i']]) {
  LEET[from!.charCodeAt(0)] = to!.charCodeAt(0);
}

/** Normalise `text` into `n` (reused across calls to avoid allocation). One pass over the text;
 * only words holding a digit, @, $ or ! take the slower `settleWord` path. */
export function normalizeInto(text: string, n: Normalized): void {
  let capacity = text.length * 3 + 16;
  // Expansions (ligatures, "ﷺ") rarely outgrow the buffer; when they do, start again bigger.
  while (!normalizeWithin(text, n, capacity)) capacity *= 2;
}

function normalizeWithin(text: string, n: Normalized, capacity: number): boolean {
  grow(n, capacity);
  // Module constants copied to locals: V8 re-checks module bindings on every access in a loop.
  const table = foldTable;
  const space = SPACE;
  const bar = BAR;
  const drop = DROP;
  const expand = MULTI;
  const { chars, from, to } = n;
  const limit = chars.length - 32;
  const len = text.length;
  let w = 0;
  let word = -1;
  let special = false;
  let runChar = -1;
  let runLength = 0;
  n.tokenCount = 0;
  for (let i = 0; i < len; i++) {
    const unit = charCodeAt.call(text, i);
    let code = table[unit];
    const start = i;
    let multi: string | undefined;
    if (code === 0) {
      code = foldUncommon(text, i);
      multi = uncommon.expansion;
      i += uncommon.width - 1;
    }
    const end = i + 1;
    // A bang ends a sentence unless a word char follows it ("b!tch").
    if (code === BANG && !continuesWord(text, end)) code = bar;
    if (code === space || code === bar) {
      if (word >= 0) {
        w = endWord(n, word, w, special);
        word = -1;
      }
      const last = w > 0 ? chars[w - 1] : 0;
      if (last === space || last === bar) {
        if (code === bar) chars[w - 1] = bar;
        to[w - 1] = end;
      } else {
        chars[w] = code;
        from[w] = start;
        to[w] = end;
        w++;
      }
      continue;
    }
    if (code === HASH) {
      // "#ad" reads as the two words "#" and "ad": a hashtag term needs its '#', a plain term
      // still matches the word.
      if (word >= 0) {
        w = endWord(n, word, w, special);
        word = -1;
      }
      if (w + 3 > limit) return false;
      if (w > 0 && chars[w - 1] !== space && chars[w - 1] !== bar) {
        chars[w] = space;
        from[w] = start;
        to[w] = start;
        w++;
      }
      chars[w] = HASH;
      from[w] = start;
      to[w] = end;
      recordWord(n, w, w + 1);
      w++;
      chars[w] = space;
      from[w] = end;
      to[w] = end;
      w++;
      continue;
    }
    if (code === drop) {
      if (w > 0 && to[w - 1] === start) to[w - 1] = end; // a mark belongs to its letter
      continue;
    }
    if (word < 0) {
      word = w;
      special = false;
      runChar = -1;
    }
    // Ligatures and compatibility forms ("œ", "ﬃ", "㎒") fold to several chars: each takes the
    // same steps as a plain one.
    const expansion = code === expand ? (multi ?? multiFold.get(unit)!) : undefined;
    const parts = expansion === undefined ? 1 : expansion.length;
    if (w + parts > limit) return false;
    for (let k = 0; k < parts; k++) {
      const c = expansion === undefined ? code : charCodeAt.call(expansion, k);
      if (c < 97) special = true;
      if (c === runChar) {
        // Squeeze a run of 3+ identical letters to one: "fuuuck", "sooo".
        if (++runLength >= 3 && c >= 97) {
          if (runLength === 3) w--;
          to[w - 1] = end;
          continue;
        }
      } else {
        runChar = c;
        runLength = 1;
      }
      chars[w] = c;
      from[w] = start;
      to[w] = end;
      w++;
    }
  }
  if (word >= 0) w = endWord(n, word, w, special);
  n.length = w;
  return true;
}

/** Whether text[i] folds to a word char (not a separator, a bang or a dropped mark). */
export function continuesWord(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const unit = charCodeAt.call(text, i);
  const c = foldTable[unit] || foldBmp(unit);
  return c !== SPACE && c !== BAR && c !== BANG && c !== DROP && c !== HASH;
}

function endWord(n: Normalized, start: number, end: number, special: boolean): number {
  if (special) return settleWord(n, start, end);
  n.tokenStart[n.tokenCount] = start;
  n.tokenEnd[n.tokenCount++] = end;
  return end;
}

/**
 * A word holding digits or @ $ !: read them as letters when the word has letters (sh1t, @ss,
 * b!tch, but not "10am", "5G"); otherwise @ and $ are spaces and ! ends a sentence.
 * Rewrites output[start, end) in place and returns the new end.
 */
function settleWord(n: Normalized, start: number, end: number): number {
  const { chars, from, to } = n;
  let first = start;
  while (first < end && chars[first] === BANG) first++;
  let last = end;
  while (last > first && chars[last - 1] === BANG) last--;
  let letters = 0;
  let leet = 0;
  let letterBeforeLeet = false;
  for (let k = first; k < last; k++) {
    const c = chars[k];
    if (isLetter(c)) letters++;
    else if (LEET[c] !== 0) {
      leet++;
      if (letters > 0) letterBeforeLeet = true;
    }
  }
  // A word led by one digit and 2+ letters reads as leet (5hit, 4ss); more digits read as a
  // number with a unit (10am, 2024s).
  const digitLed = isDigit(chars[first]);
  const mapLeet = letters > 0 && leet > 0 && (letterBeforeLeet || !digitLed || (!isDigit(chars[first + 1]) && letters >= 2));
  let w = start;
  if (first > start) w = putSeparator(n, w, BAR, from[start], to[first - 1]);
  let wordFrom = -1;
  let runChar = -1;
  let runLength = 0;
  for (let k = first; k < last; k++) {
    let c = chars[k];
    const cFrom = from[k];
    const cTo = to[k];
    if (c < 97 && !isDigit(c) && !mapLeet) {
      if (wordFrom >= 0) recordWord(n, wordFrom, w);
      wordFrom = -1;
      runChar = -1;
      w = putSeparator(n, w, c === BANG ? BAR : SPACE, cFrom, cTo);
      continue;
    }
    if (mapLeet && c < 97 && LEET[c] !== 0) c = LEET[c];
    if (wordFrom < 0) wordFrom = w;
    if (c === runChar) runLength++;
    else {
      runChar = c;
      runLength = 1;
    }
    // In place (w <= k): squeeze runs that leet created, as in normalizeWithin.
    if (runLength >= 3 && isLetter(c)) {
      if (runLength === 3) w--;
      to[w - 1] = cTo;
    } else {
      chars[w] = c;
      from[w] = cFrom;
      to[w] = cTo;
      w++;
    }
  }
  if (wordFrom >= 0) recordWord(n, wordFrom, w);
  if (last < end) w = putSeparator(n, w, BAR, from[last], to[end - 1]);
  return w;
}

function recordWord(n: Normalized, start: number, end: number): void {
  n.tokenStart[n.tokenCount] = start;
  n.tokenEnd[n.tokenCount++] = end;
}

function putSeparator(n: Normalized, w: number, sep: number, start: number, end: number): number {
  if (w > 0 && !isWordChar(n.chars[w - 1])) {
    if (sep === BAR) n.chars[w - 1] = BAR;
    n.to[w - 1] = end;
    return w;
  }
  n.chars[w] = sep;
  n.from[w] = start;
  n.to[w] = end;
  return w + 1;
}

const scratch = createNormalized(256);

/**
 * Normalise a term, phrase or word the way text is normalised: words joined by single spaces,
 * or by '|' where sentence punctuation separates them ("oh hisse, encule" → "oh hisse|encule"),
 * no leading or trailing separator.
 */
export function normalizeTerm(term: string): string {
  normalizeInto(term, scratch);
  let out = '';
  for (let t = 0; t < scratch.tokenCount; t++) {
    if (t > 0) out += scratch.chars[scratch.tokenStart[t] - 1] === BAR ? '|' : ' ';
    out += charsToString(scratch.chars, scratch.tokenStart[t], scratch.tokenEnd[t]);
  }
  return out;
}

/** chars[start, end) as a string, in chunks so that huge words do not overflow the call stack. */
function charsToString(chars: Uint16Array, start: number, end: number): string {
  let out = '';
  for (let k = start; k < end; k += 4096) out += String.fromCharCode(...chars.subarray(k, Math.min(end, k + 4096)));
  return out;
}
