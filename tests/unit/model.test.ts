import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packWordLists } from '../../cli/train';
import { listWords, trainModel, type LabelledText } from '../../cli/trainModel';
import { analyze } from '../../rules/engine/analyze';
import { featureKeys, MODEL_FEATURES, pairFeature, prepareModel, slotOf } from '../../rules/engine/model';
import { stringHash } from '../../rules/engine/termHash';
import { createWords, emptyWordFilter, scanWords } from '../../rules/engine/words';
import { ModelSchema } from '../../rules/pack/compiledSchema';
import { loadPack } from '../../rules/pack/loadPack';
import { LIMITS } from '../../rules/pack/schema';
import { packErrorOf } from '../support/packErrorOf';
import type { CompiledModel, CompiledPack, ModelRule, TermsRule } from '../../rules/types';
import { termsRule } from '../support/termsRule';

const MINI = 'tests/fixtures/packs/mini';
const base = loadPack(MINI);
const MODEL_RULE = `
  - id: confidential/model
    kind: model
    category: confidential
    severity: warn
    policy: secrets
    message: { en: "Reads like a secret.", fr: "Ressemble à un secret." }
    tip: { en: "Wait for the announcement." }
    examples:
      flag: ["x", "y"]
      pass: ["z", "w"]
`;

/** A model written by hand: `weights` maps words (and "a b" pairs) to their bytes in one confidential column. */
function handModel(weights: Record<string, number>, bias: number, threshold: number, minWords = 0, windowWords = 100, maxWords = 10_000): CompiledModel {
  const entries = Object.entries(weights);
  const keyOf = (feature: string) => {
    const [a, b] = feature.split(' ');
    return b === undefined ? stringHash(a!) : pairFeature(stringHash(a!), stringHash(b));
  };
  return {
    features: MODEL_FEATURES,
    categories: ['confidential'],
    keys: Buffer.from(new Int32Array(entries.map(([feature]) => keyOf(feature))).buffer).toString('base64'),
    weights: Buffer.from(new Int8Array(entries.map(([, w]) => w)).buffer).toString('base64'),
    scales: [0.01],
    biases: [bias],
    thresholds: [threshold],
    minWords,
    windowWords,
    maxWords,
    trainedOn: [],
  };
}

function withModel(model: CompiledModel, unless?: string[]): CompiledPack {
  const rule: ModelRule = { id: 'confidential/model', kind: 'model', category: 'confidential', severity: 'warn', policy: 'secrets', message: { en: 'Reads like a secret.' }, tip: { en: 'Wait.' }, unless };
  return { ...base, rules: [...base.rules, rule], model };
}

const modelFindings = (text: string, pack: CompiledPack) => analyze(text, pack).filter((f) => f.ruleId === 'confidential/model');

describe('model features', () => {
  it('are each word and each pair of neighbours, never across a hard break or a sentence end', () => {
    const words = createWords();
    scanWords('Big merger. Soon\nnews', words, emptyWordFilter());
    const out = new Int32Array(8);
    expect(featureKeys(words, out)).toBe(8);
    const [big, merger, soon, news] = ['big', 'merger', 'soon', 'news'].map(stringHash);
    expect([...out]).toEqual([big, pairFeature(big!, merger!), merger, 0, soon, 0, news, 0]);
  });
});

