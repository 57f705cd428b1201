// Turns a compiled pack into the tables the analysis loop reads: one phrase index for every
// term of every rule (with the rule and role of each term), hashed-term prefilters. Done once
// per pack object and cached. RE2 patterns are compiled when first needed (`patternOf`):
// compiling them all took most of the 0.6 s a page or the CLI would wait for the pack.
import { RE2JS } from 're2js';
import type { CompiledPack, CompiledRule, Finding, Fix, HashedTermsRule } from '../types';
import { prepareModel, type PreparedModel } from './model';
import { buildPhraseIndex, type PhraseIndex } from './phrases';
import { HASHED_FIRST, markRoot, setBit, type WordFilter } from './words';
import { saltSeed, stringHash } from './termHash';

export const enum Role {
  Term = 0,
  Except = 1,
  When = 2,
  Unless = 3,
  Near = 4,
  /** Right before a term, makes it fine (`exceptAfter`). */
  After = 5,
}

/**
 * Rule kinds as numbers (`PreparedPack.kinds`), read by the analysis instead of `rule.kind`:
 * rules of different kinds are objects of different shapes, and V8 reads a property of objects
 * of many shapes through a slow, shared cache.
 */
export const enum Kind {
  Terms = 0,
  Pattern = 1,
  HashedTerms = 2,
  Detector = 3,
  Link = 4,
  Requires = 5,
  Model = 6,
}

const KINDS: Record<CompiledRule['kind'], Kind> = {
  terms: Kind.Terms,
  pattern: Kind.Pattern,
  'hashed-terms': Kind.HashedTerms,
  detector: Kind.Detector,
  link: Kind.Link,
  requires: Kind.Requires,
  model: Kind.Model,
};

/** What every finding of a rule says in one locale: the finding without its place. All of one shape (see `Kind`). */
export type FindingTemplate = Omit<Finding, 'start' | 'end' | 'text' | 'fix'> & { fix: Fix | undefined };

export interface HashedTable {
  rule: number;
  salt: string;
  /** `saltSeed(salt)` as an int32, as the word loop mixes it. */
  seed: number;
  /** 65,536-bit sets of first-word buckets (`firstWordBucket`) and whole-phrase buckets. */
  firstWords: Uint8Array;
  phrases: Uint8Array;
  digests: Set<string>;
}

export interface PreparedPack {
  pack: CompiledPack;
  rules: CompiledRule[];
  /** Per rule, its `Kind`. */
  kinds: Uint8Array;
  /** Per rule, its number of trigger groups (`near`) when it is a pattern, else 0. */
  nearGroups: Uint8Array;
  /** Finding templates by locale (see `findingTemplates`). */
  templates: Map<string, FindingTemplate[]>;
  /** Every term of every rule, as paths of word hashes. */
  phrases: PhraseIndex;
  /** What the word scan tests each word against to pick candidates: the phrase index's root sets. */
  filter: WordFilter;
  /** Entries of term t are entryRule/entryRole/entryGroup[entryStart[t] .. entryStart[t + 1]). */
  entryStart: Int32Array;
  entryRule: Int32Array;
  entryRole: Uint8Array;
  /** For pattern triggers, the index of the trigger group. */
  entryGroup: Uint8Array;
  hashed: HashedTable[];
  /** Compiled patterns by rule index, filled by `patternOf`. */
  patterns: (RE2JS | undefined)[];
  /** By rule index, filled by `patternOf`: the group number of the pattern's `(?P<span>…)` group, or 0 (the whole match). */
  spanGroups: number[];
  /** Detector and link rules, and patterns without triggers: they read the whole text. */
  textRules: number[];
  /**
   * Per rule: 1 when its hits count only if the text holds a term of its group 0: a pattern's
   * first trigger group, a terms rule's terms, a requires rule's `when`. Its other terms
   * (exceptions, `unless`, `exceptAfter`) change nothing without one, and common words among
   * them ("je", "my", "équipe") would otherwise be hits in most posts. Else 0 (model rules,
   * whose `unless` terms are all they have, and patterns without triggers).
   */
  firstGroup: Int32Array;
  /**
   * The trigger terms of the other groups of patterns (`near[1..]`), looked up only in the
   * sentences around a word of the first group: the build puts the rarest group first, so the
   * common words of the others ("team", "customer", "he") are not matched in every post.
   * Entries of term t are nearRule/nearGroup[nearStart[t] .. nearStart[t + 1]).
   */
  near: PhraseIndex;
  nearStart: Int32Array;
  nearRule: Int32Array;
  nearGroup: Uint8Array;
  groupStarts: GroupStarts;
  enabledBySite: Map<string, Uint8Array>;
  /** The pack's model, when it has `model` rules; `modelRules` are those rules. */
  model: PreparedModel | undefined;
  modelRules: number[];
  /** Ids of the `warn` rules of kind `terms` or `pattern`: the model may demote their findings (see `CompiledModel.vetoMargins`). */
  vetoable: Set<string>;
}

