import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, CompiledPack } from '../rules/types';
import type { CheckedLines } from './checkLines';
import type { FromWorker, ToWorker } from './jsonlWorker';

interface Pending {
  resolve: (checked: CheckedLines) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that check batches of `--jsonl` lines in parallel. Started before the pack is
 * loaded, so that their own start-up overlaps it; `setPack` then hands every worker the pack.
 */
export class LinePool {
  private readonly workers: Worker[] = [];
  private readonly pending: Map<number, Pending>[] = [];
  private nextSeq = 0;
  private failure: Error | undefined;

  constructor(threads: number) {
    for (let w = 0; w < threads; w++) {
      const worker = new Worker(new URL('./jsonlWorker.mjs', import.meta.url));
      const pending = new Map<number, Pending>();
      worker.on('message', (message: FromWorker) => {
        const { seq, ...checked } = message;
        pending.get(seq)?.resolve(checked);
        pending.delete(seq);
      });
      const fail = (error: Error) => {
        this.failure ??= error;
        for (const { reject } of pending.values()) reject(error);
        pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (pending.size > 0) fail(new Error(`a --jsonl worker stopped (exit code ${code})`));
      });
      this.workers.push(worker);
      this.pending.push(pending);
    }
  }

  /** Number of worker threads. */
  get size(): number {
    return this.workers.length;
  }

  setPack(pack: CompiledPack, options: AnalyzeOptions): void {
    for (const worker of this.workers) worker.postMessage({ kind: 'pack', pack, options } satisfies ToWorker);
  }

  /** Checks the lines on the least busy worker; `bytes` is handed over (its buffer detached). */
  check(firstLine: number, bytes: Uint8Array): Promise<CheckedLines> {
    if (this.failure) return Promise.reject(this.failure);
    let w = 0;
    for (let k = 1; k < this.workers.length; k++) if (this.pending[k]!.size < this.pending[w]!.size) w = k;
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.pending[w]!.set(seq, { resolve, reject });
      this.workers[w]!.postMessage({ kind: 'lines', seq, firstLine, bytes } satisfies ToWorker, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
