// Scunthorpe traps: innocent words that contain or resemble profanity must never raise a
// conduct finding, neither alone nor inside an ordinary sentence, in either locale.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { loadPackDir } from '../../rules/pack/loadPack';

const pack = loadPackDir(fileURLToPath(new URL('../../rules/packs/default', import.meta.url)));

const traps = readFileSync(fileURLToPath(new URL('./corpus/scunthorpe.txt', import.meta.url)), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 0 && !line.startsWith('#'));

const contexts = [
  { name: 'alone (en)', locale: 'en', wrap: (trap: string) => trap },
  { name: 'alone (fr)', locale: 'fr', wrap: (trap: string) => trap },
  { name: 'in an English sentence', locale: 'en', wrap: (trap: string) => `Quick note from today's meeting: ${trap} came up twice, more on Monday.` },
  { name: 'in a French sentence', locale: 'fr', wrap: (trap: string) => `Petit point après la réunion : on a parlé de ${trap} deux fois, la suite lundi.` },
];

describe('Scunthorpe traps raise no conduct finding', () => {
  it('the trap list is not empty', () => {
    expect(traps.length).toBeGreaterThan(100);
  });

  it.each(traps)('%s', (trap) => {
    const conduct = contexts.flatMap(({ name, locale, wrap }) =>
      analyze(wrap(trap), pack, { locale })
        .filter((finding) => finding.category === 'conduct')
        .map((finding) => `${name}: ${finding.severity} ${finding.ruleId} on ${JSON.stringify(finding.text)}`),
    );
    expect(conduct).toEqual([]);
  });
});
