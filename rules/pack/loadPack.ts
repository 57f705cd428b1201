// Node-only: reads a pack folder (YAML sources) or a compiled .json file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledPack, Locale } from '../types';
import { LOCALES } from '../types';
import { compilePack, type CompiledWithExamples, type PackSources } from './compilePack';
import { parseCompiledPack } from './compiledSchema';
import { PackError } from './PackError';
import { LIMITS } from './schema';

/** The pack's model, written by `postguard train`. */
export const MODEL_FILE = 'model.json';

export const DEFAULT_PACK_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../packs/default');

export function loadPack(path: string): CompiledPack {
  if (path.endsWith('.json')) return loadCompiledJson(path);
  return loadPackWithExamples(path).pack;
}

/** Alias kept for readability at call sites that only take folders. */
export const loadPackDir = (dir: string): CompiledPack => loadPackWithExamples(dir).pack;

export function loadPackWithExamples(dir: string): CompiledWithExamples {
  return compilePack(readSources(dir));
}

function read(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch (error) {
    throw new PackError(join(dir, file), '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function readSources(dir: string): PackSources {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new PackError(dir, '', 'not a pack folder (expected pack.yaml, policy/, rules/)');
  const policies = LOCALES.filter((locale) => existsSync(join(dir, 'policy', `${locale}.md`))).map((locale: Locale) => ({
    locale,
    file: `policy/${locale}.md`,
    text: read(dir, `policy/${locale}.md`),
  }));
  const ruleDir = join(dir, 'rules');
  const ruleNames = existsSync(ruleDir) ? readdirSync(ruleDir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
  if (ruleNames.length === 0) throw new PackError(join(dir, 'rules'), '', 'no rule file (*.yaml) found');
  return {
    manifest: { file: 'pack.yaml', text: read(dir, 'pack.yaml') },
    policies,
    ruleFiles: ruleNames.map((name) => ({ file: `rules/${name}`, text: read(dir, `rules/${name}`) })),
    ...(existsSync(join(dir, MODEL_FILE)) ? { model: { file: MODEL_FILE, text: read(dir, MODEL_FILE) } } : {}),
  };
}

function loadCompiledJson(path: string): CompiledPack {
  let text: string;
  try {
    if (statSync(path).size > LIMITS.compiledBytes) throw new PackError(path, '', `larger than ${LIMITS.compiledBytes} bytes`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new PackError(path, '', `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PackError(path, '', `not valid JSON: ${(error as Error).message}`);
  }
  return parseCompiledPack(json, path);
}