describe('model rules in analyze()', () => {
  // Three words of 1.0 each, bias -0.5, threshold 0: a post needs a third word besides its two heaviest.
  const pack = withModel(handModel({ merger: 100, board: 100, quietly: 100 }, -0.5, 0));

  it('flag a post whose score passes the threshold without its two heaviest words, on the heaviest sentence', () => {
    const text = 'Lovely weather today. The board is quietly preparing a merger. See you soon';
    const found = modelFindings(text, pack);
    expect(found.map((f) => f.text)).toEqual(['The board is quietly preparing a merger']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe(found[0]!.text);
    expect(found[0]).toMatchObject({ category: 'confidential', severity: 'warn', message: 'Reads like a secret.' });
  });

  it('never flag on two words alone, however heavy', () => {
    expect(modelFindings('The board is preparing a merger for next year, more soon', pack)).toEqual([]);
  });

  it('say nothing when the post holds one of the rule\'s unless terms', () => {
    const silenced = withModel(pack.model!, ['press release']);
    const text = 'The board is quietly preparing a merger. See you soon';
    expect(modelFindings(text, silenced)).toHaveLength(1);
    expect(modelFindings(text + ', the press release is out', silenced)).toEqual([]);
    // The next post is judged afresh.
    expect(modelFindings(text, silenced)).toHaveLength(1);
  });

  it("ask a category's window to pass without as many heaviest words as its guardWords say", () => {
    // Four words of 1.0: without two of them the post passes, without three it does not.
    const four = handModel({ merger: 100, board: 100, quietly: 100, soon: 100 }, -1.5, 0);
    const text = 'The board is quietly preparing a merger, more news soon';
    expect(modelFindings(text, withModel(four))).toHaveLength(1);
    expect(modelFindings(text, withModel({ ...four, guardWords: [2] }))).toHaveLength(1);
    expect(modelFindings(text, withModel({ ...four, guardWords: [3] }))).toEqual([]);
    expect(modelFindings(text + ', promise kept', withModel({ ...four, guardWords: [3], biases: [-0.5] }))).toHaveLength(1);
  });

  it('say nothing below the model minimum of words', () => {
    const short = withModel(handModel({ merger: 100, board: 100, quietly: 100 }, -0.5, 0, 20));
    expect(modelFindings('The board is quietly preparing a merger', short)).toEqual([]);
  });

  it('read a long text in windows as long as the posts they learnt from: repeated words do not add up', () => {
    // "Lyon" weighs 0.1: forty of them would pass the threshold together, five (one window) do not.
    const windowed = withModel(handModel({ board: 100, quietly: 100, merger: 100, anyone: 100, lyon: 10 }, -1.2, 0, 0, 20));
    const many = 'Lovely day in Lyon. '.repeat(40);
    expect(modelFindings(many, windowed)).toEqual([]);
    const found = modelFindings(`${many}The board is quietly planning the merger, not a word to anyone. ${many}`, windowed);
    expect(found.map((f) => f.text)).toEqual(['The board is quietly planning the merger, not a word to anyone']);
  });

  it('say nothing on texts longer than the model knows', () => {
    const capped = withModel(handModel({ merger: 100, board: 100, quietly: 100, anyone: 100 }, -0.5, 0, 0, 100, 30));
    const post = 'The board is quietly preparing a merger, do not tell anyone.';
    expect(modelFindings(post, capped)).toHaveLength(1);
    expect(modelFindings(`${post} ${'We had a lovely lunch in Lyon today. '.repeat(4)}`, capped)).toEqual([]);
  });

  it('respect the rule site scope like any rule', () => {
    const scoped = { ...pack, rules: pack.rules.map((r) => (r.kind === 'model' ? { ...r, sites: ['x.com'] } : r)) };
    const text = 'The board is quietly preparing a merger';
    expect(analyze(text, scoped, { site: 'www.linkedin.com' }).filter((f) => f.ruleId === 'confidential/model')).toEqual([]);
    expect(analyze(text, scoped, { site: 'x.com' }).filter((f) => f.ruleId === 'confidential/model')).toHaveLength(1);
  });
});

describe("the model's second opinion on phrase findings (vetoMargins)", () => {
  // One confidential column: "merger", "board" and "quietly" weigh 1.0 each, bias -0.5, threshold
  // 0. A phrase rule flags "confidential" as a warning, another as a stop.
  const label: TermsRule = { ...termsRule('confidential/label', ['confidential'], 'Marked confidential.'), category: 'confidential' };
  const stamp: TermsRule = { ...termsRule('confidential/stamp', ['top secret'], 'Stamped top secret.'), category: 'confidential', severity: 'stop' };
  const model = handModel({ merger: 100, board: 100, quietly: 100, confidential: 100 }, -0.5, 0, 8);
  const packWith = (vetoMargins?: (number | null)[]) => ({ ...base, rules: [label, stamp], model: { ...model, vetoMargins } });
  const severities = (text: string, pack: CompiledPack) => analyze(text, pack).map((f) => `${f.ruleId}:${f.severity}`);
  const innocent = "My grandma's confidential lasagna recipe is finally mine, after twelve years of asking";
  const secret = 'The board is quietly preparing a merger, keep it confidential until Monday please';

  it('turns a warning into a tip when the model scores its category more than the margin below the threshold', () => {
    // The innocent post scores -0.5 without its heaviest words: 0.5 below the threshold.
    expect(severities(innocent, packWith([0.4]))).toEqual(['confidential/label:tip']);
    // Without the margin list, or with null for the category, nothing is demoted.
    expect(severities(innocent, packWith())).toEqual(['confidential/label:warn']);
    expect(severities(innocent, packWith([null]))).toEqual(['confidential/label:warn']);
  });

  it('keeps the warning when the rest of the post reads like the category', () => {
    expect(severities(secret, packWith([0]))).toEqual(['confidential/label:warn']);
  });

  it('keeps the warning when the margin is wider than the gap', () => {
    expect(severities(innocent, packWith([0.6]))).toEqual(['confidential/label:warn']);
    expect(severities(innocent, packWith([1.5]))).toEqual(['confidential/label:warn']);
  });

  it('never demotes a stop, nor a post the model does not read', () => {
    expect(severities(`${innocent}, top secret`, packWith([0]))).toEqual(['confidential/label:tip', 'confidential/stamp:stop']);
    // Fewer words than the model's minimum (8): no opinion, so no veto.
    expect(severities('Grandma, confidential recipe', packWith([0]))).toEqual(['confidential/label:warn']);
  });
});

// A small labelled set: secrets in varied words, and clean posts that share some of them.
const SECRET = ['merger', 'acquisition', 'layoffs', 'roadmap', 'unannounced', 'board', 'leaked', 'numbers'];
const FILLER = ['team', 'today', 'great', 'week', 'office', 'people', 'coffee', 'project', 'customers', 'Lyon'];
function corpus(seed: number, size: number): LabelledText[] {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: size }, (_, i) => {
    const secret = i % 3 === 0;
    const words = Array.from({ length: 12 }, (_, k) => (secret && k % 3 === 0 ? pick(SECRET) : pick(FILLER)));
    return { text: `${words.join(' ')}.`, labels: secret ? ['confidential' as const] : [] };
  });
}

