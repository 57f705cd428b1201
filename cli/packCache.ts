// Compiling a pack folder takes about a second (YAML, lexicons, normalising 21,000 terms,
// checking every pattern), most of a one-post `postguard check`. The compiled pack is kept in
// node_modules/.cache/postguard under a digest of everything it is made from: the pack's files,
// and the compiler's own code and lexicon package. Any change to either gives another digest,
// so a stale pack is never read. The cached file is still validated like any compiled pack, and
// a cache that cannot be read or written is only a slower start.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePack } from '../rules/pack/compilePack';
import { loadPack, readSources } from '../rules/pack/loadPack';
import type { CompiledPack } from '../rules/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PACK_CACHE_DIR = join(ROOT, 'node_modules/.cache/postguard');
/** Packs kept (about 0.8 MB each for the default one); the least recently used go first. */
const MAX_ENTRIES = 6;

let stamp: string | undefined;

/** The compiler's inputs besides the pack: every source file under rules/, and the lexicon package's version. */
function compilerStamp(): string {
  if (stamp === undefined) {
    const hash = createHash('sha256');
    const files = readdirSync(join(ROOT, 'rules'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .sort();
    for (const file of files) hash.update(file).update(readFileSync(join(ROOT, 'rules', file)));
    hash.update(readFileSync(join(ROOT, 'node_modules/cuss/package.json')));
    stamp = hash.digest('hex');
  }
  return stamp;
}

/** The pack folder `dir`, compiled, from the cache when it holds this very pack. */
export function loadPackCached(dir: string, cacheDir = PACK_CACHE_DIR): CompiledPack {
  const sources = readSources(dir);
  const folderKey = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 12);
  let file: string;
  try {
    const digest = createHash('sha256').update(compilerStamp()).update(JSON.stringify(sources)).digest('hex').slice(0, 32);
    file = join(cacheDir, `${folderKey}-${digest}.json`);
  } catch {
    // The compiler's files cannot be read (an unusual install): no cache, same pack.
    return compilePack(sources).pack;
  }
  try {
    const pack = loadPack(file);
    touch(file);
    return pack;
  } catch {
    // Not cached yet (or unreadable): compile.
  }
  const { pack } = compilePack(sources);
  try {
    mkdirSync(cacheDir, { recursive: true });
    prune(cacheDir, folderKey);
    // Written whole, then renamed: a reader never sees half a file.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, JSON.stringify(pack));
    renameSync(partial, file);
  } catch {
    // A read-only install: no cache, same pack.
  }
  return pack;
}

/** Marks a cache entry as used just now, so pruning keeps it (the cache keeps the most recently used). */
function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A read-only cache is still a cache.
  }
}

/** Removes older versions of this folder's pack, and the oldest entries past MAX_ENTRIES (folders of other packs, gone or not). */
function prune(cacheDir: string, folderKey: string): void {
  const entries = readdirSync(cacheDir).map((name) => ({ name, path: join(cacheDir, name) }));
  for (const { name, path } of entries) if (name.startsWith(`${folderKey}-`)) rmSync(path, { force: true });
  const others = entries
    .filter(({ name }) => !name.startsWith(`${folderKey}-`))
    .map((entry) => ({ ...entry, time: statSync(entry.path).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { path } of others.slice(MAX_ENTRIES - 1)) rmSync(path, { force: true });
}
