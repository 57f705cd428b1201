// Held-out quality check of the default pack: a corpus written separately from the one the rules
// were tuned on (corpus/heldout-*.jsonl), to measure how well the rules generalise. The assertions
// are loose floors that only catch regressions; the real targets are printed in the table with
// ok/below so the report stays honest. Missed posts and warned clean posts are printed too.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import { cleanWarnCells, describePosts, expectWellFormedPosts, formatScoreTable, recallCells, scoreLabelledCorpus } from './labelledCorpus';

const RECALL_TARGET = 0.9;
const CLEAN_WARN_TARGET = 0.05;
// Floors sit under the measured values (lowest recall 0.58): they catch regressions; the targets are printed.
const RECALL_FLOOR = 0.5;
const CLEAN_WARN_CEILING = 0.1;
const POSTS_PER_CATEGORY = 12;
const CLEAN_POSTS = 60;
const LOCALES = ['en', 'fr'] as const;

const pack = loadPack(DEFAULT_PACK_DIR);
const scores = LOCALES.map((locale) => scoreLabelledCorpus(`heldout-${locale}.jsonl`, pack, locale));

function formatTable(): string {
  const header = ['locale', 'measure', 'posts', 'hits', 'score', 'floor', 'target', 'vs target'];
  const rows: string[][] = [];
  for (const s of scores) {
    for (const c of s.categories) {
      rows.push([...recallCells(s.locale, c), `>= ${RECALL_FLOOR.toFixed(2)}`, `>= ${RECALL_TARGET.toFixed(2)}`, c.recall >= RECALL_TARGET ? 'ok' : 'below']);
    }
    rows.push([...cleanWarnCells(s), `<= ${CLEAN_WARN_CEILING.toFixed(2)}`, `<= ${CLEAN_WARN_TARGET.toFixed(2)}`, s.cleanWarnRate <= CLEAN_WARN_TARGET ? 'ok' : 'below']);
  }
  return formatScoreTable('Postguard held-out quality (default pack)', header, rows);
}

afterAll(() => {
  const details: string[] = [];
  for (const s of scores) {
    for (const c of s.categories) {
      if (c.missed.length > 0) details.push(describePosts(`${s.locale} ${c.category}: missed posts (no warn/stop finding of this category)`, c.missed));
    }
    details.push(describePosts(`${s.locale}: clean posts with a warn/stop finding`, s.cleanWarned));
  }
  console.log(`${formatTable()}\n\n${details.join('\n\n')}`);
});

describe('held-out quality corpus', () => {
  for (const s of scores) {
    it(`heldout-${s.locale}.jsonl is well formed`, () => {
      expectWellFormedPosts(s.corpus);
      for (const c of s.categories) expect(c.posts.length, `${s.locale} ${c.category} posts`).toBeGreaterThanOrEqual(POSTS_PER_CATEGORY);
      expect(s.clean.length, `${s.locale} clean posts`).toBe(CLEAN_POSTS);
    });
  }
});

describe('held-out quality floors (regression guard; targets are in the printed table)', () => {
  for (const s of scores) {
    for (const c of s.categories) {
      it(`${s.locale} ${c.category}: recall >= ${RECALL_FLOOR}`, () => {
        expect(c.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
      });
    }
    it(`${s.locale} clean posts: warned <= ${CLEAN_WARN_CEILING * 100}%`, () => {
      expect(s.cleanWarnRate).toBeLessThanOrEqual(CLEAN_WARN_CEILING);
    });
  }
});
