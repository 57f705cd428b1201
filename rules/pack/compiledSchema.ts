// zod schema of a compiled pack: a pack that arrives as JSON (from a file, later from the
// network) is hostile until it passes this. Runs where packs are loaded, never per keystroke.
import { RE2JS } from 're2js';
import { z } from 'zod';
import { CATEGORIES, DETECTOR_IDS, LOCALES, SEVERITIES, type CompiledPack } from '../types';
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
        z.strictObject({ ...base, kind: z.literal('terms'), terms, except: terms, unless: terms.default([]) }),
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
        z.strictObject({ ...base, kind: z.literal('hashed-terms'), salt: z.string().max(200), hashes: z.array(z.string().regex(/^[0-9a-f]{4}:[0-9a-f]{4}:[0-9a-f]{64}$/)).max(LIMITS.hashes) }),
        z.strictObject({ ...base, kind: z.literal('detector'), detector: z.enum(DETECTOR_IDS), allow: z.array(z.string().max(500)).max(1000).optional() }),
        z.strictObject({ ...base, kind: z.literal('link'), hosts: z.array(z.string().max(253)), match: z.enum(['listed', 'unlisted']), schemes: z.array(z.string().max(32)) }),
        z.strictObject({ ...base, kind: z.literal('requires'), when: terms, unless: terms }),
      ]),
    )
    .max(LIMITS.rules),
});

export function parseCompiledPack(json: unknown, file: string): CompiledPack {
  const result = CompiledPackSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new PackError(file, formatPath(issue.path) || '(top)', issue.message);
  }
  return result.data as CompiledPack;
}
