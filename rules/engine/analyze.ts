// analyze(): pure and synchronous. One pass turns the text into hashed words (words.ts), every
// term of every rule is matched word by word (phrases.ts), then the few rules that need more
// (hashed terms, patterns near their triggers, detectors, links) run only where they can match.
// Buffers are reused between calls.
import { DETECTORS, MAY_MATCH } from '../detectors/index';
import type { Span } from '../detectors/types';
import { CATEGORIES, type AnalyzeOptions, type CompiledPack, type CompiledRule, type Finding } from '../types';
import { parse as parseHost } from 'tldts';
import { testWindow } from './dfaTest';
import { bytes, doubled, int32s } from './grow';
import { findLinks, hostMatches, type Link } from './links';
import { normalizeTerm } from './normalize';
import { bestWindowScore, flagged, reads, scoreModel, sentence, type PreparedModel } from './model';
import { matchAt, matchPhrases } from './phrases';
import { enabledRules, findingTemplates, Kind, mayStartGroup, patternOf, preparePack, Role, type FindingTemplate, type HashedTable, type PreparedPack } from './prepare';
import { bucketOf, firstWordBucket, MAX_HASHED_WORDS, mixKey, phraseDigest } from './termHash';
import { createWords, hasBit, scanWords, type Words } from './words';

const words: Words = createWords();

// The analysis in progress (analyze() is synchronous and calls no outside code): what `emit`
// and `onTerm` need, kept here rather than in closures made on every call.
let currentText = '';
let currentFindings: Finding[] = [];
/** The rule whose findings `emit` adds, and what they say. */
let currentRule = 0;
let currentTemplates: FindingTemplate[] = [];
let currentPrepared: PreparedPack | undefined;
let currentEnabled: Uint8Array = new Uint8Array(0);
/**
 * Per rule: 1 when an `unless` term silenced this model or detector rule (which read the whole
 * text, not term hits) in the analysis in progress; each is reset where it is read.
 */
let silencedWhole = new Uint8Array(0);
/** Held between analyses instead of the last result, which is the caller's. */
const idle: Finding[] = [];

/** Adds a finding of the current rule. */
function emit(start: number, end: number): void {
  currentFindings.push(toFinding(currentTemplates[currentRule]!, currentText, start, end));
}

