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
 * This machine's speed drifts by up to 2× over seconds (its two vCPUs are hardware threads of one
 * core, and whatever runs on the other thread, ours or another tenant's, takes half the core's
 * throughput: see README, Speed), so subjects timed one after another would not be compared
 * fairly: interleaved, each sees the same drift. Their ratios move less than the absolute
 * numbers, but they do move: code bound by throughput (Postguard) loses more than code bound by
 * latency. (No forced GC between slices: a full collection leaves V8 slower for a while, which
 * would tax the fastest subject most.)
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

/** 3,000 multiplications, each waiting for the one before: bound by latency, not throughput. */
function multiplyChain(text: string): number {
  let h = text.length;
  for (let i = 0; i < 3000; i++) h = Math.imul(h ^ i, 16777619);
  return h;
}

export interface MachineSpeed {
  /** µs of `hashWords` on a fixed 3,000-char text: throughput-bound, like the engine. */
  words: number;
  /** µs of `multiplyChain`: latency-bound, so the other hardware thread does not slow it. */
  chain: number;
}

/**
 * The machine's speed at the moment, timed like the tools with none of Postguard's code, so that
 * a run in a slow phase of this shared machine shows as one. The two vCPUs are hardware threads of
 * one core: whatever runs on the other thread takes half the core's throughput. `words` then
 * doubles (9 µs → 16-20) while `chain` stays at about 4 µs; a compute loop started on our other
 * vCPU does the same on demand (see README, Speed).
 */
export function machineSpeed(): MachineSpeed {
  let text = '';
  for (let i = 0; i < 3000; i++) text += i % 7 === 0 ? ' ' : String.fromCharCode(97 + ((i * 7) % 26));
  text = JSON.parse(JSON.stringify(text)) as string; // flat, as posts are
  const [words, chain] = measureTogether(
    [
      { run: hashWords, inputs: [text] },
      { run: multiplyChain, inputs: [text] },
    ],
    { rounds: 9, sliceMs: 20 },
  );
  return { words: words!.median, chain: chain!.median };
}
