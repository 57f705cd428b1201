import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { analyze } from '../rules/engine/analyze';
import type { AnalyzeOptions, CompiledPack } from '../rules/types';
import { findingsToJson } from './findingsToJson';

/** Output is written in batches of about this many UTF-16 units. */
const FLUSH_AT = 1 << 20;

/**
 * `check --jsonl`: one post per input line (a JSON string, or an object with `text` and an
 * optional `id`), one `{"id","findings"}` object per output line. Built for exports of 100,000
 * posts: lines are split by hand inside large chunks and everything in a chunk is analysed
 * synchronously; the only awaits are per chunk (input) and per batch (output backpressure).
 *
 * Returns the exit code: 2 when a line was not a post, else 1 when a post has a stop finding.
 */
export async function checkJsonl(input: Readable, output: Writable, pack: CompiledPack, options: AnalyzeOptions): Promise<number> {
  // TextDecoder (simdutf) decodes UTF-8 about twice as fast as Buffer#toString, keeps characters
  // split across chunks whole (`stream: true`) and drops a leading BOM.
  const decoder = new TextDecoder();
  let lineNumber = 0;
  let sawStop = false;
  let sawBadLine = false;

  const checkLine = (line: string): string => {
    lineNumber++;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '') return '';
    let post: unknown;
    try {
      post = JSON.parse(line);
    } catch {
      sawBadLine = true;
      return `{"id":${lineNumber},"error":"invalid JSON"}\n`;
    }
    let id: unknown = lineNumber;
    let text: unknown = post;
    if (typeof post === 'object' && post !== null && !Array.isArray(post)) {
      const fields = post as { id?: unknown; text?: unknown };
      if (fields.id !== undefined && fields.id !== null) id = fields.id;
      text = fields.text;
    }
    if (typeof text !== 'string') {
      sawBadLine = true;
      return `{"id":${JSON.stringify(id)},"error":"expected a JSON string or an object with a \\"text\\" string"}\n`;
    }
    const findings = analyze(text, pack, options);
    if (!sawStop) sawStop = findings.some((finding) => finding.severity === 'stop');
    return `{"id":${JSON.stringify(id)},"findings":${findingsToJson(findings)}}\n`;
  };

  let pending = '';
  // The start of a line whose end is in a later chunk; it never holds a '\n'.
  let carry = '';
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const text = carry + decoder.decode(chunk, { stream: true });
    let lineStart = 0;
    for (let newline = text.indexOf('\n', carry.length); newline !== -1; newline = text.indexOf('\n', lineStart)) {
      pending += checkLine(text.slice(lineStart, newline));
      lineStart = newline + 1;
    }
    carry = text.slice(lineStart);
    if (pending.length >= FLUSH_AT) {
      const flushed = output.write(pending);
      pending = '';
      if (!flushed) await once(output, 'drain');
    }
  }
  carry += decoder.decode();
  if (carry !== '') pending += checkLine(carry);
  if (pending !== '' && !output.write(pending)) await once(output, 'drain');
  return sawBadLine ? 2 : sawStop ? 1 : 0;
}