export function analyze(text: string, pack: CompiledPack, options: AnalyzeOptions = {}): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const prepared = preparePack(pack);
  const enabled = enabledRules(prepared, options.site);
  // 'fr-CA' reads as 'fr'; unknown locales fall back to English per message.
  currentTemplates = findingTemplates(prepared, (options.locale ?? 'en').slice(0, 2).toLowerCase());
  currentText = text;
  const findings: Finding[] = (currentFindings = []);
  currentPrepared = prepared;
  currentEnabled = enabled;
  const { kinds } = prepared;
  if (silencedWhole.length < prepared.rules.length) silencedWhole = new Uint8Array(prepared.rules.length);

  scanWords(text, words, prepared.filter);
  collectHits(prepared, text);

  for (let k = 0; k < touchedCount; k++) {
    const r = (currentRule = touched[k]);
    const kind = kinds[r];
    const from = bucketStart[r];
    const to = from + bucketSize[r];
    bucketSize[r] = 0;
    try {
      // An `unless` hit (terms, patterns, requires, model, detectors) makes the whole post fine for the rule.
      if (silenced(from, to)) {
        if (kind === Kind.Model || kind === Kind.Detector) silencedWhole[r] = 1;
        continue;
      }
      if (kind === Kind.Terms) pickTerms(from, to);
      else if (kind === Kind.Requires) {
        const first = firstWhen(from, to);
        if (first >= 0) emit(hitStart[first], hitEnd[first]);
      } else if (kind === Kind.Pattern && prepared.nearGroups[r] > 0) {
        const count = sentenceWindows(text, from, to, prepared.nearGroups[r], r);
        if (count > 0) runPattern(prepared, r, text, count);
      }
    } catch (error) {
      skipped(prepared.rules[r]!, error);
    }
  }

  // Rules that look at the whole text rather than at term hits.
  let links: Link[] | undefined;
  for (const r of prepared.textRules) {
    if (!enabled[r]) continue;
    currentRule = r;
    const rule = prepared.rules[r]!;
    const kind = kinds[r];
    try {
      if (kind === Kind.Pattern) {
        windowStart[0] = 0;
        windowEnd[0] = text.length;
        runPattern(prepared, r, text, 1);
      } else if (kind === Kind.Detector) {
        const quiet = silencedWhole[r] === 1;
        silencedWhole[r] = 0;
        const { detector, allow } = rule as DetectorRule;
        if (quiet || !MAY_MATCH[detector](words.facts)) continue;
        const spans: Span[] = [];
        DETECTORS[detector](text, spans, words.facts);
        for (const span of spans) {
          if (!allow?.includes(text.slice(span.start, span.end).toLowerCase())) emit(span.start, span.end);
        }
      } else if (kind === Kind.Link) {
        links ??= findLinks(text);
        for (const link of links) if (linkBreaks(rule as LinkRule, link)) emit(link.start, link.end);
      }
    } catch (error) {
      skipped(rule, error);
    }
  }

  for (const table of prepared.hashed) {
    if (!enabled[table.rule]) continue;
    currentRule = table.rule;
    try {
      findHashed(table, text);
    } catch (error) {
      skipped(prepared.rules[table.rule]!, error);
    }
  }

  const model = prepared.model;
  if (model && reads(model, words)) {
    const veto = model.vetoes && hasVetoable(findings, prepared.vetoable);
    if (prepared.modelRules.length > 0 || veto) scoreModel(model, words);
    for (const r of prepared.modelRules) {
      if (!enabled[r] || silencedWhole[r] === 1) continue;
      currentRule = r;
      const column = model.categories.indexOf(prepared.rules[r]!.category);
      if (column >= 0 && flagged(model, words, column)) emit(sentence.start, sentence.end);
    }
    if (veto) demoteUnsupported(model, findings, prepared.vetoable);
  }

  for (const r of prepared.modelRules) silencedWhole[r] = 0;
  currentText = '';
  currentFindings = idle;
  sortFindings(findings);
  return options.allFindings ? findings : withoutRepeats(findings);
}

const SEVERITY_RANK = { stop: 0, warn: 1, tip: 2 } as const;

/** By position, then end, severity and rule id. */
const compareFindings = (a: Finding, b: Finding): number =>
  a.start - b.start || a.end - b.end || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);

/** `compareFindings` order: an insertion sort for the few findings of most posts, `Array.prototype.sort` past 16. */
function sortFindings(findings: Finding[]): void {
  if (findings.length > 16) {
    findings.sort(compareFindings);
    return;
  }
  for (let i = 1; i < findings.length; i++) {
    const finding = findings[i]!;
    let k = i - 1;
    for (; k >= 0 && compareFindings(findings[k]!, finding) > 0; k--) findings[k + 1] = findings[k]!;
    findings[k + 1] = finding;
  }
}

function hasVetoable(findings: Finding[], vetoable: Set<string>): boolean {
  for (const finding of findings) if (finding.severity === 'warn' && vetoable.has(finding.ruleId)) return true;
  return false;
}

/** Per model column, its best window score in the analysis in progress (NaN: not computed yet). */
const columnScores = new Float64Array(CATEGORIES.length);

/**
 * The model's second opinion on phrase findings (see `CompiledModel.vetoMargins`): a `warn`
 * finding of a `terms` or `pattern` rule becomes a `tip` when the model, which has scored the
 * text, puts its category more than the category's margin below the threshold. A category with
 * no window to read (-Infinity) keeps its findings: no opinion is not a veto.
 */