// Training on a few hundred posts takes 1-3 s: more than vitest's 5 s default on a busy machine.
describe('trainModel', { timeout: 60_000 }, () => {
  const posts = corpus(7, 300);

  it('is deterministic: the same posts give the same model', () => {
    expect(JSON.stringify(trainModel(posts, []))).toBe(JSON.stringify(trainModel(posts, [])));
  });

  it('learns what it is shown: posts it did not see are flagged by their category only', () => {
    const pack = withModel(trainModel(posts, [{ file: 'train.jsonl', posts: posts.length }]));
    const unseen = corpus(99, 90);
    const flagged = unseen.map((post) => modelFindings(post.text, pack).length > 0);
    const recall = unseen.filter((post, i) => post.labels.length > 0 && flagged[i]).length / unseen.filter((post) => post.labels.length > 0).length;
    const cleanFlagged = unseen.filter((post, i) => post.labels.length === 0 && flagged[i]).length;
    expect(recall).toBeGreaterThan(0.9);
    expect(cleanFlagged).toBeLessThanOrEqual(2);
  });

  it("asks every category's windows to pass without their two heaviest words, unless told", () => {
    const asConduct = posts.map((post) => ({ ...post, labels: post.labels.length > 0 ? (['conduct'] as const).slice() : [] }));
    expect(trainModel(posts, []).guardWords).toEqual([2]);
    expect(trainModel(asConduct, []).guardWords).toEqual([2]);
    expect(trainModel(asConduct, [], { guardWords: { conduct: 4 } }).guardWords).toEqual([4]);
  });

  it('keeps a finite threshold when the clean posts are too short to be read', () => {
    const short = [...posts.filter((post) => post.labels.length > 0), { text: 'Lovely day.', labels: [] }, { text: 'See you soon.', labels: [] }];
    const model = trainModel(short, []);
    expect(model.thresholds.every(Number.isFinite)).toBe(true);
  });

  it('learns nothing from ignored words, alone or in a pair', () => {
    const keysOf = (model: CompiledModel) => {
      const bytes = Uint8Array.from(Buffer.from(model.keys, 'base64'));
      return new Set(new Int32Array(bytes.buffer));
    };
    const merger = stringHash('merger');
    const withMerger = (keys: Set<number>) => [...keys].filter((key) => key === merger || FILLER.some((w) => key === pairFeature(merger, stringHash(w.toLowerCase())) || key === pairFeature(stringHash(w.toLowerCase()), merger)));
    expect(withMerger(keysOf(trainModel(posts, []))).length).toBeGreaterThan(1);
    const ignoring = trainModel(posts, [], { ignoredWords: ['merger'] });
    expect(withMerger(keysOf(ignoring))).toEqual([]);
    expect(keysOf(ignoring).has(stringHash('roadmap'))).toBe(true);
  });

  it('ignores the one-word entries of the word lists the pack reads, at the ratings it reads them', () => {
    const lists = packWordLists('rules/packs/default');
    expect(lists).toEqual([
      { source: 'cuss-en', minRating: 2 },
      { source: 'cuss-fr', minRating: 2 },
    ]);
    const words = listWords(lists);
    expect(words).toContain('merde');
    expect(words).toContain('shit');
    // Rated "maybe" (0) in the list: the default pack does not report them, so the model may learn them.
    expect(words).not.toContain('cancer');
    expect(listWords([{ source: 'cuss-en', minRating: 0 }])).toContain('cancer');
    expect(words.every((word) => word === word.toLowerCase() && !word.includes(' '))).toBe(true);
  });

  it('names the file and the rule when a word list is misconfigured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postguard-lists-'));
    cpSync(MINI, dir, { recursive: true });
    const file = join(dir, 'rules/mini.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(\s+)kind: terms$/m, '$1kind: terms\n$1lexicon: { source: cuss-xx }'));
    expect(() => packWordLists(dir)).toThrow(/^train: .*rules\/mini\.yaml: rules\[\d+\]\.lexicon: /);
  });

  it('refuses a corpus without clean posts or without labels', () => {
    expect(() => trainModel(posts.filter((post) => post.labels.length > 0), [])).toThrow(/no clean post/);
    expect(() => trainModel(posts.filter((post) => post.labels.length === 0), [])).toThrow(/no labelled post/);
  });
});

