// Compiles a pack's YAML and Markdown sources (already read into memory) into a CompiledPack.
// Every error is a PackError naming the file and the YAML path.
import { RE2JS } from 're2js';
import { parseDocument } from 'yaml';
import type { ZodType } from 'zod';
import { normalizeTerm } from '../engine/normalize';
import type { CompiledPack, CompiledRule, Locale, PolicySection } from '../types';
import { lexiconTerms } from './lexicons';
import { formatPath, PackError } from './PackError';
import { checkModelRule, ModelSchema } from './compiledSchema';
import { parsePolicy } from './policyMarkdown';
import { LIMITS, PackManifestSchema, RuleFileSchema, type RuleSource } from './schema';
import { expandVariables, resolveVariables, substitute } from './variables';
import { rarestFirst } from './rarestFirst';

export interface SourceFile {
  /** Path shown in errors, relative to the pack folder (e.g. rules/conduct.yaml). */
  file: string;
  text: string;
}

export interface PackSources {
  manifest: SourceFile;
  policies: (SourceFile & { locale: Locale })[];
  ruleFiles: SourceFile[];
  /** model.json, when the pack has one (see `postguard train`). */
  model?: SourceFile;
}

export interface RuleExamples {
  flag: string[];
  pass: string[];
}

export interface CompiledWithExamples {
  pack: CompiledPack;
  examples: Map<string, RuleExamples>;
}

export function compilePack(sources: PackSources): CompiledWithExamples {
  const all = [sources.manifest, ...sources.policies, ...sources.ruleFiles, ...(sources.model ? [sources.model] : [])];
  let total = 0;
  for (const source of all) {
    total += source.text.length;
    const limit = source === sources.model ? LIMITS.modelBytes : LIMITS.fileBytes;
    if (source.text.length > limit) throw new PackError(source.file, '', `file is larger than the ${limit} bytes allowed`);
  }
  if (total > LIMITS.packBytes) throw new PackError(sources.manifest.file, '', `pack sources exceed ${LIMITS.packBytes} bytes`);

  const manifest = validate(PackManifestSchema, readYaml(sources.manifest), sources.manifest.file);
  const variables = resolveVariables(manifest.variables, sources.manifest.file);

  const policy: Partial<Record<Locale, PolicySection[]>> = {};
  for (const p of sources.policies) policy[p.locale] = parsePolicy(substitute(p.text, variables, p.file, ''), p.file);
  const en = policy.en;
  if (!en) throw new PackError('policy/en.md', '', 'the English policy is required');
  const sectionIds = en.map((s) => s.id);
  for (const p of sources.policies) {
    const ids = policy[p.locale]!.map((s) => s.id);
    const missing = sectionIds.filter((id) => !ids.includes(id));
    const extra = ids.filter((id) => !sectionIds.includes(id));
    if (missing.length || extra.length) {
      throw new PackError(p.file, '', `sections must match policy/en.md (missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'})`);
    }
  }

  const model = sources.model ? validate(ModelSchema, readJson(sources.model), sources.model.file) : undefined;
  const rules: CompiledRule[] = [];
  const examples = new Map<string, RuleExamples>();
  let termCount = 0;
  for (const source of sources.ruleFiles) {
    const raw = readYaml(source);
    const expanded = expandVariables(raw, variables, source.file);
    const parsed = validate(RuleFileSchema, expanded, source.file);
    parsed.rules.forEach((rule, i) => {
      const where = `rules[${i}]`;
      if (examples.has(rule.id)) throw new PackError(source.file, `${where}.id`, `rule id "${rule.id}" is already used`);
      if (!sectionIds.includes(rule.policy)) {
        throw new PackError(source.file, `${where}.policy`, `unknown policy section "${rule.policy}" (sections: ${sectionIds.join(', ')})`);
      }
      const compiled = compileRule(rule, source.file, where);
      checkModelRule(compiled, model, source.file, where);
      termCount += countTerms(compiled);
      if (termCount > LIMITS.terms) throw new PackError(source.file, where, `the pack has more than ${LIMITS.terms} terms`);
      rules.push(compiled);
      examples.set(rule.id, { flag: rule.examples.flag, pass: rule.examples.pass });
    });
    if (rules.length > LIMITS.rules) throw new PackError(source.file, 'rules', `a pack holds at most ${LIMITS.rules} rules`);
  }

  const pack: CompiledPack = {
    format: 1,
    id: manifest.id,
    name: manifest.name,
    version: manifest.version,
    locales: manifest.locales,
    sites: manifest.sites,
    variables,
    policy: { ...policy, en },
    rules: rarestFirst(rules, [...examples.values()].flatMap((e) => [...e.flag, ...e.pass])),
  };
  if (model) pack.model = model;
  return { pack, examples };
}