function demoteUnsupported(model: PreparedModel, findings: Finding[], vetoable: Set<string>): void {
  columnScores.fill(NaN);
  for (const finding of findings) {
    if (finding.severity !== 'warn' || !vetoable.has(finding.ruleId)) continue;
    const column = model.categories.indexOf(finding.category);
    if (column < 0 || model.vetoMargins[column] === Infinity) continue;
    if (Number.isNaN(columnScores[column])) columnScores[column] = bestWindowScore(model, column);
    const score = columnScores[column];
    if (score !== -Infinity && score < model.thresholds[column] - model.vetoMargins[column]) finding.severity = 'tip';
  }
}

/**
 * Two rules of one category on the same text say the same thing twice: keep the most severe
 * (sorted first). Findings of different categories on the same text all stay.
 */
function withoutRepeats(sorted: Finding[]): Finding[] {
  return sorted.filter((f, i) => {
    for (let k = i - 1; k >= 0 && sorted[k]!.start === f.start && sorted[k]!.end === f.end; k--) {
      if (sorted[k]!.category === f.category) return false;
    }
    return true;
  });
}

/** One rule's failure never takes the other rules down. */
function skipped(rule: CompiledRule, error: unknown): void {
  console.warn(`postguard: rule ${rule.id} failed and was skipped`, error);
}

function toFinding(template: FindingTemplate, text: string, start: number, end: number): Finding {
  const finding: Finding = {
    ruleId: template.ruleId,
    category: template.category,
    severity: template.severity,
    start,
    end,
    text: text.slice(start, end),
    message: template.message,
    tip: template.tip,
    policy: template.policy,
  };
  if (template.fix) finding.fix = template.fix;
  return finding;
}

// Term hits of one analysis, in flat arrays reused between calls: hit h is a term of rule
// hitRule[h] in role hitRole[h] (and trigger group hitGroup[h]) over [hitStart[h], hitEnd[h]).
// The matcher reports them by first word, so starts never decrease. They are then bucketed by
// rule, keeping that order: rule r's hits are bucket[bucketStart[r] .. + bucketSize[r]).
let hitCount = 0;
let hitRule = new Int32Array(256);
let hitStart = new Int32Array(256);
let hitEnd = new Int32Array(256);
/** The first and last word (indexes into the scan's words) of hit h. */
let hitFirstWord = new Int32Array(256);
let hitLastWord = new Int32Array(256);
let hitRole = new Uint8Array(256);
let hitGroup = new Uint8Array(256);
let bucket = new Int32Array(256);
let bucketStart = new Int32Array(0);
let bucketSize = new Int32Array(0);
/** Rules with hits, in the order first hit. */
let touched = new Int32Array(0);
let touchedCount = 0;

function growHits(): void {
  hitRule = doubled(hitRule, int32s);
  hitStart = doubled(hitStart, int32s);
  hitEnd = doubled(hitEnd, int32s);
  hitFirstWord = doubled(hitFirstWord, int32s);
  hitLastWord = doubled(hitLastWord, int32s);
  hitRole = doubled(hitRole, bytes);
  hitGroup = doubled(hitGroup, bytes);
  bucket = new Int32Array(hitRule.length);
}

// Term matches of one analysis, before they become hits: term termTerm[m] over words
// termFirst[m] .. termLast[m].
let termCount = 0;
let termTerm = new Int32Array(256);
let termFirst = new Int32Array(256);
let termLast = new Int32Array(256);
/** Per rule: bit g set when some match is a trigger of group g; reset after each analysis. */
let groupsSeen = new Int32Array(0);
/** The rules whose `groupsSeen` is set, to reset them. */
let seenRules = new Int32Array(0);
let seenCount = 0;

/**
 * Matches every term, then keeps as hits the matches of enabled rules that can use them (a
 * rule's exceptions and `unless` terms only when a term of its own, or of a pattern's first
 * trigger group, is in the text: see `firstGroup`), bucketed by rule.
 */
