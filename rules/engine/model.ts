// The pack's statistical model at analysis time. Phrase rules catch the wordings they were taught;
// a post that says the same thing in other words gets through them. The model scores each
// category from every word of the post and every pair of neighbouring words in a sentence (the
// word scan's hashes, so nothing is read twice), with weights learnt from labelled posts
// (cli/trainModel.ts). It reads a text in windows of whole sentences as long as the posts it
// learnt from, and says nothing on texts far shorter or longer than they were (`reads`). A
// flagged category is reported on the sentence that weighs most towards it.
import type { Category, CompiledModel } from '../types';
import type { Words } from './words';

/** Version of `featureKeys`: bump it when word hashes or features change, and retrain. */
export const MODEL_FEATURES = 2;

/** The key of the pair of words (a, b); never 0, the empty slot. */
export function pairFeature(a: number, b: number): number {
  const k = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  return k ^ (k >>> 15) || 1;
}

/**
 * Writes the features of the scanned words into `out` (sized 2 × words.count at least) and
 * returns how many: each word, and each pair of words in one sentence with no hard break
 * between them (0 where there is no pair). Feature 2w is word w's, 2w + 1 the pair it starts.
 */
export function featureKeys(words: Words, out: Int32Array): number {
  const { hash, count } = words;
  let n = 0;
  sentenceCursor = 0;
  for (let w = 0; w < count; w++) {
    out[n++] = hash[w] || 1;
    out[n++] = pairsWithNext(words, w) ? pairFeature(hash[w], hash[w + 1]) : 0;
  }
  return n;
}

/** The first sentence end not before the word being read; `pairsWithNext` moves it along. */
let sentenceCursor = 0;

/** Whether word w and the next one are in one sentence, with no hard break: call for w = 0, 1, 2… in turn. */
function pairsWithNext(words: Words, w: number): boolean {
  const { start, sentenceEnd, sentenceCount } = words;
  if (w + 1 >= words.count || words.barBefore[w + 1] !== 0) return false;
  while (sentenceCursor < sentenceCount && sentenceEnd[sentenceCursor] <= start[w]) sentenceCursor++;
  return !(sentenceCursor < sentenceCount && sentenceEnd[sentenceCursor] <= start[w + 1]);
}

export interface PreparedModel {
  categories: Category[];
  /**
   * Open addressing, 4 ints a slot: the key (0 for an empty slot), its row, and its weights as
   * 8 bytes in 2 ints (there are at most 7 categories), so that a hit reads one cache line.
   */
  slots: Int32Array;
  mask: number;
  /** 32 less the table's bits: a key's home slot is the top bits of its product (see `slotOf`). */
  shift: number;
  /** The weights as the pack has them, `categories.length` bytes a row. */
  weights: Int8Array;
  /** 65,536-bit set of the keys' low bits: most keys that are not in the model stop here. */
  known: Uint8Array;
  scales: Float64Array;
  biases: Float64Array;
  thresholds: Float64Array;
  /** Per category, how many heaviest words a window must pass without (see `CompiledModel.guardWords`). */
  guardWords: Uint8Array;
  minWords: number;
  windowWords: number;
  maxWords: number;
  /** Per category, see `CompiledModel.vetoMargins` (Infinity: never demoted). */
  vetoMargins: Float64Array;
  /** Whether some category's findings may be demoted. */
  vetoes: boolean;
}

/** The most heaviest words a window may be asked to pass without. */
export const MAX_GUARD_WORDS = 4;
export const DEFAULT_GUARD_WORDS = 2;

export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function prepareModel(model: CompiledModel): PreparedModel {
  const keyBytes = decodeBase64(model.keys);
  const keys = new Int32Array(keyBytes.buffer, 0, keyBytes.length >> 2);
  const weightBytes = decodeBase64(model.weights);
  const weights = new Int8Array(weightBytes.buffer, 0, weightBytes.length);
  const columns = model.categories.length;
  let size = 16;
  while (size < keys.length * 2) size <<= 1;
  const slots = new Int32Array(size * 4);
  const mask = size - 1;
  const shift = 32 - Math.log2(size);
  const known = new Uint8Array(0x2000);
  /** Bytes b of row `row`, 4 from `from`, as one int: b0 in the low 8 bits. */
  const pack = (row: number, from: number) => {
    let packed = 0;
    for (let b = 0; b < 4 && from + b < columns; b++) packed |= (weights[row * columns + from + b] & 0xff) << (8 * b);
    return packed;
  };
  keys.forEach((key, row) => {
    known[(key >>> 3) & 0x1fff] |= 1 << (key & 7);
    let s = slotOf(key, shift);
    while (slots[s * 4] !== 0) s = (s + 1) & mask;
    slots.set([key, row, pack(row, 0), pack(row, 4)], s * 4);
  });
  return {
    categories: model.categories,
    slots,
    mask,
    shift,
    weights,
    known,
    scales: Float64Array.from(model.scales),
    biases: Float64Array.from(model.biases),
    thresholds: Float64Array.from(model.thresholds),
    guardWords: Uint8Array.from(model.categories, (_, c) => model.guardWords?.[c] ?? DEFAULT_GUARD_WORDS),
    minWords: model.minWords,
    windowWords: model.windowWords,
    maxWords: model.maxWords,
    vetoMargins: Float64Array.from(model.categories, (_, c) => model.vetoMargins?.[c] ?? Infinity),
    vetoes: model.vetoMargins?.some((margin) => margin !== null) ?? false,
  };
}

