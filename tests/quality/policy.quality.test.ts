// Quality targets of the default pack, measured on a corpus written independently of the rules:
// recall per category and language, warnings on clean posts, warnings per 2,000 words of
// ordinary prose. On a miss the test prints the posts and findings so the rule author can act.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import {
  type AnalysedPost,
  type LabelledCorpusScore,
  cleanWarnCells,
  corpusPath,
  describePosts,
  expectWellFormedPosts,
  formatScoreTable,
  isWarning,
  recallCells,
  scoreLabelledCorpus,
} from './labelledCorpus';

const RECALL_TARGET = 0.9;
const CLEAN_WARN_TARGET = 0.05;
const WARNINGS_PER_2000_WORDS_TARGET = 1;
const MIN_POSTS_PER_CATEGORY = 22;
const MIN_CLEAN_POSTS = 100;
const CORPUS_LOCALES = ['en', 'fr'] as const;
type CorpusLocale = (typeof CORPUS_LOCALES)[number];

const pack = loadPack(DEFAULT_PACK_DIR);

function readOrdinaryPosts(locale: CorpusLocale): string[] {
  return readFileSync(corpusPath(`ordinary-${locale}.txt`), 'utf8')
    .split(/\n\s*\n/)
    .map((post) => post.trim())
    .filter((post) => post.length > 0);
}

const countWords = (text: string) => text.split(/\s+/).filter((word) => word.length > 0).length;

interface LocaleScores extends LabelledCorpusScore<CorpusLocale> {
  ordinaryWords: number;
  ordinaryWarned: AnalysedPost[];
  ordinaryWarnings: number;
  warningsPer2000Words: number;
}

function score(locale: CorpusLocale): LocaleScores {
  const labelled = scoreLabelledCorpus(`${locale}.jsonl`, pack, locale);
  const ordinary = readOrdinaryPosts(locale).map((text, index) => ({
    post: { id: `ordinary-${locale}-${String(index + 1).padStart(2, '0')}`, text, labels: [] },
    findings: analyze(text, pack, { locale }).filter(isWarning),
  }));
  const ordinaryWords = ordinary.reduce((sum, { post }) => sum + countWords(post.text), 0);
  const ordinaryWarnings = ordinary.reduce((sum, { findings }) => sum + findings.length, 0);

  return {
    ...labelled,
    ordinaryWords,
    ordinaryWarned: ordinary.filter(({ findings }) => findings.length > 0),
    ordinaryWarnings,
    warningsPer2000Words: ordinaryWords === 0 ? 0 : (ordinaryWarnings / ordinaryWords) * 2000,
  };
}

const scores = CORPUS_LOCALES.map(score);

function formatTable(): string {
  const header = ['locale', 'measure', 'posts', 'hits', 'score', 'target', ''];
  const rows: string[][] = [];
  for (const s of scores) {
    for (const c of s.categories) {
      rows.push([...recallCells(s.locale, c), `>= ${RECALL_TARGET.toFixed(2)}`, c.recall >= RECALL_TARGET ? 'ok' : 'FAIL']);
    }
    rows.push([...cleanWarnCells(s), `<= ${CLEAN_WARN_TARGET.toFixed(2)}`, s.cleanWarnRate <= CLEAN_WARN_TARGET ? 'ok' : 'FAIL']);
    rows.push([s.locale, 'ordinary: warnings / 2000 words', `${s.ordinaryWords}w`, String(s.ordinaryWarnings), s.warningsPer2000Words.toFixed(2), `<= ${WARNINGS_PER_2000_WORDS_TARGET}`, s.warningsPer2000Words <= WARNINGS_PER_2000_WORDS_TARGET ? 'ok' : 'FAIL']);
  }
  return formatScoreTable('Postguard quality (default pack)', header, rows);
}

afterAll(() => {
  console.log(formatTable());
});

describe('quality corpus', () => {
  for (const s of scores) {
    it(`${s.locale}.jsonl is well formed and large enough`, () => {
      expectWellFormedPosts(s.corpus);
      for (const c of s.categories) expect(c.posts.length, `${s.locale} ${c.category} posts`).toBeGreaterThanOrEqual(MIN_POSTS_PER_CATEGORY);
      expect(s.clean.length, `${s.locale} clean posts`).toBeGreaterThanOrEqual(MIN_CLEAN_POSTS);
    });
  }
});

describe('policy quality targets', () => {
  for (const s of scores) {
    for (const c of s.categories) {
      it(`${s.locale} ${c.category}: recall >= ${RECALL_TARGET}`, () => {
        if (c.recall < RECALL_TARGET) console.log(describePosts(`${s.locale} ${c.category}: missed posts (no warn/stop finding of this category)`, c.missed));
        expect(c.recall).toBeGreaterThanOrEqual(RECALL_TARGET);
      });
    }

    it(`${s.locale} clean posts: warned <= ${CLEAN_WARN_TARGET * 100}%`, () => {
      if (s.cleanWarnRate > CLEAN_WARN_TARGET) console.log(describePosts(`${s.locale}: clean posts with a warn/stop finding`, s.cleanWarned));
      expect(s.cleanWarnRate).toBeLessThanOrEqual(CLEAN_WARN_TARGET);
    });

    it(`${s.locale} ordinary prose: <= ${WARNINGS_PER_2000_WORDS_TARGET} warning per 2,000 words`, () => {
      if (s.warningsPer2000Words > WARNINGS_PER_2000_WORDS_TARGET) console.log(describePosts(`ordinary-${s.locale}.txt: paragraphs with warn/stop findings`, s.ordinaryWarned));
      expect(s.warningsPer2000Words).toBeLessThanOrEqual(WARNINGS_PER_2000_WORDS_TARGET);
    });
  }
});
