// Learns the pack's model (rules/engine/model.ts) from labelled posts: for each category, a
// logistic regression over the posts' word and word-pair features, as the engine hashes them.
// Deterministic: the same posts give the same model, byte for byte.
//
// The threshold of each category is set so that clean posts are rarely flagged: by five-fold
// cross-validation, the score that at most `cleanRate` of the clean posts (posts with no label)
// pass when the model did not see them. The score compared is the post's without its two
// heaviest words, so that a word or two never flag a post. Features seen in fewer than
// `minPosts` posts are dropped: a word met once says more about that post than about the
// category.
import { featureKeys, heaviestWords, MODEL_FEATURES } from '../rules/engine/model';
import { createWords, emptyWordFilter, scanWords } from '../rules/engine/words';
import { CATEGORIES, type Category, type CompiledModel } from '../rules/types';

export interface LabelledText {
  text: string;
  labels: Category[];
}

export interface TrainOptions {
  /** The categories to learn (default: every category some post is labelled with). */
  categories?: Category[];
  /** Share of clean posts a category may flag (cross-validated). */
  cleanRate?: number;
  minPosts?: number;
  epochs?: number;
  /** The model's `minWords`: it says nothing on shorter posts. */
  minWords?: number;
  /** L2 penalty: larger keeps single words from weighing much. */
  l2?: number;
}

const FOLDS = 5;
const LEARNING_RATE = 0.3;

interface Linear {
  weights: Float64Array;
  bias: number;
}

interface Quantised {
  bytes: Int8Array;
  scale: number;
  bias: number;
}

/** The model of `posts` for every category that has labelled posts. */
export function trainModel(posts: LabelledText[], trainedOn: CompiledModel['trainedOn'], options: TrainOptions = {}): CompiledModel {
  const { cleanRate = 0.004, minPosts = 3, epochs = 30, l2 = 0.03, minWords = 8 } = options;
  const { keys, features } = featurise(posts, minPosts);
  const clean = posts.map((post) => post.labels.length === 0);
  const categories = (options.categories ?? CATEGORIES).filter((category) => posts.some((post) => post.labels.includes(category)));
  if (categories.length === 0) throw new Error('no labelled post: a model needs posts with labels, and clean posts');
  if (!clean.some(Boolean)) throw new Error('no clean post (a post with no label): thresholds are set on them');

  const columns = categories.map((category) => {
    const labels = posts.map((post) => (post.labels.includes(category) ? 1 : 0));
    // Scores of clean posts by models that did not see them.
    const heldOut: number[] = [];
    for (let fold = 0; fold < FOLDS; fold++) {
      const inFold = (i: number) => i % FOLDS === fold;
      const train = posts.map((_, i) => i).filter((i) => !inFold(i));
      const model = quantise(fit(features, labels, train, keys.length, epochs, l2));
      posts.forEach((_, i) => {
        if (inFold(i) && clean[i]) heldOut.push(score(model, features[i]!));
      });
    }
    heldOut.sort((a, b) => b - a);
    const threshold = heldOut[Math.min(heldOut.length - 1, Math.floor(cleanRate * heldOut.length))]!;
    const model = quantise(fit(features, labels, posts.map((_, i) => i), keys.length, epochs, l2));
    return { model, threshold };
  });

  // Rows whose bytes are all zero weigh nothing: leave them out.
  const rows = keys.map((_, k) => k).filter((k) => columns.some(({ model }) => model.bytes[k] !== 0));
  rows.sort((a, b) => keys[a]! - keys[b]!);
  const keyBytes = new Int32Array(rows.map((k) => keys[k]!));
  const weightBytes = new Int8Array(rows.length * categories.length);
  rows.forEach((k, r) => columns.forEach(({ model }, c) => (weightBytes[r * categories.length + c] = model.bytes[k]!)));
  return {
    features: MODEL_FEATURES,
    categories,
    keys: Buffer.from(keyBytes.buffer).toString('base64'),
    weights: Buffer.from(weightBytes.buffer).toString('base64'),
    scales: columns.map(({ model }) => model.scale),
    biases: columns.map(({ model }) => model.bias),
    thresholds: columns.map(({ threshold }) => threshold),
    minWords,
    trainedOn,
  };
}

/** The word scan hashes every word whatever the terms; with none, it picks no candidate. */
const NO_TERMS = emptyWordFilter();

/**
 * Each post's features as indices into `keys`, in the engine's order (word w's feature at 2w,
 * the pair it starts at 2w + 1; repeats kept, as the engine counts them), -1 where the model
 * has no such feature.
 */
function featurise(posts: LabelledText[], minPosts: number): { keys: number[]; features: Int32Array[] } {
  const words = createWords();
  let buffer = new Int32Array(256);
  const raw = posts.map(({ text }) => {
    scanWords(text, words, NO_TERMS);
    if (buffer.length < words.count * 2) buffer = new Int32Array(words.count * 2);
    const n = featureKeys(words, buffer);
    return buffer.slice(0, n);
  });
  const postsWith = new Map<number, number>();
  for (const list of raw) for (const key of new Set(list)) if (key !== 0) postsWith.set(key, (postsWith.get(key) ?? 0) + 1);
  const keys = [...postsWith].filter(([, count]) => count >= minPosts).map(([key]) => key);
  const index = new Map(keys.map((key, k) => [key, k]));
  const features = raw.map((list) => Int32Array.from(list, (key) => index.get(key) ?? -1));
  return { keys, features };
}

/** Logistic regression with AdaGrad and L2, positives weighted up (they are few), posts in a seeded order. */
function fit(features: Int32Array[], labels: number[], train: number[], size: number, epochs: number, l2: number): Linear {
  const weights = new Float64Array(size);
  const squares = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const positives = train.filter((i) => labels[i] === 1).length;
  const positiveWeight = positives === 0 ? 1 : Math.sqrt((train.length - positives) / positives);
  const order = [...train];
  let seed = 1;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const p of order) {
      const x = features[p]!;
      let z = bias;
      for (const k of x) if (k >= 0) z += weights[k]!;
      const y = labels[p]!;
      const gradient = (1 / (1 + Math.exp(-z)) - y) * (y === 1 ? positiveWeight : 1);
      for (const k of x) {
        if (k < 0) continue;
        const g = gradient + l2 * weights[k]!;
        squares[k] += g * g;
        weights[k] -= (LEARNING_RATE * g) / Math.sqrt(squares[k]!);
      }
      biasSquares += gradient * gradient;
      bias -= (LEARNING_RATE * gradient) / Math.sqrt(biasSquares);
    }
  }
  return { weights, bias };
}

/** Weights as bytes times a scale, as the pack stores them. */
function quantise({ weights, bias }: Linear): Quantised {
  let largest = 0;
  for (const w of weights) largest = Math.max(largest, Math.abs(w));
  const scale = largest === 0 ? 1 : largest / 127;
  return { bytes: Int8Array.from(weights, (w) => Math.round(w / scale)), scale, bias };
}

/**
 * The score the engine compares with the threshold: bias + the weight of every feature, as
 * stored, less its two heaviest words' (see `flags` in rules/engine/model.ts).
 */
function score(model: Quantised, features: Int32Array): number {
  let total = 0;
  for (const k of features) if (k >= 0) total += model.bytes[k]!;
  return model.bias + (total - heaviestWords(features, features.length, model.bytes, 1, 0)) * model.scale;
}
