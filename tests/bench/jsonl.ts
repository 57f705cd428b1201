import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../rules/engine/analyze';
import { preparePackFully } from '../../rules/engine/prepare';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import { asReceived, makePost } from './makePost';

const CLI = resolve(import.meta.dirname, '../../cli/bin.mjs');

export interface JsonlTiming {
  posts: number;
  /** Microseconds per post, the start-up (tsx, pack loading) subtracted. */
  microsPerPost: number;
  startupMs: number;
  totalMs: number;
  /** Mean `analyze()` time on the same posts, in this process (NaN when not asked): the rest of `microsPerPost` is the CLI's own work. */
  analyzeMicrosPerPost: number;
}

/** The export size the issue names: an admin audits 100,000 past posts at once. */
export const EXPORT_POSTS = 100_000;

/**
 * End to end `postguard check --jsonl` on an export of `count` 3,000-character posts, EN and
 * FR, half as JSON strings and half as `{"id","text"}` objects. Each run is timed from spawn to
 * exit; the median run on an empty file is the start-up cost, subtracted from the median full
 * run. With `timeAnalyze`, the same posts also go once through `analyze()` in this process.
 */
export function benchJsonl(count = EXPORT_POSTS, runs = 3, extraArgs: string[] = [], timeAnalyze = true): JsonlTiming {
  const folder = mkdtempSync(join(tmpdir(), 'postguard-bench-'));
  try {
    const postsFile = join(folder, 'posts.jsonl');
    const emptyFile = join(folder, 'empty.jsonl');
    const posts = Array.from({ length: count }, (_, index) => makePost(index % 2 === 0 ? 'en' : 'fr', 3000, index + 1));
    const lines = posts.map((text, index) => (index % 4 < 2 ? JSON.stringify(text) : JSON.stringify({ id: `post-${index + 1}`, text })));
    writeFileSync(postsFile, lines.join('\n') + '\n');
    writeFileSync(emptyFile, '');

    const outFile = join(folder, 'out.jsonl');
    const timeRun = (input: string) => {
      const out = openSync(outFile, 'w');
      const start = process.hrtime.bigint();
      const result = spawnSync(process.execPath, [CLI, 'check', '--jsonl', ...extraArgs, input], { stdio: ['ignore', out, 'pipe'] });
      const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
      closeSync(out);
      if (result.status !== 0 && result.status !== 1) throw new Error(`postguard check --jsonl exited with ${result.status}: ${result.stderr}`);
      return elapsedMs;
    };
    timeRun(emptyFile); // tsx compiles and caches the CLI on its first run
    const startupMs = median(Array.from({ length: runs }, () => timeRun(emptyFile)));
    const totalMs = median(Array.from({ length: runs }, () => timeRun(postsFile)));
    const outputLines = readFileSync(outFile, 'utf8').split('\n').length - 1;
    if (outputLines !== count) throw new Error(`expected ${count} output lines, got ${outputLines}`);
    const analyzeMicrosPerPost = timeAnalyze ? meanAnalyzeMicros(posts) : NaN;
    return { posts: count, microsPerPost: ((totalMs - startupMs) * 1000) / count, startupMs, totalMs, analyzeMicrosPerPost };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Mean `analyze()` µs over `posts` in one pass, the pack prepared first (the CLI prepares it at start-up). */
function meanAnalyzeMicros(posts: string[]): number {
  const pack = loadPack(DEFAULT_PACK_DIR);
  preparePackFully(pack);
  const received = posts.map(asReceived); // as the CLI's JSON.parse gives them
  const start = process.hrtime.bigint();
  for (const post of received) analyze(post, pack);
  return Number(process.hrtime.bigint() - start) / 1000 / posts.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const timing = benchJsonl(Number(process.env.POSTS ?? EXPORT_POSTS), 3, process.argv.slice(2));
  console.log(
    `check --jsonl: ${timing.posts} posts in ${timing.totalMs.toFixed(0)} ms, start-up ${timing.startupMs.toFixed(0)} ms: ` +
      `${timing.microsPerPost.toFixed(1)} µs per post (analyze() alone: ${timing.analyzeMicrosPerPost.toFixed(1)} µs)`,
  );
}