describe('a pack with a model', () => {
  function packDir(model: unknown, rules = MODEL_RULE): string {
    const dir = mkdtempSync(join(tmpdir(), 'postguard-model-'));
    cpSync(MINI, dir, { recursive: true });
    writeFileSync(join(dir, 'rules/mini.yaml'), readFileSync(join(dir, 'rules/mini.yaml'), 'utf8') + rules);
    if (model !== undefined) writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
    return dir;
  }
  const errorOf = packErrorOf;
  const model = handModel({ merger: 100, board: 100, quietly: 100 }, -0.5, 0);
  /** `model` with these keys instead of its own, each weighing 1. */
  const withKeys = (keys: Int32Array): CompiledModel => ({
    ...model,
    keys: Buffer.from(keys.buffer).toString('base64'),
    weights: Buffer.from(new Int8Array(keys.length).fill(1).buffer).toString('base64'),
  });

  it('loads from model.json and survives the round trip through compiled JSON', () => {
    const pack = loadPack(packDir(model));
    expect(pack.model).toEqual(model);
    const dir = mkdtempSync(join(tmpdir(), 'postguard-model-json-'));
    writeFileSync(join(dir, 'p.json'), JSON.stringify(pack));
    expect(modelFindings('The board is quietly preparing a merger', loadPack(join(dir, 'p.json')))).toHaveLength(1);
  });

  it('rejects a model rule without a model, naming the rule', () => {
    expect(errorOf(packDir(undefined))).toMatch(/^rules\/mini\.yaml: rules\[\d+\]: rule confidential\/model reads the pack's model, and the pack has none/);
  });

  it('rejects a model rule of a category the model lacks', () => {
    expect(errorOf(packDir(model, MODEL_RULE.replace('category: confidential', 'category: privacy')))).toMatch(/rules\[\d+\]\.category: rule confidential\/model: the model has no privacy column/);
  });

  it('rejects weights that do not match the keys, naming the field', () => {
    expect(errorOf(packDir({ ...model, weights: Buffer.from([1, 2]).toString('base64') }))).toMatch(/^model\.json: weights: expected 3 bytes \(3 keys × 1 categories\)/);
  });

  it('rejects a model trained on other features, saying to train again', () => {
    expect(errorOf(packDir({ ...model, features: MODEL_FEATURES + 1 }))).toMatch(/^model\.json: features: .*train it again/);
  });

  it('rejects a per-category list of the wrong length, and bad base64', () => {
    expect(errorOf(packDir({ ...model, thresholds: [0, 1] }))).toMatch(/^model\.json: thresholds: expected 1 numbers/);
    expect(errorOf(packDir({ ...model, guardWords: [2, 3] }))).toMatch(/^model\.json: guardWords: expected 1 numbers/);
    expect(errorOf(packDir({ ...model, guardWords: [9] }))).toMatch(/^model\.json: guardWords\[0\]: /);
    expect(errorOf(packDir({ ...model, keys: 'not base64!' }))).toMatch(/^model\.json: keys: expected base64/);
  });

  it('holds up to 200,000 features: 200,000 load (1.3 MB, over the 1 MiB of other files), 200,001 are refused with the limit named', () => {
    const sized = (count: number) => withKeys(new Int32Array(count).map((_, k) => k));
    const dir = packDir(sized(200_000));
    expect(statSync(join(dir, 'model.json')).size).toBeGreaterThan(LIMITS.fileBytes);
    expect(loadPack(dir).model?.keys).toHaveLength(1_066_668);
    const result = ModelSchema.safeParse(sized(200_001));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toContain('keys: expected at most 200000 features');
  });

  it('spreads 60,000 keys over its whole table: a key sits on average less than one slot past its home', () => {
    // Until session 21 a key's home slot took 16 bits of its hash whatever the table's size, so
    // the default model's 61,740 keys crowded into the first half of 131,072 slots: 7.6 slots
    // from home on average, and short posts spent 60% longer in the model.
    const count = 60_000;
    const prepared = prepareModel(withKeys(Int32Array.from({ length: count }, (_, k) => stringHash(`word${k}`) || 1)));
    let displacement = 0;
    let highest = 0;
    for (let s = 0; s <= prepared.mask; s++) {
      const key = prepared.slots[s * 4]!;
      if (key === 0) continue;
      const home = slotOf(key, prepared.shift);
      highest = Math.max(highest, home);
      displacement += (s - home) & prepared.mask;
    }
    expect(highest).toBeGreaterThan(prepared.mask / 2);
    expect(displacement / count).toBeLessThan(1);
  });

  it('rejects a model.json over its own size limit, named', () => {
    const dir = packDir(model);
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model).padEnd(LIMITS.modelBytes + 1));
    expect(errorOf(dir)).toBe(`model.json: file is larger than the ${LIMITS.modelBytes} bytes allowed`);
  });

  it('rejects a model.json that is not JSON', () => {
    const dir = packDir(model);
    writeFileSync(join(dir, 'model.json'), '{"features": 1,');
    expect(errorOf(dir)).toMatch(/^model\.json: not valid JSON/);
  });
});

