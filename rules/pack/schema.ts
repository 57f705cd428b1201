// zod schemas for the YAML sources an admin writes. Build-time only: the engine never loads zod.
import { z } from 'zod';
import { CATEGORIES, DETECTOR_IDS, LOCALES, SEVERITIES } from '../types';
import { HASH_ENTRY } from '../engine/termHash';

export const LIMITS = {
  fileBytes: 1 << 20,
  /** model.json: its 200,000 features at most (see compiledSchema.ts) take about 3 MB. */
  modelBytes: 4 << 20,
  packBytes: 8 << 20,
  rules: 5000,
  termsPerRule: 50_000,
  terms: 200_000,
  termLength: 200,
  patternLength: 2000,
  hashes: 10_000,
  compiledBytes: 16 << 20,
} as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const host = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/, 'expected a host name such as linkedin.com');
const terms = z.array(text(LIMITS.termLength)).max(LIMITS.termsPerRule);

export const LocalizedSchema = z.strictObject({ en: text(2000), fr: text(2000).optional() });

export const PackManifestSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected lower-case letters, digits, . _ -'),
  name: text(200),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'expected a version such as 1.2.0'),
  locales: z.array(z.enum(LOCALES)).min(1).refine((l) => l.includes('en'), 'must include en'),
  sites: z.array(host).default([]),
  variables: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.union([text(500), z.array(text(500)).max(1000)])).default({}),
});

const Examples = z.strictObject({
  flag: z.array(text(5000)).min(2, 'every rule needs at least two flag examples'),
  pass: z.array(text(5000)).min(2, 'every rule needs at least two pass examples'),
});

const base = {
  id: z.string().regex(/^[a-z0-9-]+(?:\/[a-z0-9-]+)*$/, 'expected <category>/<slug> in lower case'),
  category: z.enum(CATEGORIES),
  severity: z.enum(SEVERITIES),
  policy: z.string().regex(/^[a-z0-9-]+$/),
  message: LocalizedSchema,
  tip: LocalizedSchema,
  fix: z.union([z.strictObject({ replace: z.string().max(500) }), z.strictObject({ remove: z.literal(true) })]).optional(),
  sites: z.array(host).optional(),
  examples: Examples,
};

export const LEXICON_SOURCES = ['cuss-en', 'cuss-fr'] as const;
/** A maintained word list a `terms` rule takes words from: those rated `minRating` or more (0 = maybe, 2 = surely profane). */
export const LexiconSchema = z.strictObject({ source: z.enum(LEXICON_SOURCES), minRating: z.number().int().min(0).max(2).default(2) });

export const RuleSourceSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      ...base,
      kind: z.literal('terms'),
      terms: terms.default([]),
      except: terms.default([]),
      // Words right before a term that make it fine ("my" before "knee surgery": the author's own news).
      exceptAfter: terms.default([]),
      // Terms that make the whole post fine for this rule: the rule says nothing when one is present.
      unless: terms.default([]),
      lexicon: LexiconSchema.optional(),
    })
    .refine((r) => r.terms.length > 0 || r.lexicon, { message: 'a terms rule needs terms or a lexicon', path: ['terms'] }),
  z.strictObject({
    ...base,
    kind: z.literal('pattern'),
    pattern: text(LIMITS.patternLength),
    caseInsensitive: z.boolean().default(true),
    // One list (any of these words) or a list of lists (a word of each list in the same sentence).
    near: z.union([z.array(terms).max(8), terms]).default([]),
    unless: terms.default([]),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('hashed-terms'),
    salt: z.string().min(8).max(200),
    hashes: z
      .array(z.string().regex(HASH_ENTRY, 'expected the output of `postguard hash` ("2:ffff:pppp:" and 64 hex digits; entries without "2:" come from an older version: hash the phrases again)'))
      .min(1)
      .max(LIMITS.hashes),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('detector'),
    detector: z.enum(DETECTOR_IDS),
    allow: z.array(z.string().trim().toLowerCase().min(1).max(500)).max(1000).optional(),
    // Terms that make the whole post fine for it ("home router" for private addresses in a home-network how-to).
    unless: terms.default([]),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('link'),
    hosts: z.array(host).default([]),
    match: z.enum(['listed', 'unlisted']).default('listed'),
    schemes: z.array(z.string().toLowerCase().regex(/^[a-z][a-z0-9+.-]*$/)).default([]),
  }),
  z.strictObject({ ...base, kind: z.literal('requires'), when: terms.min(1), unless: terms.min(1) }),
  // Flagged by the pack's model (model.json, from `postguard train`) for the rule's category.
  // `unless`: terms that make the whole post fine for it (a disclosure tag, the care team's address).
  z.strictObject({ ...base, kind: z.literal('model'), unless: terms.default([]) }),
]);
export type RuleSource = z.infer<typeof RuleSourceSchema>;

export const RuleFileSchema = z.strictObject({ rules: z.array(RuleSourceSchema) });
