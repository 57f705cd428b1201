// The pack's statistical model at analysis time. Phrase rules catch the wordings they were taught;
// a post that says the same thing in other words gets through them. The model scores each
// category from every word of the post and every pair of neighbouring words (the word scan's
// hashes, so nothing is read twice), with weights learnt from labelled posts (cli/train.ts).
// A flagged category is reported on the sentence that weighs most towards it.
import type { Category, CompiledModel } from '../types';
import type { Words } from './words';

/** Version of `featureKeys`: bump it when word hashes or features change, and retrain. */
export const MODEL_FEATURES = 1;

/** The key of the pair of words (a, b); never 0, the empty slot. */
export function pairFeature(a: number, b: number): number {
  const k = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  return k ^ (k >>> 15) || 1;
}

/**
 * Writes the features of the scanned words into `out` (sized 2 × words.count at least) and
 * returns how many: each word, and each pair of words with no hard break between them. Feature
 * i < count belongs to word `i >> 1`.
 */
export function featureKeys(words: Words, out: Int32Array): number {
  const { hash, barBefore, count } = words;
  let n = 0;
  for (let w = 0; w < count; w++) {
    out[n++] = hash[w] || 1;
    out[n++] = w + 1 < count && barBefore[w + 1] === 0 ? pairFeature(hash[w], hash[w + 1]) : 0;
  }
  return n;
}

export interface PreparedModel {
  categories: Category[];
  /**
   * Open addressing, 4 ints a slot: the key (0 for an empty slot), its row, and its weights as
   * 8 bytes in 2 ints (there are at most 7 categories), so that a hit reads one cache line.
   */
  slots: Int32Array;
  mask: number;
  /** The weights as the pack has them, `categories.length` bytes a row. */
  weights: Int8Array;
  /** 65,536-bit set of the keys' low bits: most keys that are not in the model stop here. */
  known: Uint8Array;
  scales: Float64Array;
  biases: Float64Array;
  thresholds: Float64Array;
  minWords: number;
}

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
  const known = new Uint8Array(0x2000);
  /** Bytes b of row `row`, 4 from `from`, as one int: b0 in the low 8 bits. */
  const pack = (row: number, from: number) => {
    let packed = 0;
    for (let b = 0; b < 4 && from + b < columns; b++) packed |= (weights[row * columns + from + b] & 0xff) << (8 * b);
    return packed;
  };
  keys.forEach((key, row) => {
    known[(key >>> 3) & 0x1fff] |= 1 << (key & 7);
    let s = slotOf(key, mask);
    while (slots[s * 4] !== 0) s = (s + 1) & mask;
    slots.set([key, row, pack(row, 0), pack(row, 4)], s * 4);
  });
  return {
    categories: model.categories,
    slots,
    mask,
    weights,
    known,
    scales: Float64Array.from(model.scales),
    biases: Float64Array.from(model.biases),
    thresholds: Float64Array.from(model.thresholds),
    minWords: model.minWords,
  };
}

const slotOf = (key: number, mask: number): number => (Math.imul(key, 0x9e3779b1) >>> 16) & mask;

/** Where `key` is in `slots` (a multiple of 4), or -1. */
function slotWith(model: PreparedModel, key: number): number {
  const { slots, mask } = model;
  for (let s = slotOf(key, mask); ; s = (s + 1) & mask) {
    const k = slots[s * 4];
    if (k === key) return s * 4;
    if (k === 0) return -1;
  }
}

/** Rows of the features of the last `scoreModel` (-1: not in the model), in `featureKeys` order. */
let rows = new Int32Array(512);
let rowCount = 0;

/**
 * Scores every category of the model on the scanned words into `scores` (one per category);
 * keeps the rows it met for `flags` and `heaviestSentence`. Runs on every keystroke: one pass,
 * a bit test before each probe, the sums in locals.
 */
export function scoreModel(model: PreparedModel, words: Words, scores: Float64Array): void {
  const { hash, barBefore, count } = words;
  if (rows.length < count * 2) rows = new Int32Array(count * 4);
  const { slots, known } = model;
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  let t5 = 0;
  let t6 = 0;
  let n = 0;
  for (let w = 0; w < count; w++) {
    const h = hash[w];
    for (let pair = 0; pair < 2; pair++) {
      const key = pair === 0 ? h || 1 : w + 1 < count && barBefore[w + 1] === 0 ? pairFeature(h, hash[w + 1]) : 0;
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
  rowCount = n;
  const totals = [t0, t1, t2, t3, t4, t5, t6];
  for (let c = 0; c < model.categories.length; c++) scores[c] = model.biases[c] + totals[c] * model.scales[c];
}

const hasKeyBit = (bits: Uint8Array, key: number): boolean => (bits[(key >>> 3) & 0x1fff] & (1 << (key & 7))) !== 0;

/**
 * Whether category column `column` is flagged, after a `scoreModel` that gave it `score`: the
 * score passes the threshold even without its two heaviest words (a word's feature and the two
 * pairs it is in), as training measured it. A word or two never decide ("trois semaines de
 * retard", "Diet Coke"): single words are the phrase rules' job; the model is there for what
 * the wording says as a whole.
 */
export function flags(model: PreparedModel, column: number, score: number): boolean {
  const threshold = model.thresholds[column];
  if (!(score > threshold)) return false;
  return score - heaviestWords(rows, rowCount, model.weights, model.categories.length, column) * model.scales[column] > threshold;
}

/**
 * The weight (in bytes) of the two heaviest words, positive ones only: word w weighs features
 * 2w (the word), 2w + 1 and 2w - 1 (its pairs) of `rows`, where -1 is a feature the model does
 * not have.
 */
export function heaviestWords(rows: Int32Array, count: number, weights: Int8Array, columns: number, column: number): number {
  const weightOf = (i: number) => (i >= 0 && i < count && rows[i] >= 0 ? weights[rows[i] * columns + column] : 0);
  let first = 0;
  let second = 0;
  for (let i = 0; i < count; i += 2) {
    const w = weightOf(i) + weightOf(i + 1) + weightOf(i - 1);
    if (w > first) {
      second = first;
      first = w;
    } else if (w > second) second = w;
  }
  return first + second;
}

/** Set by `heaviestSentence`. */
export const sentence = { start: 0, end: 0 };

/**
 * The sentence whose features weigh most towards category column `column` (after a
 * `scoreModel` on the same words), as original offsets from its first word to its last.
 */
export function heaviestSentence(model: PreparedModel, words: Words, column: number): void {
  const columns = model.categories.length;
  const { start, end, count, sentenceEnd, sentenceCount } = words;
  let best = -Infinity;
  let sum = 0;
  let first = 0;
  let s = 0;
  sentence.start = count > 0 ? start[0] : 0;
  sentence.end = count > 0 ? end[count - 1] : 0;
  for (let w = 0; w <= count; w++) {
    // A sentence ends before word w (or at the end): close it.
    if (w === count || (s < sentenceCount && start[w] >= sentenceEnd[s])) {
      if (w > first && sum > best) {
        best = sum;
        sentence.start = start[first];
        sentence.end = end[w - 1];
      }
      if (w === count) break;
      while (s < sentenceCount && start[w] >= sentenceEnd[s]) s++;
      sum = 0;
      first = w;
    }
    for (let i = 2 * w; i < 2 * w + 2 && i < rowCount; i++) {
      if (rows[i] >= 0) sum += model.weights[rows[i] * columns + column];
    }
  }
}