function collectHits(prepared: PreparedPack, text: string): void {
  const rules = prepared.rules.length;
  if (bucketSize.length < rules) {
    bucketStart = new Int32Array(rules);
    bucketSize = new Int32Array(rules);
    touched = new Int32Array(rules);
    groupsSeen = new Int32Array(rules);
    seenRules = new Int32Array(rules);
  }
  termCount = 0;
  seenCount = 0;
  matchPhrases(prepared.phrases, words, text, onTerm);
  const { entryStart, entryRule, entryRole, entryGroup, firstGroup } = prepared;
  const enabled = currentEnabled;
  hitCount = 0;
  touchedCount = 0;
  for (let m = 0; m < termCount; m++) {
    const term = termTerm[m];
    for (let e = entryStart[term]; e < entryStart[term + 1]; e++) {
      const r = entryRule[e];
      if (!enabled[r] || (groupsSeen[r] & firstGroup[r]) !== firstGroup[r]) continue;
      if (hitCount === hitRule.length) growHits();
      if (bucketSize[r]++ === 0) touched[touchedCount++] = r;
      hitRule[hitCount] = r;
      hitStart[hitCount] = words.start[termFirst[m]];
      hitEnd[hitCount] = words.end[termLast[m]];
      hitFirstWord[hitCount] = termFirst[m];
      hitLastWord[hitCount] = termLast[m];
      hitRole[hitCount] = entryRole[e];
      hitGroup[hitCount++] = entryGroup[e];
    }
  }
  for (let k = 0; k < seenCount; k++) groupsSeen[seenRules[k]] = 0;
  let offset = 0;
  for (let k = 0; k < touchedCount; k++) {
    const r = touched[k];
    bucketStart[r] = offset;
    offset += bucketSize[r];
    bucketSize[r] = 0;
  }
  for (let h = 0; h < hitCount; h++) {
    const r = hitRule[h];
    bucket[bucketStart[r] + bucketSize[r]++] = h;
  }
}

/** Notes a term match, and the trigger groups it is of. */
function onTerm(term: number, first: number, last: number): void {
  if (termCount === termTerm.length) {
    termTerm = doubled(termTerm, int32s);
    termFirst = doubled(termFirst, int32s);
    termLast = doubled(termLast, int32s);
  }
  termTerm[termCount] = term;
  termFirst[termCount] = first;
  termLast[termCount++] = last;
  const { entryStart, entryRule, entryGroup } = currentPrepared!;
  for (let e = entryStart[term]; e < entryStart[term + 1]; e++) {
    const r = entryRule[e];
    if (groupsSeen[r] === 0) seenRules[seenCount++] = r;
    groupsSeen[r] |= 1 << entryGroup[e];
  }
}

/** Per word, the stamp of the last `pickTerms` call that found an `exceptAfter` phrase right before it. */
let afterMark = new Int32Array(256);
let stampCount = 0;

/** A stamp no word of `afterMark` holds yet (the marks are sized to the text's words). */
function nextStamp(): number {
  if (afterMark.length <= words.count) afterMark = new Int32Array(Math.max(words.count + 1, afterMark.length * 2));
  if (stampCount === 0x7fffffff) {
    afterMark.fill(0);
    stampCount = 0;
  }
  return ++stampCount;
}

/**
 * Term matches of bucket[from, to) outside the rule's exceptions and not right after one of its
 * `exceptAfter` words; leftmost, then longest, no overlaps.
 */
function pickTerms(from: number, to: number): void {
  let reach = -1;
  // The furthest end of the exceptions seen so far: a term ending before it lies inside one.
  let exceptReach = -1;
  // Words that `exceptAfter` hits seen so far make fine as a term's first word: marked with this call's stamp.
  const stamp = nextStamp();
  // Hits come by start; those with the same start are taken together, longest first.
  for (let k = from; k < to; ) {
    const start = hitStart[bucket[k]];
    let next = k;
    for (; next < to && hitStart[bucket[next]] === start; next++) {
      const h = bucket[next];
      if (hitRole[h] === Role.Except && hitEnd[h] > exceptReach) exceptReach = hitEnd[h];
      else if (hitRole[h] === Role.After) afterMark[hitLastWord[h] + 1] = stamp;
    }
    let end = -1;
    for (; k < next; k++) {
      const h = bucket[k];
      if (hitRole[h] !== Role.Term || hitEnd[h] <= exceptReach || hitEnd[h] <= end) continue;
      const first = hitFirstWord[h];
      if (afterMark[first] === stamp && words.barBefore[first] === 0) continue;
      end = hitEnd[h];
    }
    if (end > start && start >= reach) {
      emit(start, end);
      reach = end;
    }
  }
}

