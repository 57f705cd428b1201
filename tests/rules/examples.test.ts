// The pack's flag/pass examples are its tests: every rule of every pack in the repo runs here.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR, loadPackWithExamples } from '../../rules/pack/loadPack';
import { runExamples } from '../../rules/pack/runExamples';

const PACKS = { default: DEFAULT_PACK_DIR, mini: 'tests/fixtures/packs/mini' };

describe.each(Object.entries(PACKS))('%s pack examples', (_name, dir) => {
  const { pack, examples } = loadPackWithExamples(dir);
  it.each(pack.rules.map((r) => [r.id]))('%s', (ruleId) => {
    const failures = runExamples(pack, new Map([[ruleId, examples.get(ruleId)!]]));
    expect(failures.map((f) => `${f.kind}: ${f.text} → ${f.problem}`)).toEqual([]);
  });
});
