import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, CompiledPack } from '../rules/types';
import type { CheckedLines } from './checkLines';
import type { FromWorker, ToWorker } from './jsonlWorker';

interface Pending {
  resolve: (checked: CheckedLines) => void;
  reject: (error: Error) => void;
}

/** Batches a worker may hold at once: one it checks, one waiting, so it never idles between them. */
const PER_WORKER = 2;

/**
 * Worker threads that check batches of `--jsonl` lines in parallel. Started before the pack is
 * loaded, so that their own start-up overlaps it; `setPack` then hands every worker the pack.
 * A worker takes batches once it says it is ready: until then (and whenever every worker is
 * busy) the calling thread checks the batch itself, so nobody waits for a worker's start-up.
 */
export class LinePool {
  private readonly workers: Worker[] = [];
  private readonly pending: Map<number, Pending>[] = [];
  private readonly ready: boolean[] = [];
  private readonly readyWaiters: (() => void)[] = [];
  private nextSeq = 0;
  /** Batches each worker has checked. */
  readonly checkedBy: number[] = [];
  private failure: Error | undefined;

  constructor(threads: number) {
    for (let w = 0; w < threads; w++) {
      const worker = new Worker(new URL('./jsonlWorker.mjs', import.meta.url));
      const pending = new Map<number, Pending>();
      this.ready.push(false);
      this.checkedBy.push(0);
      worker.on('message', (message: FromWorker) => {
        if (message.kind === 'ready') {
          this.ready[w] = true;
          if (this.ready.every(Boolean)) this.readyWaiters.splice(0).forEach((wake) => wake());
          return;
        }
        this.checkedBy[w]!++;
        const { seq, ...checked } = message;
        pending.get(seq)?.resolve(checked);
        pending.delete(seq);
      });
      const fail = (error: Error) => {
        this.failure ??= error;
        for (const { reject } of pending.values()) reject(error);
        pending.clear();
        this.readyWaiters.splice(0).forEach((wake) => wake()); // a broken pool is as ready as it gets: `check` reports the failure
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

  /** Resolves once every worker has the pack and takes batches, or one has failed (`check --jsonl` never waits for it). */
  whenReady(): Promise<void> {
    return this.failure || this.ready.every(Boolean) ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** The least busy ready worker that has room for a batch, or -1 when there is none. */
  available(): number {
    let w = -1;
    for (let k = 0; k < this.workers.length; k++) {
      if (this.ready[k] && this.pending[k]!.size < PER_WORKER && (w === -1 || this.pending[k]!.size < this.pending[w]!.size)) w = k;
    }
    return w;
  }

  /** Checks the lines on worker `w` (see `available`); `bytes` is handed over (its buffer detached). */
  check(w: number, firstLine: number, bytes: Uint8Array): Promise<CheckedLines> {
    if (this.failure) return Promise.reject(this.failure);
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
