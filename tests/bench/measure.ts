export interface Timing {
  /** Microseconds per call. */
  median: number;
  p95: number;
  calls: number;
}

/** A subject's timing over all its calls, and over those made while the core ran at full speed. */
export interface PhasedTiming extends Timing {
  /** The calls of the slices timed at full speed (see `measureTogether`); `calls` is 0 when none were. */
  fullSpeed: Timing;
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
 * A slice is at full speed when the throughput probe read at most this many times the latency
 * probe, just before the slice and just after it. Measured here, in 130 probe pairs 300 ms apart
 * over 40 s: 2.0-2.6 with the core's other hardware thread idle, 3.4-4.8 with it busy, nothing
 * between.
 */
export const FULL_SPEED_RATIO = 3;

/**
 * Times several subjects in interleaved rounds, one `process.hrtime.bigint()` pair per call.
 *
 * This machine's two vCPUs are hardware threads of one core, and whatever runs on the other
 * thread, ours or another tenant's, takes half the core's throughput (see README, Speed). Such
 * phases come and go within a second, so subjects timed one after another would not be compared
 * fairly: interleaved in short slices, each sees the same drift. Their ratios still move, as code
 * bound by throughput (Postguard) loses more than code bound by latency (a backtracking regex).
 * So each slice is bracketed by the machine probes below, and the calls of the slices that ran
 * at full speed are also kept apart (`PhasedTiming.fullSpeed`): what the code costs on a core of
 * its own, as benchmarking guides ask for when they say to turn SMT siblings off, which a guest
 * cannot do. (No forced GC between slices: a full collection leaves V8 slower for a while, which
 * would tax the fastest subject most.)
 */
export function measureTogether(subjects: Subject[], options: MeasureOptions = {}): PhasedTiming[] {
  const { rounds = 120, sliceMs = 20, warmupMs = 300 } = options;
  for (const { run, inputs } of subjects) {
    const warmupEnd = performance.now() + warmupMs / subjects.length;
    for (let call = 0; performance.now() < warmupEnd || call < 3; call++) consume(run(inputs[call % inputs.length]!));
  }
  for (let k = 0; k < 300; k++) throughputProbe(); // compiled before it is read
  const chain = latencyProbe();
  const samples = subjects.map(() => [] as number[]);
  const fullSpeed = subjects.map(() => [] as number[]);
  const calls = subjects.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    subjects.forEach(({ run, inputs }, s) => {
      const before = throughputProbe();
      const first = samples[s]!.length;
      const sliceEnd = performance.now() + sliceMs;
      do {
        const input = inputs[calls[s]!++ % inputs.length]!;
        const start = process.hrtime.bigint();
        const result = run(input);
        samples[s]!.push(Number(process.hrtime.bigint() - start) / 1000);
        consume(result);
      } while (performance.now() < sliceEnd);
      if (Math.max(before, throughputProbe()) <= FULL_SPEED_RATIO * chain) fullSpeed[s]!.push(...samples[s]!.slice(first));
    });
  }
  return samples.map((list, s) => ({ ...summary(list), fullSpeed: summary(fullSpeed[s]!) }));
}

function summary(samples: number[]): Timing {
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), calls: samples.length };
}

function percentile(sorted: number[], fraction: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
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
function multiplyChain(length: number): number {
  let h = length;
  for (let i = 0; i < 3000; i++) h = Math.imul(h ^ i, 16777619);
  return h;
}

let probeText = '';
for (let i = 0; i < 3000; i++) probeText += i % 7 === 0 ? ' ' : String.fromCharCode(97 + ((i * 7) % 26));
probeText = JSON.parse(JSON.stringify(probeText)) as string; // flat, as posts are

/** The fastest of three calls of `hashWords` on the probe text, µs: about 9 at full speed, 16-20 otherwise. */
function throughputProbe(): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const start = process.hrtime.bigint();
    sink += hashWords(probeText);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000);
  }
  return best;
}

/** The median of 301 calls of `multiplyChain`, µs: about 4 whatever the other hardware thread does. */
function latencyProbe(): number {
  const times: number[] = [];
  for (let k = 0; k < 301; k++) {
    const start = process.hrtime.bigint();
    sink += multiplyChain(k);
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return summary(times).median;
}

export interface MachineSpeed {
  /** µs of `hashWords` on a fixed 3,000-char text: throughput-bound, like the engine. */
  words: number;
  /** µs of `multiplyChain`: latency-bound, so the other hardware thread does not slow it. */
  chain: number;
  /** The share of `words` calls, out of 200 made over about a second, made at full speed (see FULL_SPEED_RATIO). */
  fullSpeedShare: number;
}

/**
 * The machine's speed at the moment, with none of Postguard's code, so that a run's phase shows.
 * The two vCPUs are hardware threads of one core: whatever runs on the other thread takes half
 * the core's throughput. `words` then doubles (9 µs → 16-20) while `chain` stays at about 4 µs; a
 * compute loop started on our other vCPU does the same on demand (see README, Speed).
 */
export function machineSpeed(): MachineSpeed {
  for (let k = 0; k < 300; k++) throughputProbe(); // compiled before it is read
  const chain = latencyProbe();
  const words: number[] = [];
  for (let k = 0; k < 200; k++) {
    words.push(throughputProbe());
    const pause = performance.now() + 5;
    while (performance.now() < pause);
  }
  const fullSpeedShare = words.filter((time) => time <= FULL_SPEED_RATIO * chain).length / words.length;
  return { words: summary(words).median, chain, fullSpeedShare };
}
