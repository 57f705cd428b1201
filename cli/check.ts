import { closeSync, createReadStream, fstatSync, openSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { analyze } from '../rules/engine/analyze';
import { preparePackFully } from '../rules/engine/prepare';
import { LOCALES } from '../rules/types';
import { CliError } from './CliError';
import type { Command } from './Command';
import { checkJsonl } from './checkJsonl';
import { LinePool } from './linePool';
import { findingsToJson } from './findingsToJson';
import { formatFindingsText } from './formatFindingsText';
import { openPack } from './openPack';
import { expectOneOf, parseCommandArgs } from './parseCommandArgs';

const FORMATS = ['text', 'json'] as const;
/** Large reads keep `--jsonl` fast on big exports. */
const READ_CHUNK_BYTES = 1 << 20;

export const check: Command = {
  name: 'check',
  summary: 'check a post, or a JSON-lines export of posts, against the policy pack',
  usage: `Usage: postguard check [file] [options]

Checks the post in FILE (or on standard input) against the policy pack.

Options:
  --format text|json   text: one line per finding (default); json: {"findings":[...]}
  --jsonl              one post per line: a JSON string or {"id","text"}; prints one
                       {"id","findings"} object per line (--format does not apply)
  --threads N          --jsonl only: threads that check posts, this one included (default:
                       one per CPU core, at most 8)
  --locale en|fr       language of the messages
  --site HOST          the network the post is for (e.g. linkedin.com): applies its site rules
  --pack PATH          a pack folder or a compiled .json (default: the built-in pack)

Exit code: 0 no stop finding, 1 at least one stop finding, 2 bad usage, input or pack.
`,
  async run(args) {
    const { values, positionals } = parseCommandArgs('check', {
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        jsonl: { type: 'boolean' },
        locale: { type: 'string' },
        site: { type: 'string' },
        pack: { type: 'string' },
        threads: { type: 'string' },
      },
    });
    const format = expectOneOf('check', 'format', values.format, FORMATS) ?? 'text';
    const locale = expectOneOf('check', 'locale', values.locale, LOCALES);
    if (positionals.length > 1) throw new CliError(`check: expected at most one file, got ${positionals.length}`);
    const file = positionals[0];
    const options = { locale, site: values.site };

    if (values.jsonl) {
      const threads = values.threads === undefined ? defaultThreads() : parseThreads(values.threads);
      const input = openInputStream(file);
      // Workers start first: their start-up overlaps loading the pack.
      const pool = threads > 1 ? new LinePool(threads - 1) : undefined;
      try {
        const pack = openPack(values.pack);
        pool?.setPack(pack, options);
        preparePackFully(pack); // start-up, not the first posts' time
        return await checkJsonl(input, process.stdout, pack, options, pool);
      } finally {
        await pool?.close();
      }
    }
    if (values.threads !== undefined) throw new CliError('check: --threads applies to --jsonl only');
    const raw = file === undefined ? await readStdin() : readInputFile(file);
    const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    const findings = analyze(text, openPack(values.pack), options);
    const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
    process.stdout.write(format === 'json' ? `{"findings":${findingsToJson(findings)}}\n` : formatFindingsText(text, findings, color));
    return findings.some((finding) => finding.severity === 'stop') ? 1 : 0;
  },
};

const MAX_THREADS = 8;

/**
 * One thread per core, up to MAX_THREADS. On 2 cores (two vCPUs, which give about 1.4× the work
 * of one here) the second thread pays on an export of the size the issue names: 92 and 97 µs per
 * post on 2 threads against 126 and 132 on one, on 100,000 posts. (On 20,000 posts the runs
 * disagreed, 97-120 against 98-106: the machine's slow and quick phases weigh more on short runs.)
 */
function defaultThreads(): number {
  return Math.min(availableParallelism(), MAX_THREADS);
}

function parseThreads(value: string): number {
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new CliError(`check: --threads expects a whole number from 1 to 64, got "${value}"`);
  return threads;
}

/** Opens FILE for reading, so that a missing file fails before the pack is loaded, with an error naming it. */
function openInputFile(file: string): number {
  const fd = openSync(file, 'r');
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new CliError(`cannot read ${file}: is a directory`);
  }
  return fd;
}

function openInputStream(file: string | undefined): Readable {
  if (file !== undefined) return createReadStream('', { fd: openInputFile(file), highWaterMark: READ_CHUNK_BYTES });
  // A redirected file can be read in large chunks; a pipe or terminal delivers what it has.
  return fstatSync(0).isFile() ? createReadStream('', { fd: 0, highWaterMark: READ_CHUNK_BYTES, autoClose: false }) : process.stdin;
}

function readInputFile(file: string): string {
  const fd = openInputFile(file);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
