// Labelled quality corpora (tests/quality/corpus/*.jsonl, one `{id, text, labels}` post a line,
// no labels meaning clean) and how a pack scores on them. Shared by the policy and held-out
// quality tests; each keeps its own targets and assertions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { CATEGORIES, type Category, type CompiledPack, type Finding } from '../../rules/types';

export interface LabelledPost {
  id: string;
  text: string;
  labels: Category[];
}

export interface AnalysedPost {
  post: LabelledPost;
  findings: Finding[];
}

export interface CategoryScore {
  category: Category;
  posts: AnalysedPost[];
  caught: AnalysedPost[];
  missed: AnalysedPost[];
  recall: number;
}

export interface LabelledCorpusScore<L extends string> {
  locale: L;
  corpus: LabelledPost[];
  categories: CategoryScore[];
  clean: AnalysedPost[];
  cleanWarned: AnalysedPost[];
  cleanWarnRate: number;
}

/** The held-out round no rule and no model has learnt from (files `${BLIND_ROUND}-en.jsonl`, `-fr`). */
export const BLIND_ROUND = 'heldout60';

export const corpusPath = (file: string) => fileURLToPath(new URL(`./corpus/${file}`, import.meta.url));

export const isWarning = (finding: Finding) => finding.severity === 'warn' || finding.severity === 'stop';

function readLabelledPosts(file: string): LabelledPost[] {
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

/** The corpus format: unique ids, each post with id, text and labels, only known categories as labels. */
export function expectWellFormedPosts(corpus: LabelledPost[]): void {
  const ids = corpus.map((post) => post.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'duplicate ids').toEqual([]);
  for (const post of corpus) {
    expect(typeof post.id === 'string' && typeof post.text === 'string' && Array.isArray(post.labels), `post ${post.id}: needs id, text, labels`).toBe(true);
    expect(post.labels.filter((label) => !CATEGORIES.includes(label)), `post ${post.id}: unknown labels`).toEqual([]);
  }
}

/**
 * Recall per category: the share of posts labelled with a category that get a warn/stop finding
 * of that category. Clean-warn rate: the share of clean posts with any warn/stop finding.
 */
export function scoreLabelledCorpus<L extends string>(file: string, pack: CompiledPack, locale: L): LabelledCorpusScore<L> {
  const corpus = readLabelledPosts(file);
  const analysed = corpus.map((post) => ({ post, findings: analyze(post.text, pack, { locale }) }));
  const categories = CATEGORIES.map((category): CategoryScore => {
    const posts = analysed.filter(({ post }) => post.labels.includes(category));
    const caught = posts.filter(({ findings }) => findings.some((f) => isWarning(f) && f.category === category));
    const missed = posts.filter((item) => !caught.includes(item));
    return { category, posts, caught, missed, recall: posts.length === 0 ? 0 : caught.length / posts.length };
  });
  const clean = analysed.filter(({ post }) => post.labels.length === 0);
  const cleanWarned = clean.filter(({ findings }) => findings.some(isWarning));
  return { locale, corpus, categories, clean, cleanWarned, cleanWarnRate: clean.length === 0 ? 1 : cleanWarned.length / clean.length };
}

/** The first five cells of a table row: locale, measure, posts, hits, score. */
export const recallCells = (locale: string, c: CategoryScore): string[] => [locale, `recall ${c.category}`, String(c.posts.length), String(c.caught.length), c.recall.toFixed(2)];

export const cleanWarnCells = (s: LabelledCorpusScore<string>): string[] => [s.locale, 'clean posts warned', String(s.clean.length), String(s.cleanWarned.length), s.cleanWarnRate.toFixed(2)];

/** Columns 2 to 4 (posts, hits, score) are numbers, so they are right-aligned. */
export function formatScoreTable(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const format = (row: string[]) => row.map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [title, format(header), ...rows.map(format)].join('\n');
}

function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return '    (no findings)';
  return findings.map((f) => `    ${f.severity} ${f.category} ${f.ruleId} on ${JSON.stringify(f.text)}`).join('\n');
}

/** Each post with its labels, text and findings, for a rule author to act on. */
export function describePosts(title: string, items: AnalysedPost[]): string {
  const lines = items.map(({ post, findings }) => `  ${post.id} [${post.labels.join(', ') || 'clean'}] ${JSON.stringify(post.text)}\n${describeFindings(findings)}`);
  return `${title} (${items.length}):${lines.length ? '\n' + lines.join('\n') : ' none'}`;
}
