import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPackCached } from '../../cli/packCache';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';

const folder = mkdtempSync(join(tmpdir(), 'postguard-cache-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A copy of the default pack, and an empty cache folder, for one test. */
function setUp(name: string) {
  const pack = join(folder, name, 'pack');
  cpSync(DEFAULT_PACK_DIR, pack, { recursive: true });
  return { pack, cache: join(folder, name, 'cache') };
}

const cachedFiles = (cache: string) => readdirSync(cache).filter((file) => file.endsWith('.json'));

describe('compiled pack cache (postguard check)', { timeout: 60_000 }, () => {
  it('compiles once, then reads the same pack from the cache', () => {
    const { pack, cache } = setUp('reuse');
    const compiled = loadPackCached(pack, cache);
    expect(compiled).toEqual(loadPack(pack));
    const [file] = cachedFiles(cache);
    expect(cachedFiles(cache)).toHaveLength(1);
    // Proof that the second load reads the file: a message edited in the cache shows through.
    const edited = JSON.parse(readFileSync(join(cache, file!), 'utf8'));
    edited.rules[0].message.en = 'from the cache';
    writeFileSync(join(cache, file!), JSON.stringify(edited));
    expect(loadPackCached(pack, cache).rules[0]!.message.en).toBe('from the cache');
  });

  it('never serves a stale pack: an edited source compiles again and replaces the old entry', () => {
    const { pack, cache } = setUp('stale');
    loadPackCached(pack, cache);
    const manifest = join(pack, 'pack.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^name: .*$/m, 'name: Edited pack'));
    expect(loadPackCached(pack, cache).name).toBe('Edited pack');
    expect(cachedFiles(cache)).toHaveLength(1);
  });

  it('validates what it reads: a corrupt or invalid entry is compiled again', () => {
    const { pack, cache } = setUp('corrupt');
    const compiled = loadPackCached(pack, cache);
    const [file] = cachedFiles(cache);
    writeFileSync(join(cache, file!), '{"format":1,"rules":[{"id":');
    expect(loadPackCached(pack, cache)).toEqual(compiled);
    writeFileSync(join(cache, file!), JSON.stringify({ ...compiled, rules: [{ id: 'x', kind: 'eval' }] }));
    expect(loadPackCached(pack, cache)).toEqual(compiled);
  });

  it('keeps a few packs, dropping the oldest', () => {
    const { pack, cache } = setUp('many');
    loadPackCached(pack, cache);
    for (let k = 0; k < 8; k++) {
      const other = join(folder, 'many', `pack${k}`);
      cpSync(pack, other, { recursive: true });
      loadPackCached(other, cache);
    }
    expect(cachedFiles(cache)).toHaveLength(6);
  });

  it('still loads the pack when the cache cannot be written', () => {
    const { pack } = setUp('readonly');
    const notAFolder = join(folder, 'readonly', 'file');
    writeFileSync(notAFolder, '');
    expect(loadPackCached(pack, notAFolder)).toEqual(loadPack(pack));
  });

  it('reports a broken pack as compiling does, without caching anything', () => {
    const { pack, cache } = setUp('broken');
    const rules = join(pack, 'rules', 'conduct.yaml');
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('severity: warn', 'severity: loud'));
    expect(() => loadPackCached(pack, cache)).toThrow(/rules\/conduct\.yaml: rules\[\d+\]\.severity/);
    expect(() => readdirSync(cache)).toThrow();
  });
});
