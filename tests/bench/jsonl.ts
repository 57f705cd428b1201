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
  /**
   * Microseconds per post, start-up excluded: what the posts past the first fifth add to a run
   * (a run on all the posts less a run on their first fifth, over the posts between). A run's
   * fixed costs are left out whatever they are, the worker threads' start-up included.
   */
  microsPerPost: number;
  /** The fixed cost of a run those two sizes imply: `totalMs` less `microsPerPost` for every post. */
  startupMs: number;
  totalMs: number;
  /** A run on the first fifth of the posts. */
  fifthMs: number;
  /**
   * A run on an empty file, and the cost per post counted with it subtracted instead, as sessions
   * up to 15 did. On an empty file the CLI neither waits for its worker threads nor runs the
   * engine, whose first posts run before V8 has optimised its code (1.4 ms a post for the first
   * 200, measured in one process, against 60-130 µs later), so that count charges both to the posts.
   */
  emptyMs: number;
  microsPerPostEmptySubtracted: number;
  /** Mean `analyze()` time on the same posts, in this process, on one thread (NaN when not asked). */
  analyzeMicrosPerPost: number;
}

/** The export size the issue names: an admin audits 100,000 past posts at once. */
export const EXPORT_POSTS = 100_000;

/**
 * End to end `postguard check --jsonl` on an export of `count` 3,000-character posts, EN and
 * FR, half as JSON strings and half as `{"id","text"}` objects. Each run is timed from spawn to
 * exit, `runs` times in turn on an empty file, on the first fifth of the posts and on all of
 * them (the machine's speed drifts: in turn, each sees the same drift), and each size's median
 * run is kept. With `timeAnalyze`, the same posts also go once through `analyze()` in this
 * process.
 */
export function benchJsonl(count = EXPORT_POSTS, runs = 3, extraArgs: string[] = [], timeAnalyze = true): JsonlTiming {
  const folder = mkdtempSync(join(tmpdir(), 'postguard-bench-'));
  try {
    const postsFile = join(folder, 'posts.jsonl');
    const fifthFile = join(folder, 'fifth.jsonl');
    const emptyFile = join(folder, 'empty.jsonl');
    const fifth = Math.round(count / 5);
    const posts = Array.from({ length: count }, (_, index) => makePost(index % 2 === 0 ? 'en' : 'fr', 3000, index + 1));
    const lines = posts.map((text, index) => (index % 4 < 2 ? JSON.stringify(text) : JSON.stringify({ id: `post-${index + 1}`, text })));
    writeFileSync(postsFile, lines.join('\n') + '\n');
    writeFileSync(fifthFile, lines.slice(0, fifth).join('\n') + '\n');
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
    const empty: number[] = [];
    const fifths: number[] = [];
    const totals: number[] = [];
    for (let run = 0; run < runs; run++) {
      empty.push(timeRun(emptyFile));
      fifths.push(timeRun(fifthFile));
      totals.push(timeRun(postsFile));
    }
    const outputLines = readFileSync(outFile, 'utf8').split('\n').length - 1;
    if (outputLines !== count) throw new Error(`expected ${count} output lines, got ${outputLines}`);
    const [emptyMs, fifthMs, totalMs] = [median(empty), median(fifths), median(totals)];
    const microsPerPost = ((totalMs - fifthMs) * 1000) / (count - fifth);
    const analyzeMicrosPerPost = timeAnalyze ? meanAnalyzeMicros(posts) : NaN;
    return {
      posts: count,
      microsPerPost,
      startupMs: totalMs - (microsPerPost * count) / 1000,
      totalMs,
      fifthMs,
      emptyMs,
      microsPerPostEmptySubtracted: ((totalMs - emptyMs) * 1000) / count,
      analyzeMicrosPerPost,
    };
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
    `check --jsonl: ${timing.posts} posts in ${timing.totalMs.toFixed(0)} ms, a fifth of them in ${timing.fifthMs.toFixed(0)} ms, none in ` +
      `${timing.emptyMs.toFixed(0)} ms: ${timing.microsPerPost.toFixed(1)} µs per post, start-up ${timing.startupMs.toFixed(0)} ms ` +
      `(${timing.microsPerPostEmptySubtracted.toFixed(1)} µs with the empty run subtracted; analyze() alone: ${timing.analyzeMicrosPerPost.toFixed(1)} µs)`,
  );
}
