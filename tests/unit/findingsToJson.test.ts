import { describe, expect, it } from 'vitest';
import { findingsToJson } from '../../cli/findingsToJson';
import { analyze } from '../../rules/engine/analyze';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import type { Finding } from '../../rules/types';

const pack = loadPack(DEFAULT_PACK_DIR);

/** The shape as JSON.stringify writes it: the seven public keys, in order. */
const reference = (findings: Finding[]) =>
  JSON.stringify(findings.map(({ ruleId, category, severity, start, end, text, message }) => ({ ruleId, category, severity, start, end, text, message })));

describe('findingsToJson', () => {
  it('writes exactly what JSON.stringify writes, for real findings in both locales', () => {
    const posts = [
      'Call me at +33 6 12 34 56 78, this is internal only',
      'Ce document est confidentiel, ne pas diffuser. Écrivez à jean.dupont@gmail.com 🙏',
      'Don\'t quote me, but "Project X" ships soon \\ internal only\n\tline two',
    ];
    for (const locale of ['en', 'fr', 'en'] as const) {
      for (const post of posts) {
        const findings = analyze(post, pack, { locale });
        expect(findings.length).toBeGreaterThan(0);
        expect(findingsToJson(findings)).toBe(reference(findings));
      }
    }
  });

  it('escapes quotes, control characters and lone surrogates in text, and follows a rule whose message or severity changes', () => {
    const base: Finding = { ruleId: 'demo/rule', category: 'conduct', severity: 'warn', start: 0, end: 3, text: 'a"b\u0001\ud800', message: 'first "message"', tip: 't', policy: 'p' };
    const changed: Finding = { ...base, severity: 'stop', message: 'second\nmessage', text: '\udfff😀' };
    expect(findingsToJson([base, changed, base])).toBe(reference([base, changed, base]));
    expect(findingsToJson([])).toBe('[]');
  });
});
