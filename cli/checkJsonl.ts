import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { AnalyzeOptions, CompiledPack } from '../rules/types';
import { checkLines, type CheckedLines } from './checkLines';
import type { LinePool } from './linePool';

/** Input goes to the checker in batches of whole lines of about this many bytes. */
const BATCH_BYTES = 1 << 18;
/** Batches handed to the pool and not yet written. */
const MAX_IN_FLIGHT = 8;
const NEWLINE = 10;

/**
 * `check --jsonl`: one post per input line (a JSON string, or an object with `text` and an
 * optional `id`), one `{"id","findings"}` object per output line, in input order. Built for
 * exports of 100,000 posts: the input bytes are cut into batches of whole lines (counted, for
 * the ids of posts without one), decoded and checked here and on the worker threads of `pool`
 * when there is one, and each batch's output written as UTF-8 bytes, in input order.
 *
 * Returns the exit code: 2 when a line was not a post, else 1 when a post has a stop finding.
 */
export async function checkJsonl(input: Readable, output: Writable, pack: CompiledPack, options: AnalyzeOptions, pool?: LinePool): Promise<number> {
  const inFlight: Promise<CheckedLines>[] = [];
  let sawStop = false;
  let sawBadLine = false;
  let lineNumber = 1;

  const write = async (checked: CheckedLines) => {
    sawStop ||= checked.sawStop;
    sawBadLine ||= checked.sawBadLine;
    if (checked.out.length > 0 && !output.write(checked.out)) await once(output, 'drain');
  };
  /** Checks whole lines (a copy of `bytes`, which the caller keeps using). */
  const send = async (bytes: Uint8Array) => {
    const firstLine = lineNumber;
    for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) lineNumber++;
    // A ready worker with room takes the batch; otherwise this thread checks it.
    const worker = pool ? pool.available() : -1;
    if (worker === -1) {
      const checked = checkLines(bytes, firstLine, pack, options);
      if (!pool) return write(checked);
      inFlight.push(Promise.resolve(checked));
      // Let the workers' messages in (ready, batches done) before the next batch is placed.
      await new Promise(setImmediate);
    } else {
      const checked = pool!.check(worker, firstLine, new Uint8Array(bytes)); // a copy: the chunk stays ours
      checked.catch(() => {}); // awaited below, in order; a failure is reported there
      inFlight.push(checked);
    }
    while (inFlight.length > MAX_IN_FLIGHT) await write(await inFlight.shift()!);
  };

  // The start of a line whose end is in a later chunk.
  let carry: Uint8Array = new Uint8Array(0);
  let first = true;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let data: Uint8Array = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (first && data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3); // BOM
    first = false;
    let start = 0;
    const lastNewline = data.lastIndexOf(NEWLINE);
    while (start <= lastNewline) {
      // Up to BATCH_BYTES, then to the end of that line.
      let end = start + BATCH_BYTES < lastNewline ? data.indexOf(NEWLINE, start + BATCH_BYTES) : lastNewline;
      if (end === -1 || end > lastNewline) end = lastNewline;
      await send(data.subarray(start, end + 1));
      start = end + 1;
    }
    carry = data.subarray(start);
  }
  if (carry.length > 0) await send(carry);
  while (inFlight.length > 0) await write(await inFlight.shift()!);
  return sawBadLine ? 2 : sawStop ? 1 : 0;
}