/**
 * The home slot of `key`: the top bits of a multiplicative hash, as many as the table has. (Until
 * session 21 it took 16 bits whatever the size: the 61,740 keys of the default model crowded into
 * the first half of its 131,072 slots, and lookups walked long runs of neighbours.)
 */
export const slotOf = (key: number, shift: number): number => Math.imul(key, 0x9e3779b1) >>> shift;

/** Where `key` is in `slots` (a multiple of 4), or -1. */
function slotWith(model: PreparedModel, key: number): number {
  const { slots, mask, shift } = model;
  for (let s = slotOf(key, shift); ; s = (s + 1) & mask) {
    const k = slots[s * 4];
    if (k === key) return s * 4;
    if (k === 0) return -1;
  }
}

/** Whether the model reads a text of these words: it says nothing on very short or very long ones. */
export const reads = (model: PreparedModel, words: Words): boolean => words.count >= model.minWords && words.count <= model.maxWords;

/** Rows of the features of the last `scoreModel` (-1: not in the model), in `featureKeys` order. */
let rows = new Int32Array(512);
/**
 * Pieces of the last scored text: sentences, cut every `windowWords` words. Piece p is words
 * pieceStart[p] .. pieceStart[p + 1]; pieceSums[8p + c] is the sum of its bytes in category c.
 */
let pieceStart = new Int32Array(64);
let pieceSums = new Int32Array(512);
let pieceCount = 0;

/** Ends piece `piece` (words from `first`) with these sums. */
function closePiece(piece: number, first: number, t0: number, t1: number, t2: number, t3: number, t4: number, t5: number, t6: number): void {
  pieceStart[piece] = first;
  const at = piece * 8;
  pieceSums[at] = t0;
  pieceSums[at + 1] = t1;
  pieceSums[at + 2] = t2;
  pieceSums[at + 3] = t3;
  pieceSums[at + 4] = t4;
  pieceSums[at + 5] = t5;
  pieceSums[at + 6] = t6;
}

/**
 * Reads the scanned words with the model: finds each feature's row and sums the weights of each
 * piece (see `pieceStart`), for `flagged`. Runs on every keystroke: one pass, a bit test before
 * each probe, the sums in locals.
 */
export function scoreModel(model: PreparedModel, words: Words): void {
  const { hash, barBefore, count, start, sentenceEnd, sentenceCount } = words;
  if (rows.length < count * 2) rows = new Int32Array(count * 4);
  if (pieceStart.length < count + 2) {
    pieceStart = new Int32Array(count + 2);
    pieceSums = new Int32Array((count + 2) * 8);
  }
  const { slots, known, windowWords } = model;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  let t5 = 0;
  let t6 = 0;
  let n = 0;
  let pieces = 0;
  let first = 0;
  // Sentence ends up to word w's start have been passed; `ends`: one lies between w - 1 and w.
  let s = 0;
  while (s < sentenceCount && count > 0 && sentenceEnd[s] <= start[0]) s++;
  let ends = false;
  for (let w = 0; w < count; w++) {
    let nextEnds = false;
    if (w + 1 < count) {
      while (s < sentenceCount && sentenceEnd[s] <= start[w + 1]) {
        s++;
        nextEnds = true;
      }
    }
    if (w > first && (ends || w - first === windowWords)) {
      closePiece(pieces++, first, t0, t1, t2, t3, t4, t5, t6);
      t0 = t1 = t2 = t3 = t4 = t5 = t6 = 0;
      first = w;
    }
    ends = nextEnds;
    for (let pair = 0; pair < 2; pair++) {
      // The same pairs as `featureKeys`: in one sentence, no hard break between.
      const key = pair === 0 ? hash[w] || 1 : w + 1 < count && barBefore[w + 1] === 0 && !nextEnds ? pairFeature(hash[w], hash[w + 1]) : 0;
      const at = key !== 0 && hasKeyBit(known, key) ? slotWith(model, key) : -1;
      if (at < 0) {
        rows[n++] = -1;
        continue;
      }
      rows[n++] = slots[at + 1];
      // The row's bytes, sign-extended from the two ints.
      const low = slots[at + 2];
      const high = slots[at + 3];
      t0 += (low << 24) >> 24;
      t1 += (low << 16) >> 24;
      t2 += (low << 8) >> 24;
      t3 += low >> 24;
      t4 += (high << 24) >> 24;
      t5 += (high << 16) >> 24;
      t6 += (high << 8) >> 24;
    }
  }
  if (count > 0) closePiece(pieces++, first, t0, t1, t2, t3, t4, t5, t6);
  pieceStart[pieces] = count;
  pieceCount = pieces;
}

const hasKeyBit = (bits: Uint8Array, key: number): boolean => (bits[(key >>> 3) & 0x1fff] & (1 << (key & 7))) !== 0;

