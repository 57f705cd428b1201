import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { loadPack } from '../../rules/pack/loadPack';
import { summarizePack } from '../../rules/pack/summarizePack';
import { packErrorOf } from '../support/packErrorOf';

const MINI = 'tests/fixtures/packs/mini';

/** A copy of the mini pack with one rule file rewritten. */
function packWith(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'postguard-pack-'));
  cpSync(MINI, dir, { recursive: true });
  const file = join(dir, 'rules/mini.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

const errorOf = packErrorOf;

describe('pack errors name the file and the YAML path', () => {
  it('invalid enum value', () => {
    const message = errorOf(packWith((y) => y.replace('severity: warn', 'severity: loud')));
    expect(message).toMatch(/^rules\/mini\.yaml: rules\[1\]\.severity: .*\(rule conduct\/ass\)$/);
  });

  it('unknown policy section', () => {
    expect(errorOf(packWith((y) => y.replace('policy: manners', 'policy: nowhere')))).toMatch(/^rules\/mini\.yaml: rules\[1\]\.policy: unknown policy section "nowhere"/);
  });

  it('unknown variable', () => {
    expect(errorOf(packWith((y) => y.replace('${company}.', '${firm}.')))).toMatch(/rules\/mini\.yaml: rules\[0\]\.message\.en: unknown variable \$\{firm\}/);
  });

  it('YAML syntax error with line and column', () => {
    expect(errorOf(packWith((y) => y.replace('kind: terms', 'kind: [terms')))).toMatch(/^rules\/mini\.yaml:\d+:\d+: /);
  });

  it('too few examples', () => {
    const message = errorOf(packWith((y) => y.replace('pass: ["Internal tools only matter", "Our leakproof bottle"]', 'pass: ["Internal tools only matter"]')));
    expect(message).toMatch(/rules\[0\]\.examples\.pass: every rule needs at least two pass examples/);
  });

  it('a hashed term of the first version asks for the phrase to be hashed again', () => {
    const message = errorOf(packWith((y) => y.replace('"2:bb51:b3ef:', '"bb51:b3ef:')));
    expect(message).toMatch(/rules\[\d\]\.hashes\[0\]: expected the output of `postguard hash`.*older version: hash the phrases again/);
  });

  it('a pattern that is not RE2 names the rule', () => {
    const message = errorOf(packWith((y) => y.replace("pattern: '\\b(?:Q[1-4]", "pattern: '(?=x)\\b(?:Q[1-4]")));
    expect(message).toMatch(/rules\[2\]\.pattern: rule legal\/results: not a linear-time \(RE2\) pattern/);
  });

  it('a pack over the size limit is rejected', () => {
    const dir = packWith((y) => y + '\n# ' + 'x'.repeat(1 << 20));
    expect(errorOf(dir)).toMatch(/^rules\/mini\.yaml: file is larger than/);
  });

  it('a compiled pack with a bad field is rejected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postguard-json-'));
    const json = JSON.parse(JSON.stringify(loadPack(MINI)));
    json.rules[0].severity = 'loud';
    writeFileSync(join(dir, 'p.json'), JSON.stringify(json));
    expect(errorOf(join(dir, 'p.json'))).toMatch(/p\.json: rules\[0\]\.severity: /);
  });

  it('a compiled pack from before `unless` on terms, pattern and detector rules still loads, with none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postguard-json-'));
    const json = JSON.parse(JSON.stringify(loadPack(MINI)));
    const kinds = ['terms', 'pattern', 'detector'];
    const older = json.rules.filter((rule: { kind: string }) => kinds.includes(rule.kind));
    expect(new Set(older.map((rule: { kind: string }) => rule.kind))).toEqual(new Set(kinds));
    for (const rule of older) delete rule.unless;
    writeFileSync(join(dir, 'old.json'), JSON.stringify(json));
    const loaded = loadPack(join(dir, 'old.json'));
    for (const rule of loaded.rules) if (rule.kind === 'terms' || rule.kind === 'pattern' || rule.kind === 'detector') expect(rule.unless).toEqual([]);
    const expected = analyze('this is internal only', loadPack(MINI)).map((f) => f.ruleId);
    expect(analyze('this is internal only', loaded).map((f) => f.ruleId)).toEqual(expected);
    // Handed over as parsed JSON, without the schema filling `unless` in.
    expect(analyze('this is internal only', json).map((f) => f.ruleId)).toEqual(expected);
  });
});

