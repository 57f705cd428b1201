// Quality targets of the default pack, measured on a corpus written independently of the rules:
// recall per category and language, warnings on clean posts, warnings per 2,000 words of
// ordinary prose. On a miss the test prints the posts and findings so the rule author can act.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { loadPackDir } from '../../rules/pack/loadPack';
import { CATEGORIES, type Category, type Finding } from '../../rules/types';

const RECALL_TARGET = 0.9;
const CLEAN_WARN_TARGET = 0.05;
const WARNINGS_PER_2000_WORDS_TARGET = 1;
const MIN_POSTS_PER_CATEGORY = 22;
const MIN_CLEAN_POSTS = 100;
const CORPUS_LOCALES = ['en', 'fr'] as const;
type CorpusLocale = (typeof CORPUS_LOCALES)[number];

interface LabelledPost {
  id: string;
  text: string;
  labels: Category[];
}

interface Analysed {
  post: LabelledPost;
  findings: Finding[];
}

const corpusPath = (file: string) => fileURLToPath(new URL(`./corpus/${file}`, import.meta.url));
const pack = loadPackDir(fileURLToPath(new URL('../../rules/packs/default', import.meta.url)));

const isWarning = (finding: Finding) => finding.severity === 'warn' || finding.severity === 'stop';

function readLabelledPosts(locale: CorpusLocale): LabelledPost[] {
  const file = `${locale}.jsonl`;
  return readFileSync(corpusPath(file), 'utf8')
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as LabelledPost;
      } catch (error) {
        throw new Error(`tests/quality/corpus/${file}:${number}: not valid JSON (${String(error)}); one object per line`);
      }
    });
}

function readOrdinaryPosts(locale: CorpusLocale): string[] {
  return readFileSync(corpusPath(`ordinary-${locale}.txt`), 'utf8')
    .split(/\n\s*\n/)
    .map((post) => post.trim())
    .filter((post) => post.length > 0);
}

const countWords = (text: string) => text.split(/\s+/).filter((word) => word.length > 0).length;

function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return '    (no findings)';
  return findings.map((f) => `    ${f.severity} ${f.category} ${f.ruleId} on ${JSON.stringify(f.text)}`).join('\n');
}

function describePosts(title: string, items: Analysed[]): string {
  const lines = items.map(({ post, findings }) => `  ${post.id} [${post.labels.join(', ') || 'clean'}] ${JSON.stringify(post.text)}\n${describeFindings(findings)}`);
  return `${title} (${items.length}):\n${lines.join('\n')}`;
}

interface CategoryScore {
  category: Category;
  posts: Analysed[];
  caught: Analysed[];
  missed: Analysed[];
  recall: number;
}

interface LocaleScores {
  locale: CorpusLocale;
  corpus: LabelledPost[];
  categories: CategoryScore[];
  clean: Analysed[];
  cleanWarned: Analysed[];
  cleanWarnRate: number;
  ordinaryWords: number;
  ordinaryWarned: Analysed[];
  ordinaryWarnings: number;
  warningsPer2000Words: number;
}

function score(locale: CorpusLocale): LocaleScores {
  const corpus = readLabelledPosts(locale);
  const analysed = corpus.map((post) => ({ post, findings: analyze(post.text, pack, { locale }) }));

  const categories = CATEGORIES.map((category): CategoryScore => {
    const posts = analysed.filter(({ post }) => post.labels.includes(category));
    const caught = posts.filter(({ findings }) => findings.some((f) => isWarning(f) && f.category === category));
    const missed = posts.filter((item) => !caught.includes(item));
    return { category, posts, caught, missed, recall: posts.length === 0 ? 0 : caught.length / posts.length };
  });

  const clean = analysed.filter(({ post }) => post.labels.length === 0);
  const cleanWarned = clean.filter(({ findings }) => findings.some(isWarning));

  const ordinary = readOrdinaryPosts(locale).map((text, index) => ({
    post: { id: `ordinary-${locale}-${String(index + 1).padStart(2, '0')}`, text, labels: [] },
    findings: analyze(text, pack, { locale }).filter(isWarning),
  }));
  const ordinaryWords = ordinary.reduce((sum, { post }) => sum + countWords(post.text), 0);
  const ordinaryWarnings = ordinary.reduce((sum, { findings }) => sum + findings.length, 0);

  return {
    locale,
    corpus,
    categories,
    clean,
    cleanWarned,
    cleanWarnRate: clean.length === 0 ? 1 : cleanWarned.length / clean.length,
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
      rows.push([s.locale, `recall ${c.category}`, String(c.posts.length), String(c.caught.length), c.recall.toFixed(2), `>= ${RECALL_TARGET.toFixed(2)}`, c.recall >= RECALL_TARGET ? 'ok' : 'FAIL']);
    }
    rows.push([s.locale, 'clean posts warned', String(s.clean.length), String(s.cleanWarned.length), s.cleanWarnRate.toFixed(2), `<= ${CLEAN_WARN_TARGET.toFixed(2)}`, s.cleanWarnRate <= CLEAN_WARN_TARGET ? 'ok' : 'FAIL']);
    rows.push([s.locale, 'ordinary: warnings / 2000 words', `${s.ordinaryWords}w`, String(s.ordinaryWarnings), s.warningsPer2000Words.toFixed(2), `<= ${WARNINGS_PER_2000_WORDS_TARGET}`, s.warningsPer2000Words <= WARNINGS_PER_2000_WORDS_TARGET ? 'ok' : 'FAIL']);
  }
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const format = (row: string[]) => row.map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return ['Postguard quality (default pack)', format(header), ...rows.map(format)].join('\n');
}

afterAll(() => {
  console.log(formatTable());
});

describe('quality corpus', () => {
  for (const s of scores) {
    it(`${s.locale}.jsonl is well formed and large enough`, () => {
      const ids = s.corpus.map((post) => post.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'duplicate ids').toEqual([]);
      for (const post of s.corpus) {
        expect(typeof post.id === 'string' && typeof post.text === 'string' && Array.isArray(post.labels), `post ${post.id}: needs id, text, labels`).toBe(true);
        expect(post.labels.filter((label) => !CATEGORIES.includes(label)), `post ${post.id}: unknown labels`).toEqual([]);
      }
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