/** Set by `flagged`: the sentence to report. */
export const sentence = { start: 0, end: 0 };

/** Set by `windowFrom`: the window's end (a piece index, exclusive) and its sum in the column. */
let windowTo = 0;
let windowSum = 0;

/** The window of whole pieces from piece p, at most `windowWords` words (one piece at least). */
function windowFrom(model: PreparedModel, p: number, column: number): void {
  let sum = pieceSums[p * 8 + column];
  let q = p + 1;
  while (q < pieceCount && pieceStart[q + 1] - pieceStart[p] <= model.windowWords) sum += pieceSums[q++ * 8 + column];
  windowTo = q;
  windowSum = sum;
}

/** The end of the last window read, reset before each pass over the windows. */
let lastWindowEnd = -1;

/**
 * Sets the window from piece p (`windowFrom`) and says whether to read it: it ends past the one
 * before it (else it is a tail of that one, which read it with more context) and has
 * `minWords` words.
 */
function windowToRead(model: PreparedModel, p: number, column: number): boolean {
  windowFrom(model, p, column);
  if (windowTo === lastWindowEnd) return false;
  lastWindowEnd = windowTo;
  return pieceStart[windowTo] - pieceStart[p] >= model.minWords;
}

/** The score of the window [pieces p, windowTo) without its heaviest words (`guardWords` of them). */
function robustScore(model: PreparedModel, p: number, column: number): number {
  const from = 2 * pieceStart[p];
  const to = 2 * pieceStart[windowTo];
  const heaviest = heaviestWords(rows, from, to, model.weights, model.categories.length, column, model.guardWords[column]);
  return model.biases[column] + (windowSum - heaviest) * model.scales[column];
}

/**
 * Whether category column `column` is flagged on the words of the last `scoreModel`. The model
 * learnt from posts of a few sentences, so it reads a longer text as they are: in windows of
 * whole pieces of at most `windowWords` words, one from each piece on (a window that ends where
 * the one before it ends adds nothing and is skipped). A window is flagged when it has
 * `minWords` words and its score passes the threshold even without its heaviest words (a word's
 * feature and the two pairs it is in; two of them, or the category's `guardWords`), as training
 * measured it: a word or two never decide ("trois semaines de retard", "Diet Coke"); single words
 * are the phrase rules' job.
 * Sets `sentence` to the heaviest piece of the first flagged window.
 */
export function flagged(model: PreparedModel, words: Words, column: number): boolean {
  const threshold = model.thresholds[column];
  lastWindowEnd = -1;
  for (let p = 0; p < pieceCount; p++) {
    if (!windowToRead(model, p, column)) continue;
    // The score with every word bounds the one without the heaviest: most windows stop here.
    if (!(model.biases[column] + windowSum * model.scales[column] > threshold)) continue;
    if (!(robustScore(model, p, column) > threshold)) continue;
    let best = p;
    for (let k = p + 1; k < windowTo; k++) if (pieceSums[k * 8 + column] > pieceSums[best * 8 + column]) best = k;
    sentence.start = words.start[pieceStart[best]];
    sentence.end = words.end[pieceStart[best + 1] - 1];
    return true;
  }
  return false;
}

/**
 * The highest score that `flagged` compares with the threshold, over the windows of the last
 * `scoreModel` (-Infinity when no window has `minWords` words): what training calibrates on.
 */
export function bestWindowScore(model: PreparedModel, column: number): number {
  let best = -Infinity;
  lastWindowEnd = -1;
  for (let p = 0; p < pieceCount; p++) {
    if (!windowToRead(model, p, column)) continue;
    if (model.biases[column] + windowSum * model.scales[column] > best) best = Math.max(best, robustScore(model, p, column));
  }
  return best;
}

/** The heaviest weights so far, in descending order (at most MAX_GUARD_WORDS are used). */
const top = new Int32Array(MAX_GUARD_WORDS);

/**
 * The weight (in bytes) of the `count` heaviest words of features [from, to) of `rows`, positive
 * ones only: word w weighs features 2w (the word), 2w + 1 and 2w - 1 (its pairs), where -1 is a
 * feature the model does not have.
 */
export function heaviestWords(rows: Int32Array, from: number, to: number, weights: Int8Array, columns: number, column: number, count = DEFAULT_GUARD_WORDS): number {
  const n = Math.min(count, MAX_GUARD_WORDS);
  top.fill(0);
  // The weight of the pair feature just before word i (none before the first word of the range).
  let before = 0;
  for (let i = from; i < to; i += 2) {
    const own = rows[i] >= 0 ? weights[rows[i] * columns + column] : 0;
    const pair = i + 1 < to && rows[i + 1] >= 0 ? weights[rows[i + 1] * columns + column] : 0;
    let w = own + pair + before;
    before = pair;
    // Insert w among the n heaviest, the lightest of them dropping out.
    for (let k = 0; k < n && w > 0; k++) {
      if (w > top[k]) {
        const moved = top[k];
        top[k] = w;
        w = moved;
      }
    }
  }
  let sum = 0;
  for (let k = 0; k < n; k++) sum += top[k];
  return sum;
}