describe('postguard train', { timeout: 60_000 }, () => {
  const ROOT = resolve(import.meta.dirname, '../..');
  const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'cli/bin.mjs'), 'train', ...args], { cwd: ROOT, encoding: 'utf8' });

  it('writes model.json into the pack folder, which the pack then loads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postguard-train-'));
    cpSync(MINI, dir, { recursive: true });
    writeFileSync(join(dir, 'posts.jsonl'), corpus(3, 200).map((post) => JSON.stringify(post)).join('\n'));
    const { status, stdout } = run(['--corpus', join(dir, 'posts.jsonl'), '--pack', dir, '--window-words', '20', '--max-words', '50']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/wrote .*model\.json: 1 categories, \d+ features, from 200 posts/);
    expect(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'))).toMatchObject({ windowWords: 20, maxWords: 50 });
    writeFileSync(join(dir, 'rules/mini.yaml'), readFileSync(join(dir, 'rules/mini.yaml'), 'utf8') + MODEL_RULE);
    const pack = loadPack(dir);
    expect(pack.model?.trainedOn).toEqual([{ file: 'posts.jsonl', posts: 200 }]);
  });

  it('learns from fewer words and pairs with a higher --min-posts, and refuses 0', () => {
    const features = (minPosts: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'postguard-train-'));
      cpSync(MINI, dir, { recursive: true });
      writeFileSync(join(dir, 'posts.jsonl'), corpus(3, 200).map((post) => JSON.stringify(post)).join('\n'));
      const { status, stdout } = run(['--corpus', join(dir, 'posts.jsonl'), '--pack', dir, '--min-posts', minPosts]);
      expect(status).toBe(0);
      return Number(/(\d+) features/.exec(stdout)![1]);
    };
    expect(features('60')).toBeLessThan(features('3'));
    const { status, stderr } = run(['--corpus', 'x.jsonl', '--min-posts', '0']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--min-posts must be a whole number of posts from 1 to 10000, got "0"/);
  });

  it('refuses a window that is not a whole number of words', () => {
    const { status, stderr } = run(['--corpus', 'x.jsonl', '--window-words', '3.5']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--window-words must be a whole number of words from 1 to 10000, got "3\.5"/);
  });

  it('names the file and line of a bad post, exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postguard-train-'));
    writeFileSync(join(dir, 'posts.jsonl'), '{"text": "fine", "labels": []}\n{"text": "bad", "labels": ["gossip"]}\n');
    const { status, stderr } = run(['--corpus', join(dir, 'posts.jsonl'), '--pack', dir]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^postguard: .*posts\.jsonl:2: labels: expected a list of categories/);
  });
});