/** Whether bucket[from, to) holds an `unless` hit: the post has what makes it fine for the rule. */
function silenced(from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (hitRole[bucket[k]] === Role.Unless) return true;
  return false;
}

/** The first `when` hit of bucket[from, to), or -1 when there is none. */
function firstWhen(from: number, to: number): number {
  for (let k = from; k < to; k++) if (hitRole[bucket[k]] === Role.When) return bucket[k];
  return -1;
}

const SENTENCE_REACH = 240;

/** Set by `sentenceAround`: the window, and its first word and the word after it (-1: not known, the window was cut short). */
let aroundStart = 0;
let aroundEnd = 0;
let aroundFirstWord = 0;
let aroundEndWord = 0;

/** [aroundStart, aroundEnd) := the sentence around [from, to), at most SENTENCE_REACH chars either side. */
function sentenceAround(text: string, from: number, to: number): void {
  const { sentenceEnd: ends, sentenceCount: count } = words;
  // First sentence end after `from`: the sentence starts at the end before it.
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= from) lo = mid + 1;
    else hi = mid;
  }
  const sentenceStart = lo > 0 ? ends[lo - 1] : 0;
  aroundStart = Math.max(sentenceStart, from - SENTENCE_REACH);
  aroundFirstWord = aroundStart !== sentenceStart ? -1 : lo > 0 ? words.sentenceWord[lo - 1] : 0;
  while (lo < count && ends[lo] < to) lo++;
  const sentenceEnd = lo < count ? ends[lo] : text.length;
  aroundEnd = Math.min(sentenceEnd, to + SENTENCE_REACH);
  aroundEndWord = aroundEnd !== sentenceEnd ? -1 : lo < count ? words.sentenceWord[lo] : words.count;
}

/** Windows found by `sentenceWindows`: [windowStart[w], windowEnd[w]). */
let windowStart = new Int32Array(64);
let windowEnd = new Int32Array(64);

/**
 * The sentences (original offsets) around the first group's trigger words of bucket[from, to)
 * (rule r's hits) that also hold a word of every other group; returns how many.
 */
function sentenceWindows(text: string, from: number, to: number, groups: number, r: number): number {
  let count = 0;
  let covered = -1;
  for (let k = from; k < to; k++) {
    const anchor = bucket[k];
    if (hitGroup[anchor] !== 0 || hitStart[anchor] < covered) continue; // same sentence as the previous anchor
    sentenceAround(text, hitStart[anchor], hitEnd[anchor]);
    const start = aroundStart;
    const end = aroundEnd;
    covered = end;
    if (groups > 1 && !holdsOtherGroups(text, r, groups, start, end, hitFirstWord[anchor], aroundFirstWord, aroundEndWord)) continue;
    if (count === windowStart.length) {
      windowStart = doubled(windowStart, int32s);
      windowEnd = doubled(windowEnd, int32s);
    }
    windowStart[count] = start;
    windowEnd[count++] = end;
  }
  return count;
}

/**
 * Whether the words within [start, end) around word `anchor` hold a term of each of rule r's
 * trigger groups past the first. Each group's first words (`GroupStarts`) rule out most words
 * without a lookup; the others are looked up in the `near` index. The window's words are
 * `firstWord` .. `endWord` - 1 when the scan knows them (a whole sentence), else found from the anchor.
 */
