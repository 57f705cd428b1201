// A `check --jsonl` worker thread: receives the pack once, then batches of lines; answers each
// batch with its output (see checkLines.ts), after saying once that it is ready. Nothing else
// crosses the thread boundary.
import { parentPort } from 'node:worker_threads';
import type { AnalyzeOptions, CompiledPack } from '../rules/types';
import { checkLines } from './checkLines';
import { preparePackFully } from '../rules/engine/prepare';

export type ToWorker = { kind: 'pack'; pack: CompiledPack; options: AnalyzeOptions } | { kind: 'lines'; seq: number; firstLine: number; bytes: Uint8Array };
export type FromWorker = { kind: 'ready' } | { kind: 'checked'; seq: number; out: Uint8Array; sawStop: boolean; sawBadLine: boolean };

let pack: CompiledPack | undefined;
let options: AnalyzeOptions = {};
const port = parentPort!;
port.on('message', (message: ToWorker) => {
  if (message.kind === 'pack') {
    pack = message.pack;
    options = message.options;
    preparePackFully(pack);
    port.postMessage({ kind: 'ready' } satisfies FromWorker);
    return;
  }
  const checked = checkLines(message.bytes, message.firstLine, pack!, options);
  // The output's buffer is handed over, not copied (TextEncoder gives each its own).
  port.postMessage({ kind: 'checked', seq: message.seq, ...checked } satisfies FromWorker, [checked.out.buffer as ArrayBuffer]);
});
