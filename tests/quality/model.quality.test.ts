// The default pack's model.json is what `npm run train` makes from the labelled corpora, and
// none of the blind round's posts is among them.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFileText, packWordLists, readCorpus } from '../../cli/train';
import { listWords, trainModel } from '../../cli/trainModel';
import type { Category } from '../../rules/types';
import { BLIND_ROUND } from './labelledCorpus';

const script: string = JSON.parse(readFileSync('package.json', 'utf8')).scripts.train;
const valuesOf = (option: string) => [...script.matchAll(new RegExp(`--${option} (\\S+)`, 'g'))].map((match) => match[1]!);
/** A number option of the script, undefined when the script leaves it to its default. */
const numberOf = (option: string) => {
  const [value] = valuesOf(option);
  return value === undefined ? undefined : Number(value);
};

// Training on the whole corpus takes 45-50 s on 2 idle cores, and twice that on a busy machine.
describe('the default model', { timeout: 180_000 }, () => {
  const files = valuesOf('corpus');

  it('was not trained on the blind round', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => basename(file).startsWith(`${BLIND_ROUND}-`))).toEqual([]);
  });

  it('is the one `npm run train` makes, byte for byte', () => {
    const posts = files.map((file) => readCorpus(file));
    const model = trainModel(
      posts.flat(),
      files.map((file, i) => ({ file: basename(file), posts: posts[i]!.length })),
      {
        categories: valuesOf('category') as Category[],
        windowWords: numberOf('window-words'),
        maxWords: numberOf('max-words'),
        cleanRate: numberOf('clean-rate'),
        ignoredWords: listWords(packWordLists('rules/packs/default')),
      },
    );
    expect(readFileSync('rules/packs/default/model.json', 'utf8')).toBe(modelFileText(model));
  });
});
