export interface Timing {
  /** Microseconds per call. */
  median: number;
  p95: number;
  calls: number;
}

/** One thing to time: `run` called on each input in turn. */
export interface Subject {
  run: (input: string) => unknown;
  inputs: string[];
}

export interface MeasureOptions {
  /** Rounds; in each, every subject runs for `sliceMs` (and at least once). */
  rounds?: number;
  sliceMs?: number;
  warmupMs?: number;
}

/** Work results are summed here so that the JIT cannot drop a call whose result is unused. */
let sink = 0;

/**
 * Times several subjects in interleaved rounds, one `process.hrtime.bigint()` pair per call.
 * This machine's speed drifts by up to 2× over seconds (other tenants of the host), so subjects
 * timed one after another would not be compared fairly: interleaved, each sees the same drift,
 * and their ratios hold even when the absolute numbers move. (No forced GC between slices:
 * a full collection leaves V8 slower for a while, which would tax the fastest subject most.)
 */
export function measureTogether(subjects: Subject[], options: MeasureOptions = {}): Timing[] {
  const { rounds = 24, sliceMs = 60, warmupMs = 300 } = options;
  for (const { run, inputs } of subjects) {
    const warmupEnd = performance.now() + warmupMs / subjects.length;
    for (let call = 0; performance.now() < warmupEnd || call < 3; call++) consume(run(inputs[call % inputs.length]!));
  }
  const samples = subjects.map(() => [] as number[]);
  const calls = subjects.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    subjects.forEach(({ run, inputs }, s) => {
      const sliceEnd = performance.now() + sliceMs;
      do {
        const input = inputs[calls[s]!++ % inputs.length]!;
        const start = process.hrtime.bigint();
        const result = run(input);
        samples[s]!.push(Number(process.hrtime.bigint() - start) / 1000);
        consume(result);
      } while (performance.now() < sliceEnd);
    });
  }
  return samples.map((list) => {
    list.sort((a, b) => a - b);
    return { median: percentile(list, 0.5), p95: percentile(list, 0.95), calls: list.length };
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function consume(result: unknown): void {
  sink += Array.isArray(result) ? result.length : typeof result === 'string' ? result.length : result ? 1 : 0;
}

/** Read by bench.ts at the end, so the sum is observable. */
export function measuredWork(): number {
  return sink;
}

const charCodeAt = String.prototype.charCodeAt;

/** Counts the words of `text` whose hash is odd: a plain loop of char reads, FNV steps and word ends. */
function hashWords(text: string): number {
  let words = 0;
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    const c = charCodeAt.call(text, i);
    if (c === 32) {
      words += h & 1;
      h = 0;
    } else h = Math.imul(h ^ c, 16777619);
  }
  return words;
}

/**
 * The machine's speed at the moment, as the median µs of `hashWords` on a fixed 3,000-char text,
 * timed like the tools: none of Postguard's code, so that a run in a slow phase of this shared
 * machine shows as one. (The same loop read 9 µs in quick phases and 18-20 in slow ones within
 * one session.)
 */
export function referenceLoopMicros(): number {
  let text = '';
  for (let i = 0; i < 3000; i++) text += i % 7 === 0 ? ' ' : String.fromCharCode(97 + ((i * 7) % 26));
  text = JSON.parse(JSON.stringify(text)) as string; // flat, as posts are
  return measureTogether([{ run: hashWords, inputs: [text] }], { rounds: 9, sliceMs: 20 })[0]!.median;
}