function holdsOtherGroups(text: string, r: number, groups: number, start: number, end: number, anchor: number, firstWord: number, endWord: number): boolean {
  let from = firstWord;
  if (from < 0) for (from = anchor; from > 0 && words.start[from - 1] >= start; ) from--;
  let to = endWord;
  if (to < 0) for (to = anchor; to < words.count && words.end[to] <= end; ) to++;
  const { near, groupStarts } = currentPrepared!;
  const { hash, general, alt } = words;
  const { bits } = groupStarts;
  for (let g = 1; g < groups; g++) {
    const set = groupStarts.first[r] + g - 1;
    const mask = groupStarts.mask[set];
    const offset = groupStarts.offset[set];
    wantedRule = r;
    wantedGroup = g;
    groupFound = false;
    for (let i = from; i < to; i++) {
      // `mayStartGroup`, written out for the whole-word hash (the set's fields read once).
      const bit = offset + (hash[i] & mask);
      if (mask !== -1 && (bits[bit >> 3] & (1 << (bit & 7))) === 0 && (general[i] === 0 || !mayStartGroup(groupStarts, set, alt[i]))) continue;
      matchAt(near, words, text, i, to, onNearTerm);
      if (groupFound) break;
    }
    if (!groupFound) return false;
  }
  return true;
}

// What `onNearTerm` looks for, and whether it found it.
let wantedRule = 0;
let wantedGroup = 0;
let groupFound = false;

/** Notes whether a term of the `near` index belongs to the group looked for. */
function onNearTerm(term: number): void {
  const { nearStart, nearRule, nearGroup } = currentPrepared!;
  for (let e = nearStart[term]; e < nearStart[term + 1]; e++) if (nearRule[e] === wantedRule && nearGroup[e] === wantedGroup) groupFound = true;
}

/** Runs rule r's pattern on the first `count` windows (see `sentenceWindows`). */
function runPattern(prepared: PreparedPack, r: number, text: string, count: number): void {
  const pattern = patternOf(prepared, r);
  const span = prepared.spanGroups[r];
  let reported = -1;
  for (let w = 0; w < count; w++) {
    const ws = windowStart[w];
    const we = windowEnd[w];
    const window = text.slice(ws, we);
    // RE2's DFA, far cheaper than finding positions; most windows stop here.
    if (!testWindow(pattern, window)) continue;
    const matcher = pattern.matcher(window);
    while (matcher.find()) {
      const at = matcher.start(span);
      if (at < 0) continue; // the span group is in a branch that did not match
      const s = ws + at;
      const e = ws + matcher.end(span);
      if (e === s || s < reported) continue;
      emit(s, e);
      reported = e;
    }
  }
}

type DetectorRule = Extract<CompiledRule, { kind: 'detector' }>;
type LinkRule = Extract<CompiledRule, { kind: 'link' }>;

function linkBreaks(rule: LinkRule, link: Link): boolean {
  if (link.scheme !== '' && rule.schemes.includes(link.scheme)) return true;
  if (link.host === '') return false;
  const listed = rule.hosts.some((h) => hostMatches(link.host, h));
  if (rule.match === 'listed') return listed;
  // A bare "node.js" or "file.txt" is no link: outside the list, trust only real public suffixes.
  return !listed && (link.scheme !== '' || parseHost(link.host).isIcann === true);
}

function findHashed(table: HashedTable, text: string): void {
  const { hash, start, end, barBefore, count, hashedFirst, hashedFirstCount } = words;
  const { seed, firstWords } = table;
  let reach = 0;
  // The scan listed the words whose bucket may open a hashed term of some table; most are none of this one's.
  for (let c = 0; c < hashedFirstCount; c++) {
    const t = hashedFirst[c];
    if (!hasBit(firstWords, firstWordBucket(seed, hash[t])) || start[t] < reach) continue;
    // This word may open a hashed phrase; the longest window of 1-4 words wins.
    let key = seed;
    let found = -1;
    for (let w = 0; w < MAX_HASHED_WORDS && t + w < count; w++) {
      if (w > 0 && barBefore[t + w]) break; // never across a hard break
      key = mixKey(key, hash[t + w]);
      if (!hasBit(table.phrases, bucketOf(key))) continue;
      const phrase = normalizeTerm(text.slice(start[t], end[t + w]));
      if (table.digests.has(phraseDigest(table.salt, phrase))) found = t + w;
    }
    if (found !== -1) {
      emit(start[t], end[found]);
      reach = end[found];
    }
  }
}