/**
 * The group of the terms that only qualify a rule's own (see `firstGroup`): a pattern's `unless`
 * terms, past its trigger groups (at most 8), so they never count as one, and the exceptions and
 * `unless` terms of terms and requires rules.
 */
const QUALIFIER_GROUP = 8;

/**
 * The first words of the terms of the patterns' trigger groups past the first, one bit set per
 * group: a sentence around a first-group word is read for each other group's words, and most
 * words of it start no term of that group, which its set says without a lookup in `near`. Rule
 * r's group g (g >= 1) has set k = first[r] + g - 1: bits offset[k] .. offset[k] + mask[k] of
 * `bits`, keyed by a word hash's low bits (`mayStartGroup`). A mask of -1: any word may start
 * one (the group has a one-word prefix term, "leak*").
 */
export interface GroupStarts {
  first: Int32Array;
  offset: Int32Array;
  mask: Int32Array;
  bits: Uint8Array;
}

/** Whether a word of hash h may start a term of set k (see `GroupStarts`). */
export function mayStartGroup(starts: GroupStarts, k: number, h: number): boolean {
  const mask = starts.mask[k];
  if (mask === -1) return true;
  const bit = starts.offset[k] + (h & mask);
  return (starts.bits[bit >> 3] & (1 << (bit & 7))) !== 0;
}

/** About 1 word in 16 that starts no term of a group still passes its set. */
const BITS_PER_FIRST_WORD = 16;

function groupStarts(rules: readonly CompiledRule[]): GroupStarts {
  const first = new Int32Array(rules.length).fill(-1);
  const sets: string[][] = [];
  rules.forEach((rule, r) => {
    if (rule.kind !== 'pattern' || rule.near.length < 2) return;
    first[r] = sets.length;
    sets.push(...rule.near.slice(1));
  });
  const offset = new Int32Array(sets.length);
  const mask = new Int32Array(sets.length);
  let total = 0;
  const firstWords = sets.map((terms, k) => {
    // A term's words are joined by ' ' or '|'; a one-word prefix term ("leak*") may start any word.
    const words = terms.filter((term) => term !== '' && term !== '*').map((term) => term.slice(0, term.search(/[ |]|$/)));
    const prefix = terms.some((term) => term.endsWith('*') && !/[ |]/.test(term));
    const size = Math.min(1 << 13, Math.max(1 << 8, 1 << Math.ceil(Math.log2(Math.max(1, new Set(words).size) * BITS_PER_FIRST_WORD))));
    offset[k] = total;
    mask[k] = prefix ? -1 : size - 1;
    total += size;
    return words;
  });
  const bits = new Uint8Array(total >> 3);
  firstWords.forEach((words, k) => {
    if (mask[k] === -1) return;
    for (const word of words) {
      const bit = offset[k] + (stringHash(word) & mask[k]);
      bits[bit >> 3] |= 1 << (bit & 7);
    }
  });
  return { first, offset, mask, bits };
}

const cache = new WeakMap<CompiledPack, PreparedPack>();

/**
 * `preparePack`, and every pattern compiled now rather than on first use: for batch runs
 * (`check --jsonl`), which would otherwise pay for the compiling while checking posts.
 */
export function preparePackFully(pack: CompiledPack): PreparedPack {
  const prepared = preparePack(pack);
  prepared.rules.forEach((rule, r) => {
    if (rule.kind === 'pattern') patternOf(prepared, r);
  });
  return prepared;
}

