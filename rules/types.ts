// The compiled pack: what the engine reads. Produced by rules/pack/compilePack.ts from the YAML
// sources, validated there with zod; the engine trusts its shape and never imports zod or YAML.

export const CATEGORIES = ['confidential', 'privacy', 'conduct', 'legal', 'disclosure', 'spokesperson', 'security'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['stop', 'warn', 'tip'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/** Fixed ids: tools outside the project rely on them. */
export const DETECTOR_IDS = [
  'privacy/email',
  'privacy/phone',
  'privacy/payment-card',
  'privacy/iban',
  'privacy/fr-nir',
  'privacy/us-ssn',
  'privacy/ip-address',
  'security/secret',
] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

/** Text in each locale; `en` is always present and is the fallback. */
export type Localized = { en: string } & Partial<Record<Locale, string>>;

export type Fix = { replace: string } | { remove: true };

interface RuleBase {
  id: string;
  category: Category;
  severity: Severity;
  message: Localized;
  tip: Localized;
  /** Id of the policy section this rule enforces. */
  policy: string;
  fix?: Fix;
  /** Hosts (registrable domains, e.g. `linkedin.com`) where the rule applies; absent means everywhere. */
  sites?: string[];
}

/** Terms are stored normalised (see engine/normalize.ts); a trailing `*` means "word starting with". */
export interface TermsRule extends RuleBase {
  kind: 'terms';
  terms: string[];
  except: string[];
  /**
   * Normalised words or phrases that make a term right after them fine (nothing but spaces
   * between): "my" before "knee surgery". Absent in packs compiled before it existed.
   */
  exceptAfter?: string[];
  /** Normalised terms whose presence anywhere in the post silences the rule. */
  unless: string[];
}
export interface PatternRule extends RuleBase {
  kind: 'pattern';
  /** RE2 syntax, checked at build time. */
  pattern: string;
  caseInsensitive: boolean;
  /**
   * Normalised trigger terms in groups: the pattern only runs on the sentences that hold a term
   * of every group; no group means the whole text.
   */
  near: string[][];
  /** Normalised terms whose presence anywhere in the post silences the rule. */
  unless: string[];
}
export interface HashedTermsRule extends RuleBase {
  kind: 'hashed-terms';
  salt: string;
  /** Hex SHA-256 of `salt + normalisedPhrase` (1 to 4 words). */
  hashes: string[];
}
export interface DetectorRule extends RuleBase {
  kind: 'detector';
  detector: DetectorId;
  /** Lower-case values never reported, e.g. the company's public press address. */
  allow?: string[];
  /** Normalised terms whose presence anywhere in the post silences the rule (absent in older packs). */
  unless?: string[];
}
export interface LinkRule extends RuleBase {
  kind: 'link';
  /** Lower-case host suffixes (`acme.internal` matches `wiki.acme.internal`). */
  hosts: string[];
  /** `listed`: flag links to these hosts; `unlisted`: flag links anywhere else. */
  match: 'listed' | 'unlisted';
  /** URL schemes always flagged, e.g. `file`, `smb`. */
  schemes: string[];
}
export interface RequiresRule extends RuleBase {
  kind: 'requires';
  /** Normalised terms: a mention of one starts the condition; the finding is on the first mention. */
  when: string[];
  /** Normalised terms: the condition is met when one of them appears anywhere in the text. */
  unless: string[];
}

/**
 * The pack's statistical model (see `CompiledModel`) read for this rule's category: the post is
 * flagged when the category's score passes the model's threshold.
 */
export interface ModelRule extends RuleBase {
  kind: 'model';
  /** Normalised terms whose presence anywhere in the post silences the rule (absent in older packs). */
  unless?: string[];
}

export type CompiledRule = TermsRule | PatternRule | HashedTermsRule | DetectorRule | LinkRule | RequiresRule | ModelRule;
export type RuleKind = CompiledRule['kind'];

export interface PolicySection {
  id: string;
  title: string;
  /** Markdown as written by the admin: untrusted, sanitise before any HTML use. */
  body: string;
}

export interface CompiledPack {
  format: 1;
  id: string;
  name: string;
  version: string;
  locales: Locale[];
  /** Hosts in scope for the extension. */
  sites: string[];
  variables: Record<string, string | string[]>;
  policy: Partial<Record<Locale, PolicySection[]>> & { en: PolicySection[] };
  rules: CompiledRule[];
  /** Present when the pack has `model` rules: trained by `postguard train` (rules/engine/model.ts). */
  model?: CompiledModel;
}

/**
 * A linear classifier per category over the words of a post and the pairs of neighbouring
 * words, as hashed by the engine's word scan (so the model reads exactly what the rules read).
 * Trained from labelled posts by `postguard train`; weights are quantised to bytes.
 */
export interface CompiledModel {
  /** Version of the features: a model trained on other word hashes is refused. */
  features: number;
  categories: Category[];
  /** Base64 of the feature keys: little-endian Int32, distinct, non-zero. */
  keys: string;
  /** Base64 of Int8 weights, one row of `categories.length` per key. */
  weights: string;
  /** Per category: the weight of a feature is its byte times the scale. */
  scales: number[];
  biases: number[];
  /** Per category: the post is flagged when bias + its features' weights exceed this. */
  thresholds: number[];
  /**
   * Per category: how many of a window's heaviest words it must pass the threshold without
   * (default 2). A word or two never decide; for conduct, whose posts name their targets and
   * topics (the CEO, a city, a drink), three.
   */
  guardWords?: number[];
  /**
   * The model says nothing on posts of fewer words: its thresholds are set on whole posts, and
   * on a few words the score is little more than the bias and one word (and a post being typed
   * would flicker).
   */
  minWords: number;
  /**
   * The model reads a text in windows of whole sentences of at most this many words (longer
   * sentences are cut), as long as the posts it learnt from: on a long text, a sum over every
   * word would grow with its length and mean little.
   */
  windowWords: number;
  /**
   * The model says nothing on texts of more words: it judges texts about as long as the posts it
   * learnt from, and essays of several paragraphs read otherwise (its training posts are short).
   */
  maxWords: number;
  /** The labelled files it learnt from, for reports: name and post count. */
  trainedOn: { file: string; posts: number }[];
  /**
   * Per category, a second opinion on phrase findings: a `warn` finding of a `terms` or
   * `pattern` rule, on a post the model reads, becomes a `tip` when the model scores the
   * finding's category more than this far below its threshold (the score without the window's
   * heaviest words, as for model rules). The phrase is there, but nothing around it reads like
   * the category: "my grandma's confidential lasagna recipe". null, or no list: that category's
   * findings are never demoted.
   */
  vetoMargins?: (number | null)[];
}

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets into the analysed text: `text.slice(start, end) === finding.text`. */
  start: number;
  end: number;
  text: string;
  message: string;
  tip: string;
  policy: string;
  fix?: Fix;
}

export interface AnalyzeOptions {
  locale?: Locale | string;
  /** Host of the page (e.g. `www.linkedin.com`); rules scoped to other sites are skipped. */
  site?: string;
  /**
   * Keep every rule's finding when several rules of one category flag the same text (rule
   * examples need this); by default only the most severe is reported.
   */
  allFindings?: boolean;
}