function readJson({ file, text }: SourceFile): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PackError(file, '', `not valid JSON: ${(error as Error).message}`);
  }
}

function readYaml({ file, text }: SourceFile): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw new PackError(pos ? `${file}:${pos.line}:${pos.col}` : file, '', error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  }
  return doc.toJS({ maxAliasCount: 50 });
}

function validate<T>(schema: ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const ruleIndex = issue.path[0] === 'rules' && typeof issue.path[1] === 'number' ? issue.path[1] : -1;
  const ruleId = ruleIndex >= 0 ? (value as { rules?: { id?: unknown }[] }).rules?.[ruleIndex]?.id : undefined;
  const suffix = typeof ruleId === 'string' ? ` (rule ${ruleId})` : '';
  throw new PackError(file, formatPath(issue.path) || '(top)', issue.message + suffix);
}

function normalizeTerms(terms: string[], file: string, field: string): string[] {
  const out = new Set<string>();
  terms.forEach((term, i) => {
    const trimmed = term.trim();
    const prefix = trimmed.endsWith('*');
    const normal = normalizeTerm(prefix ? trimmed.slice(0, -1) : trimmed);
    if (normal === '') throw new PackError(file, `${field}[${i}]`, `"${term}" has no letters or digits to match`);
    out.add(prefix ? `${normal}*` : normal);
  });
  return [...out];
}

function compileRule(rule: RuleSource, file: string, where: string): CompiledRule {
  const { examples: _examples, ...source } = rule;
  switch (source.kind) {
    case 'terms': {
      const { lexicon, ...terms } = source;
      const words = lexicon ? [...source.terms, ...lexiconTerms(lexicon.source, lexicon.minRating)] : source.terms;
      return {
        ...terms,
        terms: normalizeTerms(words, file, `${where}.terms`),
        except: normalizeTerms(source.except, file, `${where}.except`),
        exceptAfter: normalizeTerms(source.exceptAfter, file, `${where}.exceptAfter`),
        unless: normalizeTerms(source.unless, file, `${where}.unless`),
      };
    }
    case 'pattern':
      try {
        RE2JS.compile(source.pattern, source.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new PackError(file, `${where}.pattern`, `rule ${source.id}: not a linear-time (RE2) pattern: ${reason}`);
      }
      return {
        ...source,
        near: nearGroups(source.near).map((group, g) => normalizeTerms(group, file, `${where}.near[${g}]`)),
        unless: normalizeTerms(source.unless, file, `${where}.unless`),
      };
    case 'requires':
      return { ...source, when: normalizeTerms(source.when, file, `${where}.when`), unless: normalizeTerms(source.unless, file, `${where}.unless`) };
    case 'model':
    case 'detector':
      return { ...source, unless: normalizeTerms(source.unless, file, `${where}.unless`) };
    default:
      return source;
  }
}

function nearGroups(near: string[] | string[][]): string[][] {
  if (near.length === 0) return [];
  return near.every((item) => Array.isArray(item)) ? (near as string[][]) : [near as string[]];
}

function countTerms(rule: CompiledRule): number {
  switch (rule.kind) {
    case 'terms':
      return rule.terms.length + rule.except.length + (rule.exceptAfter?.length ?? 0) + rule.unless.length;
    case 'requires':
      return rule.when.length + rule.unless.length;
    case 'model':
    case 'detector':
      return rule.unless?.length ?? 0;
    case 'pattern':
      return rule.near.flat().length + rule.unless.length;
    case 'hashed-terms':
      return rule.hashes.length;
    default:
      return 0;
  }
}