/**
 * A pattern's named group that is the finding, when the whole match is not: context the pattern
 * needs around it but should not highlight or remove (RE2 has no lookahead), as in
 * `colleague\s+(?P<span>\p{Lu}\p{Ll}+: \d+k)\b`.
 */
const SPAN_GROUP = 'span';

/** Rule r's compiled pattern (rule r is a `pattern` rule), compiled on first use. */
export function patternOf(prepared: PreparedPack, r: number): RE2JS {
  let pattern = prepared.patterns[r];
  if (pattern === undefined) {
    const rule = prepared.rules[r] as Extract<CompiledRule, { kind: 'pattern' }>;
    pattern = prepared.patterns[r] = RE2JS.compile(rule.pattern, rule.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    prepared.spanGroups[r] = pattern.namedGroups()[SPAN_GROUP] ?? 0;
  }
  return pattern;
}

export function preparePack(pack: CompiledPack): PreparedPack {
  let prepared = cache.get(pack);
  if (!prepared) {
    prepared = build(pack);
    cache.set(pack, prepared);
  }
  return prepared;
}

/** Terms and what they are to which rules: `add` them, then `index()`. */
export function termTable() {
  const termIds = new Map<string, number>();
  // Entry e: term entryTerm[e] is of rule entryRule[e], in role entryRole[e] (and trigger group entryGroup[e]).
  const entryTerm: number[] = [];
  const entryRule: number[] = [];
  const entryRole: Role[] = [];
  const entryGroup: number[] = [];
  return {
    // A term is its normalised words; a trailing '*' makes the last word a prefix.
    add(term: string, rule: number, role: Role, group = 0): void {
      if (term === '' || term === '*') return;
      let id = termIds.get(term);
      if (id === undefined) {
        id = termIds.size;
        termIds.set(term, id);
      }
      entryTerm.push(id);
      entryRule.push(rule);
      entryRole.push(role);
      entryGroup.push(group);
    },
    /** The entries by term, each term's in the order added. */
    index() {
      const terms = [...termIds.keys()];
      const start = new Int32Array(terms.length + 1);
      for (const term of entryTerm) start[term + 1]++;
      for (let t = 0; t < terms.length; t++) start[t + 1] += start[t];
      const next = start.slice(0, terms.length);
      const rule = new Int32Array(entryTerm.length);
      const role = new Uint8Array(entryTerm.length);
      const group = new Uint8Array(entryTerm.length);
      entryTerm.forEach((term, e) => {
        const at = next[term]++;
        rule[at] = entryRule[e]!;
        role[at] = entryRole[e]!;
        group[at] = entryGroup[e]!;
      });
      return { phrases: buildPhraseIndex(terms), start, rule, role, group };
    },
  };
}

function build(pack: CompiledPack): PreparedPack {
  const main = termTable();
  const add = main.add;
  const others = termTable();

  pack.rules.forEach((rule, r) => {
    switch (rule.kind) {
      case 'terms':
        rule.terms.forEach((t) => add(t, r, Role.Term));
        rule.except.forEach((t) => add(t, r, Role.Except, QUALIFIER_GROUP));
        (rule.exceptAfter ?? []).forEach((t) => add(t, r, Role.After, QUALIFIER_GROUP));
        // Packs compiled before `unless` existed have none (the schema fills it in; a pack handed over unparsed may not).
        (rule.unless ?? []).forEach((t) => add(t, r, Role.Unless, QUALIFIER_GROUP));
        break;
      case 'requires':
        rule.when.forEach((t) => add(t, r, Role.When));
        rule.unless.forEach((t) => add(t, r, Role.Unless, QUALIFIER_GROUP));
        break;
      case 'model':
      case 'detector':
        (rule.unless ?? []).forEach((t) => add(t, r, Role.Unless));
        break;
      case 'pattern':
        rule.near.forEach((group, g) => group.forEach((t) => (g === 0 ? add : others.add)(t, r, Role.Near, g)));
        (rule.unless ?? []).forEach((t) => add(t, r, Role.Unless, QUALIFIER_GROUP));
        break;
    }
  });

  const { phrases, start, rule, role, group } = main.index();
  const near = others.index();
  const nearGroups = Uint8Array.from(pack.rules, (rule) => (rule.kind === 'pattern' ? rule.near.length : 0));
  const hashed = pack.rules.flatMap((rule, r) => (rule.kind === 'hashed-terms' ? [hashedTable(rule, r, phrases.rootFlags)] : []));
  return {
    pack,
    rules: pack.rules,
    kinds: Uint8Array.from(pack.rules, (rule) => KINDS[rule.kind]),
    nearGroups,
    templates: new Map(),
    phrases,
    // The scan keeps prefix hashes for the lengths either index asks.
    filter: { ...phrases, prefixLengths: phrases.prefixLengths | near.phrases.prefixLengths },
    entryStart: start,
    entryRule: rule,
    entryRole: role,
    entryGroup: group,
    near: near.phrases,
    nearStart: near.start,
    nearRule: near.rule,
    nearGroup: near.group,
    groupStarts: groupStarts(pack.rules),
    hashed,
    patterns: [],
    spanGroups: [],
    textRules: pack.rules.flatMap((rule, r) => (rule.kind === 'detector' || rule.kind === 'link' || (rule.kind === 'pattern' && rule.near.length === 0) ? [r] : [])),
    firstGroup: Int32Array.from(pack.rules, (rule, r) => (nearGroups[r]! > 0 || rule.kind === 'terms' || rule.kind === 'requires' ? 1 : 0)),
    enabledBySite: new Map(),
    model: pack.model ? prepareModel(pack.model) : undefined,
    modelRules: pack.rules.flatMap((rule, r) => (rule.kind === 'model' ? [r] : [])),
    vetoable: new Set(pack.rules.flatMap((rule) => ((rule.kind === 'terms' || rule.kind === 'pattern') && rule.severity === 'warn' ? [rule.id] : []))),
  };
}

/** Rule `index`'s table; marks its first-word buckets (salt undone) HASHED_FIRST in `rootFlags`, for the scan. */
function hashedTable(rule: HashedTermsRule, index: number, rootFlags: Uint8Array): HashedTable {
  const seed = saltSeed(rule.salt) | 0;
  const firstWords = new Uint8Array(0x10000 >> 3);
  const phrases = new Uint8Array(0x10000 >> 3);
  const digests = new Set<string>();
  for (const entry of rule.hashes) {
    const [, first, phrase, digest] = entry.split(':') as [string, string, string, string];
    const bucket = parseInt(first, 16);
    setBit(firstWords, bucket);
    markRoot(rootFlags, bucket ^ seed, HASHED_FIRST);
    setBit(phrases, parseInt(phrase, 16));
    digests.add(digest);
  }
  return { rule: index, salt: rule.salt, seed, firstWords, phrases, digests };
}

/** Per rule, what its findings say in `locale` (English where the rule has no message in it); cached per locale. */
export function findingTemplates(prepared: PreparedPack, locale: string): FindingTemplate[] {
  let templates = prepared.templates.get(locale);
  if (!templates) {
    templates = prepared.rules.map((rule) => ({
      ruleId: rule.id,
      category: rule.category,
      severity: rule.severity,
      message: (rule.message as Record<string, string | undefined>)[locale] ?? rule.message.en,
      tip: (rule.tip as Record<string, string | undefined>)[locale] ?? rule.tip.en,
      policy: rule.policy,
      fix: rule.fix,
    }));
    prepared.templates.set(locale, templates);
  }
  return templates;
}

/** Which rules apply on `site` (a host name); cached per host. */
export function enabledRules(prepared: PreparedPack, site: string | undefined): Uint8Array {
  const key = site ?? '';
  let mask = prepared.enabledBySite.get(key);
  if (!mask) {
    const host = key.toLowerCase();
    mask = Uint8Array.from(prepared.rules, (rule) =>
      !rule.sites || rule.sites.length === 0 || host === '' || rule.sites.some((s) => host === s || host.endsWith('.' + s)) ? 1 : 0,
    );
    prepared.enabledBySite.set(key, mask);
  }
  return mask;
}
