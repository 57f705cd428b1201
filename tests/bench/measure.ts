export interface Timing {
  /** Microseconds per call. */
  median: number;
  p95: number;
  calls: number;
}

export interface MeasureOptions {
  warmupMs?: number;
  runMs?: number;
  /** Slow tools still get this many timed calls, whatever `runMs` says. */
  minCalls?: number;
}

/** Work results are summed here so that the JIT cannot drop a call whose result is unused. */
let sink = 0;

/**
 * Times `run` on each input in turn, one `process.hrtime.bigint()` pair per call: the calls
 * measured here take microseconds to milliseconds, far above the timer's resolution.
 */
export function measure(run: (input: string) => unknown, inputs: string[], options: MeasureOptions = {}): Timing {
  const { warmupMs = 300, runMs = 800, minCalls = 20 } = options;
  const warmupEnd = performance.now() + warmupMs;
  for (let call = 0; performance.now() < warmupEnd || call < 3; call++) consume(run(inputs[call % inputs.length]!));

  const samples: number[] = [];
  const runEnd = performance.now() + runMs;
  for (let call = 0; performance.now() < runEnd || call < minCalls; call++) {
    const input = inputs[call % inputs.length]!;
    const start = process.hrtime.bigint();
    const result = run(input);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
    consume(result);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), calls: samples.length };
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
