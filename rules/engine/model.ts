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
  /** Open addressing: slotKey[s] is a key (0 for an empty slot), slotRow[s] its row. */
  slotKey: Int32Array;
  slotRow: Int32Array;
  mask: number;
  weights: Int8Array;
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
  let size = 16;
  while (size < keys.length * 2) size <<= 1;
  const slotKey = new Int32Array(size);
  const slotRow = new Int32Array(size);
  const mask = size - 1;
  keys.forEach((key, row) => {
    let s = slotOf(key, mask);
    while (slotKey[s] !== 0) s = (s + 1) & mask;
    slotKey[s] = key;
    slotRow[s] = row;
  });
  return {
    categories: model.categories,
    slotKey,
    slotRow,
    mask,
    weights: new Int8Array(weightBytes.buffer, 0, weightBytes.length),
    scales: Float64Array.from(model.scales),
    biases: Float64Array.from(model.biases),
    thresholds: Float64Array.from(model.thresholds),
    minWords: model.minWords,
  };
}

const slotOf = (key: number, mask: number): number => (Math.imul(key, 0x9e3779b1) >>> 16) & mask;

/** The row of `key`, or -1. */
function rowOf(model: PreparedModel, key: number): number {
  const { slotKey, mask } = model;
  for (let s = slotOf(key, mask); ; s = (s + 1) & mask) {
    const k = slotKey[s];
    if (k === key) return model.slotRow[s];
    if (k === 0) return -1;
  }
}

let keys = new Int32Array(512);
let rows = new Int32Array(512);
let rowCount = 0;
let totals = new Int32Array(8);

/**
 * Scores every category of the model on the scanned words into `scores` (one per category);
 * keeps the matched rows for `heaviestSentence`.
 */
export function scoreModel(model: PreparedModel, words: Words, scores: Float64Array): void {
  if (keys.length < words.count * 2) {
    keys = new Int32Array(words.count * 4);
    rows = new Int32Array(words.count * 4);
  }
  const columns = model.categories.length;
  if (totals.length < columns) totals = new Int32Array(columns);
  totals.fill(0);
  const n = featureKeys(words, keys);
  const { weights } = model;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    const row = key === 0 ? -1 : rowOf(model, key);
    rows[i] = row;
    if (row < 0) continue;
    for (let c = 0, at = row * columns; c < columns; c++) totals[c] += weights[at + c];
  }
  rowCount = n;
  for (let c = 0; c < columns; c++) scores[c] = model.biases[c] + totals[c] * model.scales[c];
}

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
