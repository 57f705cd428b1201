import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_PACK_DIR, MODEL_FILE, readSources } from '../rules/pack/loadPack';
import { LexiconSchema } from '../rules/pack/schema';
import { CATEGORIES, type Category, type CompiledModel } from '../rules/types';
import { CliError } from './CliError';
import type { Command } from './Command';
import { fsErrorReason } from './fsErrorReason';
import { parseCommandArgs } from './parseCommandArgs';
import { listWords, trainModel, type LabelledText, type WordList } from './trainModel';

export const train: Command = {
  name: 'train',
  summary: "learn the pack's model (model.json) from labelled posts",
  usage: `Usage: postguard train --corpus FILE [--corpus FILE ...] [--category NAME ...] [--pack DIR] [--clean-rate R]
       [--window-words N] [--max-words N] [--min-posts N] [--veto-margin M|none]

Learns, for each category, which words and pairs of words make a post break the policy, from
labelled posts, and writes the pack's model.json. The pack's \`model\` rules report what it
flags. Each corpus is JSON Lines: {"text": "...", "labels": ["confidential"]} per post, with
"labels": [] for a clean post. Keep some labelled posts out of training to measure the model.

Options:
  --corpus FILE     labelled posts (repeat for several files)
  --category NAME   a category to learn (repeat; default: every category with labelled posts)
  --pack DIR        the pack folder to write model.json into (default: the built-in pack)
  --clean-rate R    share of clean posts each category may flag, cross-validated (default 0.002)
  --window-words N  read texts in windows of sentences of at most N words (default: as long as
                    99% of the violating posts)
  --max-words N     say nothing on texts of more words (default: twice the window)
  --min-posts N     learn only from the words and pairs of words of at least N posts (default 3)
  --veto-margin M   demote a phrase rule's warning to a tip when the model scores its category
                    more than M below its threshold (default 1.5, conduct never; none: never)
`,
  run(args) {
    const { values } = parseCommandArgs('train', {
      args,
      options: {
        corpus: { type: 'string', multiple: true },
        category: { type: 'string', multiple: true },
        pack: { type: 'string' },
        'clean-rate': { type: 'string' },
        'window-words': { type: 'string' },
        'max-words': { type: 'string' },
        'min-posts': { type: 'string' },
        'veto-margin': { type: 'string' },
      },
    });
    const files = values.corpus ?? [];
    if (files.length === 0) throw new CliError('train: --corpus FILE is required (see postguard train --help)');
    const cleanRate = values['clean-rate'] === undefined ? undefined : Number(values['clean-rate']);
    if (cleanRate !== undefined && !(cleanRate >= 0 && cleanRate < 1)) throw new CliError(`train: --clean-rate must be a number from 0 to 1, got "${values['clean-rate']}"`);
    const windowWords = wholeNumber(values['window-words'], '--window-words', 'words');
    const maxWords = wholeNumber(values['max-words'], '--max-words', 'words');
    const minPosts = wholeNumber(values['min-posts'], '--min-posts', 'posts');
    const vetoMargin = vetoMarginOf(values['veto-margin']);
    const packDir = values.pack ?? DEFAULT_PACK_DIR;
    const posts: LabelledText[] = [];
    const trainedOn = files.map((file) => {
      const read = readCorpus(file);
      posts.push(...read);
      return { file: basename(file), posts: read.length };
    });
    const categories = values.category;
    for (const category of categories ?? []) {
      if (!(CATEGORIES as readonly string[]).includes(category)) throw new CliError(`train: --category must be one of ${CATEGORIES.join(', ')}, got "${category}"`);
    }
    let model;
    try {
      model = trainModel(posts, trainedOn, { cleanRate, categories: categories as Category[] | undefined, windowWords, maxWords, minPosts, vetoMargin, ignoredWords: listWords(packWordLists(packDir)) });
    } catch (error) {
      throw new CliError(`train: ${(error as Error).message}`);
    }
    const out = join(packDir, MODEL_FILE);
    const temporary = `${out}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, modelFileText(model));
      renameSync(temporary, out);
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${fsErrorReason(error as NodeJS.ErrnoException)}`);
    }
    const features = Buffer.from(model.keys, 'base64').length / 4;
    process.stdout.write(`wrote ${out}: ${model.categories.length} categories, ${features} features, from ${posts.length} posts\n`);
    return 0;
  },
};

/** A whole number of `unit` from 1 to 10,000, or undefined when the option is absent. */
function wholeNumber(value: string | undefined, option: string, unit: 'words' | 'posts'): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new CliError(`train: ${option} must be a whole number of ${unit} from 1 to 10000, got "${value}"`);
  return n;
}

/** model.json as `train` writes it. */
export const modelFileText = (model: CompiledModel): string => `${JSON.stringify(model, null, 1)}\n`;

/** Labelled posts of a JSON Lines file; errors name the file and line. */
export function readCorpus(file: string): LabelledText[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const posts: LabelledText[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CliError(`${where}: not valid JSON; expected {"text": "...", "labels": [...]}`);
    }
    const { text, labels } = (value ?? {}) as { text?: unknown; labels?: unknown };
    if (typeof text !== 'string') throw new CliError(`${where}: text: expected a string`);
    if (!Array.isArray(labels) || !labels.every((label) => CATEGORIES.includes(label))) {
      throw new CliError(`${where}: labels: expected a list of categories (${CATEGORIES.join(', ')})`);
    }
    posts.push({ text, labels: labels as Category[] });
  });
  return posts;
}

/**
 * The word lists a pack's rules take words from (their `lexicon`), read from its rule files
 * alone: the model may be missing or stale while it is being retrained.
 */
export function packWordLists(dir: string): WordList[] {
  const lists: WordList[] = [];
  try {
    for (const { file, text } of readSources(dir).ruleFiles) {
      const rules: unknown = (parseYaml(text) as { rules?: unknown } | null)?.rules;
      if (!Array.isArray(rules)) continue;
      rules.forEach((rule: { lexicon?: unknown }, i) => {
        if (rule?.lexicon === undefined) return;
        const parsed = LexiconSchema.safeParse(rule.lexicon);
        if (!parsed.success) throw new CliError(`train: ${dir}/${file}: rules[${i}].lexicon: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        lists.push(parsed.data);
      });
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`train: cannot read the pack's rules in ${dir}: ${(error as Error).message}`);
  }
  return lists;
}

/** `--veto-margin`: a number of 0 or more, or "none"; undefined for the default. */
function vetoMarginOf(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  const margin = Number(value);
  if (value.trim() === '' || !(margin >= 0 && margin <= 1000)) throw new CliError(`train: --veto-margin must be a number from 0 to 1000, or none, got "${value}"`);
  return margin;
}
