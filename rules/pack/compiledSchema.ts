// zod schema of a compiled pack: a pack that arrives as JSON (from a file, later from the
// network) is hostile until it passes this. Runs where packs are loaded, never per keystroke.
import { RE2JS } from 're2js';
import { z } from 'zod';
import { CATEGORIES, DETECTOR_IDS, LOCALES, SEVERITIES, type CompiledModel, type CompiledPack, type CompiledRule } from '../types';
import { MAX_GUARD_WORDS, MODEL_FEATURES } from '../engine/model';
import { HASH_ENTRY } from '../engine/termHash';
import { formatPath, PackError } from './PackError';
import { LIMITS, LocalizedSchema } from './schema';

const term = z.string().min(1).max(LIMITS.termLength);
const terms = z.array(term).max(LIMITS.termsPerRule);
const base = {
  id: z.string().regex(/^[a-z0-9-]+(?:\/[a-z0-9-]+)*$/),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  message: LocalizedSchema,
  tip: LocalizedSchema,
  policy: z.string().max(100),
  fix: z.union([z.strictObject({ replace: z.string().max(500) }), z.strictObject({ remove: z.literal(true) })]).optional(),
  sites: z.array(z.string().max(253)).optional(),
};
const section = z.strictObject({ id: z.string().max(100), title: z.string().max(500), body: z.string().max(LIMITS.fileBytes) });

/** Features (4-byte keys) a model may hold; model.json's 1 MiB file limit binds first, at about 70,000. */
const MAX_MODEL_FEATURES = 200_000;
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');
/** Bytes that base64 text of this length decodes to. */
const decodedLength = (text: string) => (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
const perCategory = z.array(z.number().finite()).max(CATEGORIES.length);

export const ModelSchema = z
  .strictObject({
    features: z.literal(MODEL_FEATURES, { error: `trained on other features than this engine's (version ${MODEL_FEATURES}): train it again with \`postguard train\`` }),
    categories: z
      .array(z.enum(CATEGORIES))
      .min(1)
      .refine((list) => new Set(list).size === list.length, 'categories must be distinct'),
    keys: base64.max(4 * Math.ceil((MAX_MODEL_FEATURES * 4) / 3), `expected at most ${MAX_MODEL_FEATURES} features`).refine((k) => k.length % 4 === 0 && decodedLength(k) % 4 === 0, 'expected base64 of 4-byte keys'),
    weights: base64,
    scales: perCategory,
    biases: perCategory,
    thresholds: perCategory,
    guardWords: z.array(z.number().int().min(0).max(MAX_GUARD_WORDS)).max(CATEGORIES.length).optional(),
    minWords: z.number().int().min(0).max(10_000),
    windowWords: z.number().int().min(1).max(10_000),
    maxWords: z.number().int().min(1).max(1_000_000),
    trainedOn: z.array(z.strictObject({ file: z.string().max(500), posts: z.number().int().min(0) })).max(1000),
    vetoMargins: z.array(z.number().min(0).max(1000).nullable()).max(CATEGORIES.length).optional(),
  })
  .superRefine((model, context) => {
    const columns = model.categories.length;
    for (const field of ['scales', 'biases', 'thresholds', 'guardWords', 'vetoMargins'] as const) {
      if (model[field] !== undefined && model[field].length !== columns) context.addIssue({ code: 'custom', path: [field], message: `expected ${columns} numbers, one per category` });
    }
    const rows = decodedLength(model.keys) / 4;
    if (model.weights.length % 4 !== 0 || decodedLength(model.weights) !== rows * columns) {
      context.addIssue({ code: 'custom', path: ['weights'], message: `expected ${rows * columns} bytes (${rows} keys × ${columns} categories)` });
    }
  });

const CompiledPackSchema = z.strictObject({
  format: z.literal(1),
  id: z.string().max(64),
  name: z.string().max(200),
  version: z.string().max(64),
  locales: z.array(z.enum(LOCALES)),
  sites: z.array(z.string().max(253)),
  variables: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  policy: z.strictObject({ en: z.array(section), fr: z.array(section).optional() }),
  rules: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({ ...base, kind: z.literal('terms'), terms, except: terms, exceptAfter: terms.default([]), unless: terms.default([]) }),
        z.strictObject({
          ...base,
          kind: z.literal('pattern'),
          pattern: z
            .string()
            .max(LIMITS.patternLength)
            .refine((p) => {
              try {
                RE2JS.compile(p);
                return true;
              } catch {
                return false;
              }
            }, 'not a linear-time (RE2) pattern'),
          caseInsensitive: z.boolean(),
          near: z.array(terms).max(8),
          unless: terms.default([]),
        }),
        z.strictObject({ ...base, kind: z.literal('hashed-terms'), salt: z.string().max(200), hashes: z.array(z.string().regex(HASH_ENTRY)).max(LIMITS.hashes) }),
        z.strictObject({ ...base, kind: z.literal('detector'), detector: z.enum(DETECTOR_IDS), allow: z.array(z.string().max(500)).max(1000).optional(), unless: terms.default([]) }),
        z.strictObject({ ...base, kind: z.literal('link'), hosts: z.array(z.string().max(253)), match: z.enum(['listed', 'unlisted']), schemes: z.array(z.string().max(32)) }),
        z.strictObject({ ...base, kind: z.literal('requires'), when: terms, unless: terms }),
        z.strictObject({ ...base, kind: z.literal('model'), unless: terms.default([]) }),
      ]),
    )
    .max(LIMITS.rules),
  model: ModelSchema.optional(),
});

export function parseCompiledPack(json: unknown, file: string): CompiledPack {
  const result = CompiledPackSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new PackError(file, formatPath(issue.path) || '(top)', issue.message);
  }
  const pack = result.data as CompiledPack;
  pack.rules.forEach((rule, i) => checkModelRule(rule, pack.model, file, `rules[${i}]`));
  return pack;
}

/** A `model` rule needs the pack's model, trained for its category. */
export function checkModelRule(rule: CompiledRule, model: CompiledModel | undefined, file: string, where: string): void {
  if (rule.kind !== 'model') return;
  if (!model) throw new PackError(file, where, `rule ${rule.id} reads the pack's model, and the pack has none (model.json, made by \`postguard train\`)`);
  if (!model.categories.includes(rule.category)) {
    throw new PackError(file, `${where}.category`, `rule ${rule.id}: the model has no ${rule.category} column (it has ${model.categories.join(', ')})`);
  }
}
