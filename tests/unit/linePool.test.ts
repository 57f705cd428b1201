import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkJsonl } from '../../cli/checkJsonl';
import { LinePool } from '../../cli/linePool';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';

const pack = loadPack(DEFAULT_PACK_DIR);
// About 3 MB: a dozen batches of lines.
const input = Array.from({ length: 8000 }, (_, index) => JSON.stringify(`${'Café ☕ à Lyon 🚀 '.repeat(20 + (index % 13))}call me at +33 6 12 34 56 78`)).join('\n') + '\n';

/** `check --jsonl` on `input`, as the CLI runs it, output collected. */
async function checkInput(pool?: LinePool): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const output = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const code = await checkJsonl(Readable.from([Buffer.from(input)]), output, pack, {}, pool);
  return { code, out: chunks.join('') };
}

describe('check --jsonl worker threads', { timeout: 60_000 }, () => {
  it('take batches once ready, and the output is the same, in input order', async () => {
    const alone = await checkInput();
    expect(alone.out.split('\n').length - 1).toBe(8000);
    const pool = new LinePool(2);
    try {
      pool.setPack(pack, {});
      await pool.whenReady();
      const shared = await checkInput(pool);
      expect(shared).toEqual(alone);
      expect(pool.checkedBy.every((batches) => batches > 0), `batches per worker: ${pool.checkedBy.join(', ')}`).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('are not waited for: with workers still starting, this thread checks everything', async () => {
    const pool = new LinePool(1);
    try {
      // No pack handed over: the worker never gets ready.
      const shared = await checkInput(pool);
      expect(shared).toEqual(await checkInput());
      expect(pool.checkedBy).toEqual([0]);
    } finally {
      await pool.close();
    }
  });
});
