import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { hashTerm } from '../../rules/pack/hashTerm';
import { DEFAULT_PACK_DIR } from '../../rules/pack/loadPack';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'cli/bin.mjs');
const ACCEPTANCE_POST = 'Call me at +33 6 12 34 56 78, this is internal only\n';
const JSON_KEYS = ['ruleId', 'category', 'severity', 'start', 'end', 'text', 'message'];

interface JsonFinding {
  ruleId: string;
  category: string;
  severity: string;
  start: number;
  end: number;
  text: string;
  message: string;
}

/** Runs the real entry point, as `postguard ...` would, with `input` on stdin. */
function postguard(args: string[], input = '') {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folder = mkdtempSync(join(tmpdir(), 'postguard-cli-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A copy of the default pack with the first rule file changed by `edit`; returns the folder and that file's name. */
function editedPack(name: string, edit: (yamlText: string) => string): { dir: string; file: string } {
  const dir = join(folder, name);
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  const file = readdirSync(join(dir, 'rules')).filter((entry) => /\.ya?ml$/.test(entry)).sort()[0]!;
  const path = join(dir, 'rules', file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return { dir, file };
}

function expectOneLineError(stderr: string): void {
  expect(stderr).toMatch(/^postguard: .+\n$/);
}

describe('postguard check', { timeout: 60_000 }, () => {
  it('reports the phone number and the internal-only phrase with exact offsets (acceptance)', () => {
    const { status, stdout } = postguard(['check', '--format', 'json'], ACCEPTANCE_POST);
    const { findings } = JSON.parse(stdout) as { findings: JsonFinding[] };
    expect(Object.keys(JSON.parse(stdout))).toEqual(['findings']);
    for (const finding of findings) {
      expect(Object.keys(finding)).toEqual(JSON_KEYS);
      expect(ACCEPTANCE_POST.slice(finding.start, finding.end)).toBe(finding.text);
    }
    expect(findings.find((finding) => finding.ruleId === 'privacy/phone')).toMatchObject({
      category: 'privacy',
      start: 11,
      end: 28,
      text: '+33 6 12 34 56 78',
    });
    const internal = findings.find((finding) => finding.category === 'confidential');
    expect(internal).toMatchObject({ start: 38, end: 51, text: 'internal only' });
    expect(internal!.severity).toBe('stop');
    expect(status).toBe(1);
    expect(findings.map((finding) => finding.start)).toEqual([...findings.map((finding) => finding.start)].sort((a, b) => a - b));
  });

  it('prints aligned text lines with 1-based line:col, then a summary, without colours', () => {
    const file = join(folder, 'post.txt');
    writeFileSync(file, `Hello team,\n${ACCEPTANCE_POST}`);
    const { status, stdout } = postguard(['check', file]);
    expect(status).toBe(1);
    expect(stdout).not.toContain('\x1b[');
    const lines = stdout.trimEnd().split('\n');
    const findingLines = lines.slice(0, -1);
    expect(lines.at(-1)).toMatch(new RegExp(`^${findingLines.length} problems? \\(\\d+ stop(, \\d+ (warn|tip))*\\)$`));
    expect(findingLines.find((line) => line.endsWith('privacy/phone'))).toMatch(/^\s*2:12\s+(stop|warn|tip)\s+\S.*\s{2}privacy\/phone$/);
    expect(findingLines.find((line) => /\bconfidential\/\S+$/.test(line))).toMatch(/^\s*2:39\s+stop\s{2}/);
    const severityColumns = findingLines.map((line) => line.search(/\b(stop|warn|tip)\b/));
    const ruleIdColumns = findingLines.map((line) => line.lastIndexOf(' ') + 1);
    expect(new Set(severityColumns).size).toBe(1);
    expect(new Set(ruleIdColumns).size).toBe(1);
  });

  it('exits 0 on a post without stop findings', () => {
    const { status, stdout } = postguard(['check', '--format', 'json'], 'Lovely weather in Lyon today, see you at the offsite.');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ findings: [] });
  });

  it('gives the messages in the --locale language', () => {
    const messageIn = (locale: string) => {
      const { stdout } = postguard(['check', '--format', 'json', '--locale', locale], ACCEPTANCE_POST);
      return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.find((finding) => finding.category === 'confidential')!.message;
    };
    expect(messageIn('fr')).not.toBe(messageIn('en'));
  });
});

describe('postguard check --jsonl', { timeout: 60_000 }, () => {
  const jsonlLines = (stdout: string) => stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

  it('takes strings and {id, text} objects, skips blank lines and reports invalid JSON', () => {
    const input = [
      JSON.stringify('Call me at +33 6 12 34 56 78'),
      JSON.stringify({ id: 'post-7', text: 'this is internal only' }),
      '',
      '{not json',
      JSON.stringify({ text: 'Lovely weather in Lyon today' }),
    ].join('\n');
    const { status, stdout, stderr } = postguard(['check', '--jsonl'], input + '\n');
    expect(stderr).toBe('');
    expect(stdout.split('\n')).toHaveLength(5);
    const [first, second, invalid, last] = jsonlLines(stdout);
    expect(Object.keys(first!)).toEqual(['id', 'findings']);
    expect(first!.id).toBe(1);
    expect(first!.findings).toContainEqual(expect.objectContaining({ ruleId: 'privacy/phone', start: 11, end: 28, text: '+33 6 12 34 56 78' }));
    expect(second!.id).toBe('post-7');
    expect(second!.findings).toContainEqual(expect.objectContaining({ category: 'confidential', start: 8, end: 21, severity: 'stop' }));
    expect(invalid).toEqual({ id: 4, error: 'invalid JSON' });
    expect(last).toEqual({ id: 5, findings: [] });
    for (const finding of [first, second].flatMap((post) => post!.findings as object[])) expect(Object.keys(finding)).toEqual(JSON_KEYS);
    expect(status).toBe(2);
  });

  it('exits 1 on a stop finding, with CRLF line ends and no final newline', () => {
    const input = `${JSON.stringify('Nice day')}\r\n${JSON.stringify({ id: 9, text: ACCEPTANCE_POST })}`;
    const { status, stdout } = postguard(['check', '--jsonl'], input);
    expect(jsonlLines(stdout).map((post) => post.id)).toEqual([1, 9]);
    expect(status).toBe(1);
  });

  it('splits lines correctly across read chunks and batches, from a file and a pipe, on any number of threads', () => {
    const posts = Array.from({ length: 3000 }, (_, index) => `${'Café ☕ à Lyon 🚀 '.repeat(40 + (index % 37))}Call me at +33 6 12 34 56 78`);
    const input = posts.map((post) => JSON.stringify(post)).join('\n') + '\n';
    const file = join(folder, 'posts.jsonl');
    writeFileSync(file, input);
    expect(Buffer.byteLength(input)).toBeGreaterThan(2 * (1 << 20));
    const runs = [postguard(['check', '--jsonl', file]), postguard(['check', '--jsonl'], input), postguard(['check', '--jsonl', '--threads', '1', file]), postguard(['check', '--jsonl', '--threads', '3', file])];
    for (const run of runs.slice(1)) expect(run.stdout).toBe(runs[0]!.stdout);
    for (const { stdout } of runs) {
      const results = jsonlLines(stdout);
      expect(results.map((post) => post.id)).toEqual(posts.map((_, index) => index + 1));
      results.forEach((result, index) => {
        const phone = (result.findings as JsonFinding[]).find((finding) => finding.ruleId === 'privacy/phone');
        expect(phone?.start).toBe(posts[index]!.indexOf('+33'));
      });
    }
  });
});

describe('postguard exit code 2', { timeout: 60_000 }, () => {
  it('for an unknown flag or a bad option value', () => {
    for (const args of [['check', '--bogus'], ['check', '--format', 'xml'], ['check', '--locale', 'de'], ['frobnicate'], ['check', '--jsonl', '--threads', '0'], ['check', '--threads', '2']]) {
      const { status, stderr } = postguard(args, ACCEPTANCE_POST);
      expect(status).toBe(2);
      expectOneLineError(stderr);
    }
    expect(postguard(['check', '--bogus']).stderr).toContain('--bogus');
  });

  it('for a missing input file, naming it', () => {
    for (const args of [['check', '/nonexistent/post.txt'], ['check', '--jsonl', '/nonexistent/post.txt']]) {
      const { status, stderr } = postguard(args);
      expect(status).toBe(2);
      expectOneLineError(stderr);
      expect(stderr).toContain('/nonexistent/post.txt');
    }
  });

  it('for a pack with an invalid field, naming the file and the field', () => {
    const { dir, file } = editedPack('bad-severity', (text) => text.replace(/severity: *(stop|warn|tip)/, 'severity: urgent'));
    const { status, stderr } = postguard(['check', '--pack', dir], ACCEPTANCE_POST);
    expect(status).toBe(2);
    expectOneLineError(stderr);
    expect(stderr).toMatch(new RegExp(`${file.replace('.', '\\.')}: rules\\[\\d+\\]\\.severity`));
  });

  it('for a compiled pack that is not valid, naming the file', () => {
    const file = join(folder, 'broken-pack.json');
    writeFileSync(file, '{"format":1,"rules":[');
    const { status, stderr } = postguard(['check', '--pack', file], ACCEPTANCE_POST);
    expect(status).toBe(2);
    expectOneLineError(stderr);
    expect(stderr).toContain(file);
  });
});

describe('postguard build, test, hash, help', { timeout: 60_000 }, () => {
  it('builds a compiled pack that check --pack reads like the folder', () => {
    const out = join(folder, 'compiled/pack.json');
    const built = postguard(['build', '--out', out]);
    expect(built.status).toBe(0);
    const pack = JSON.parse(readFileSync(out, 'utf8')) as { rules: unknown[] };
    expect(built.stdout).toBe(`wrote ${out} (${pack.rules.length} rules, ${readFileSync(out).length} bytes)\n`);
    const fromJson = postguard(['check', '--format', 'json', '--pack', out], ACCEPTANCE_POST);
    const fromFolder = postguard(['check', '--format', 'json', '--pack', DEFAULT_PACK_DIR], ACCEPTANCE_POST);
    expect(fromJson.stdout).toBe(fromFolder.stdout);
    expect(fromJson.status).toBe(1);
  });

  it('build requires --out', () => {
    const { status, stderr } = postguard(['build']);
    expect(status).toBe(2);
    expect(stderr).toContain('--out');
  });

  it("runs the default pack's examples", () => {
    const { status, stdout } = postguard(['test']);
    expect(stdout).toMatch(/^[1-9]\d* examples passed, 0 failed\n$/m);
    expect(stdout).not.toContain('warning'); // no \\b next to an accented letter (below)
    expect(status).toBe(0);
  });

  it('warns about a \\b next to an accented letter, which RE2 never holds, without failing', () => {
    const { dir } = editedPack('accent-boundary', (text) => {
      const document = parse(text) as { rules: Record<string, unknown>[] };
      const sibling = document.rules.find((rule) => rule.kind === 'pattern')!;
      document.rules.push({
        ...sibling,
        id: 'conduct/team-put-down',
        pattern: '\\b[ée]quipe (?:nulle|de nuls)\\b',
        near: [['equipe']],
        unless: [],
        examples: { flag: ['Une equipe nulle, franchement', 'Quelle equipe de nuls'], pass: ['Une équipe formidable', 'Merci à toute l’équipe'] },
      });
      return stringify(document);
    });
    const { status, stdout } = postguard(['test', '--pack', dir]);
    expect(stdout).toContain(`conduct/team-put-down  warning: the \\b at 0 of the pattern sits next to an accented letter`);
    expect(stdout).toMatch(/examples passed, 0 failed\n$/);
    expect(status).toBe(0);
  });

  it('reports a failing example and exits 1', () => {
    // Counted against the default pack as it is, and on a rule whose examples all pass there.
    const baseline = postguard(['test']).stdout;
    const failedBefore = Number(/(\d+) failed\n$/.exec(baseline)![1]);
    const failingRules = new Set(baseline.split('\n').filter((line) => /^\S/.test(line)).map((line) => line.split(' ')[0]));
    let ruleId = '';
    const { dir } = editedPack('failing-example', (text) => {
      const document = parse(text) as { rules: { id: string; examples: { flag: string[]; pass: string[] } }[] };
      const rule = document.rules.find((candidate) => !failingRules.has(candidate.id))!;
      ruleId = rule.id;
      rule.examples.pass.push(rule.examples.flag[0]!.replace(/\[\[|\]\]/g, ''));
      return stringify(document);
    });
    const { status, stdout } = postguard(['test', '--pack', dir]);
    expect(stdout).toContain(`${ruleId}  pass example:`);
    expect(stdout).toMatch(new RegExp(`examples passed, ${failedBefore + 1} failed\n$`));
    expect(status).toBe(1);
  });

  it('hashes each phrase like the engine', () => {
    const { status, stdout } = postguard(['hash', '--salt', 's1', 'Project Falcon', 'falcon']);
    expect(status).toBe(0);
    expect(stdout).toBe(`${hashTerm('s1', 'Project Falcon')}\n${hashTerm('s1', 'falcon')}\n`);
    expect(postguard(['hash', 'Project Falcon']).status).toBe(2);
  });

  it('prints usage on --help, and on no arguments with exit code 2', () => {
    const help = postguard(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: postguard <command>/);
    expect(help.stdout).toMatch(/check.*\n.*build.*\n.*test.*\n.*hash/);
    const none = postguard([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^Usage: postguard <command>/);
    expect(postguard(['check', '--help']).stdout).toMatch(/^Usage: postguard check/);
  });
});