describe('catastrophic patterns', () => {
  it('(a+)+$ runs in linear time through RE2', () => {
    const pack = loadPack(packWith((y) => y.replace(/pattern: '.*'/, () => "pattern: '(a+)+$'").replace('near: [results, revenue]', 'near: []')));
    // The best of three runs: one run can take a GC pause or a busy core with it.
    const time = (n: number) => {
      const text = 'a'.repeat(n) + '!';
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        analyze(text, pack);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(2000);
    const small = time(5000);
    const large = time(20000);
    // A backtracking engine needs about 2^n steps here; linear time grows ~4x for 4x the text.
    expect(large / Math.max(small, 0.05)).toBeLessThan(20);
  });
});

describe('variables', () => {
  it('expand a list variable inside a longer list item, one item per value', () => {
    const dir = packWith((y) => y.replace('when: ["${products}"]', 'when: ["try ${products} today"]'));
    const pack = loadPack(dir);
    const rule = pack.rules.find((r) => r.id === 'disclosure/products');
    expect(rule?.kind === 'requires' && rule.when).toEqual(['try zenith cloud today', 'try nova today']);
  });

  it('in a pattern, a list is any one of its values and a value is literal text', () => {
    // Until session 23 a list read "Zenith Cloud, Nova" in a pattern too, which nothing matched,
    // and a value's brackets or dots were read as regular expression.
    const pattern = String.raw`pattern: '\b(?:Q[1-4]|H[12])\s+(?:results|revenue)\b'`;
    const dir = packWith((y) =>
      y
        .replace(pattern, pattern.replace(String.raw`)\b'`, String.raw`)\s+(?:of|for)\s+(?:` + '${products}|${company})' + `'`))
        .replace('flag: ["Great [[Q3 results]] coming.", "Our H1 revenue is up"]', 'flag: ["[[Q3 results for Nova]]", "[[H1 revenue of Zenith Cloud]]"]'),
    );
    writeFileSync(join(dir, 'pack.yaml'), readFileSync(join(dir, 'pack.yaml'), 'utf8').replace('company: Zenith', 'company: Zenith (Europe)'));
    const pack = loadPack(dir);
    const found = (text: string) => analyze(text, pack, { locale: 'en' }).filter((f) => f.ruleId === 'legal/results').map((f) => f.text);
    expect(found('Q3 results for Nova are in')).toEqual(['Q3 results for Nova']);
    expect(found('H1 revenue of Zenith Cloud beat the plan')).toEqual(['H1 revenue of Zenith Cloud']);
    expect(found('Q3 results for Zenith (Europe) are in')).toEqual(['Q3 results for Zenith (Europe)']);
    expect(found('Q3 results for Zenith Europe are in')).toEqual([]);
  });

  it('are substituted in the policy text', () => {
    const dir = packWith((y) => y);
    writeFileSync(join(dir, 'policy/en.md'), '## Secrets {#secrets}\nAsk ${company}.\n\n## Manners {#manners}\nBe kind.\n');
    expect(loadPack(dir).policy.en[0]!.body).toBe('Ask Zenith.');
  });
});

describe('summarizePack', () => {
  it("counts a pack's rules per category, in the fixed order, leaving out categories without rules", () => {
    const summary = summarizePack(loadPack(MINI));
    expect(summary).toMatchObject({ name: 'Mini test pack', version: '0.1.0', ruleCount: 7 });
    expect(summary.categoryCounts).toEqual([
      { category: 'confidential', count: 1 },
      { category: 'privacy', count: 2 },
      { category: 'conduct', count: 1 },
      { category: 'legal', count: 1 },
      { category: 'disclosure', count: 1 },
      { category: 'security', count: 1 },
    ]);
    expect(summary.policy.en).toHaveLength(2);
    expect(summary).not.toHaveProperty('rules');
  });
});
