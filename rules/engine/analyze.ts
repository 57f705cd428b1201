// analyze(): pure and synchronous. One pass turns the text into hashed words (words.ts), every
// term of every rule is matched word by word (phrases.ts), then the few rules that need more
// (hashed terms, patterns near their triggers, detectors, links) run only where they can match.
// Buffers are reused between calls.
import { DETECTORS } from '../detectors/index';
import type { Span } from '../detectors/types';
import type { AnalyzeOptions, CompiledPack, CompiledRule, Finding } from '../types';
import { parse as parseHost } from 'tldts';
import { findLinks, hostMatches, type Link } from './links';
import { normalizeTerm } from './normalize';
import { matchPhrases } from './phrases';
import { enabledRules, hasBit, preparePack, Role, type HashedTable, type PreparedPack } from './prepare';
import { bucketOf, MAX_HASHED_WORDS, mixKey, phraseDigest } from './termHash';
import { createWords, scanWords, type Words } from './words';

const words: Words = createWords();

/** A match in original offsets, before it becomes a finding (its rule is the key it is grouped under). */
interface Candidate {
  start: number;
  end: number;
}

/** A term hit of a rule: its role, and its trigger group for patterns. */
interface Hit extends Candidate {
  role: Role;
  group: number;
}

export function analyze(text: string, pack: CompiledPack, options: AnalyzeOptions = {}): Finding[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const prepared = preparePack(pack);
  const enabled = enabledRules(prepared, options.site);
  // 'fr-CA' reads as 'fr'; unknown locales fall back to English per message.
  const locale = (options.locale ?? 'en').slice(0, 2).toLowerCase();
  const findings: Finding[] = [];
  const emit = (rule: CompiledRule, start: number, end: number) => findings.push(toFinding(rule, text, start, end, locale));

  scanWords(text, words, prepared.phrases.prefixLengths);
  sentenceEnds = undefined;
  const byRule = groupHits(prepared, enabled);

  for (const [r, candidates] of byRule) {
    const rule = prepared.rules[r];
    guard(rule, () => {
      if (rule.kind === 'terms') {
        for (const c of pickTerms(candidates)) emit(rule, c.start, c.end);
      } else if (rule.kind === 'requires') {
        const first = firstWhen(candidates);
        if (first) emit(rule, first.start, first.end);
      } else if (rule.kind === 'pattern' && rule.near.length > 0) {
        runPattern(prepared, r, text, sentenceWindows(text, candidates, rule.near.length), (s, e) => emit(rule, s, e));
      }
    });
  }

  // Rules that look at the whole text rather than at term hits.
  let links: Link[] | undefined;
  for (const r of prepared.textRules) {
    const rule = prepared.rules[r];
    if (!enabled[r]) continue;
    guard(rule, () => {
      switch (rule.kind) {
        case 'pattern':
          runPattern(prepared, r, text, [[0, text.length]], (s, e) => emit(rule, s, e));
          break;
        case 'detector': {
          const spans: Span[] = [];
          DETECTORS[rule.detector](text, spans);
          for (const span of spans) {
            if (!rule.allow?.includes(text.slice(span.start, span.end).toLowerCase())) emit(rule, span.start, span.end);
          }
          break;
        }
        case 'link':
          links ??= findLinks(text);
          for (const link of links) if (linkBreaks(rule, link)) emit(rule, link.start, link.end);
          break;
      }
    });
  }

  for (const table of prepared.hashed) {
    const rule = prepared.rules[table.rule];
    if (enabled[table.rule]) guard(rule, () => findHashed(table, text, (start, end) => emit(rule, start, end)));
  }

  findings.sort((a, b) => a.start - b.start || a.end - b.end || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return options.allFindings ? findings : withoutRepeats(findings);
}

const SEVERITY_RANK = { stop: 0, warn: 1, tip: 2 } as const;

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
function guard(rule: CompiledRule, run: () => void): void {
  try {
    run();
  } catch (error) {
    console.warn(`postguard: rule ${rule.id} failed and was skipped`, error);
  }
}

function toFinding(rule: CompiledRule, text: string, start: number, end: number, locale: string): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    category: rule.category,
    severity: rule.severity,
    start,
    end,
    text: text.slice(start, end),
    message: (rule.message as Record<string, string | undefined>)[locale] ?? rule.message.en,
    tip: (rule.tip as Record<string, string | undefined>)[locale] ?? rule.tip.en,
    policy: rule.policy,
  };
  if (rule.fix) finding.fix = rule.fix;
  return finding;
}

/** Term hits per enabled rule, with their role. */
function groupHits(prepared: PreparedPack, enabled: Uint8Array): Map<number, Hit[]> {
  const byRule = new Map<number, Hit[]>();
  const { entryStart, entryRule, entryRole, entryGroup } = prepared;
  matchPhrases(prepared.phrases, words, (term, first, last) => {
    for (let e = entryStart[term]; e < entryStart[term + 1]; e++) {
      const rule = entryRule[e];
      if (!enabled[rule]) continue;
      let list = byRule.get(rule);
      if (!list) byRule.set(rule, (list = []));
      list.push({ start: words.start[first], end: words.end[last], role: entryRole[e] as Role, group: entryGroup[e] });
    }
  });
  return byRule;
}

/** Term matches outside the rule's exceptions; leftmost, then longest, no overlaps. */
function pickTerms(candidates: Hit[]): Candidate[] {
  const exceptions = candidates.filter((c) => c.role === Role.Except);
  const terms = candidates
    .filter((c) => c.role === Role.Term && !exceptions.some((x) => x.start <= c.start && c.end <= x.end))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const picked: Candidate[] = [];
  let reach = -1;
  for (const c of terms) {
    if (c.start < reach) continue;
    picked.push(c);
    reach = c.end;
  }
  return picked;
}

function firstWhen(candidates: Hit[]): Candidate | undefined {
  if (candidates.some((c) => c.role === Role.Unless)) return undefined;
  let first: Candidate | undefined;
  for (const c of candidates) if (c.role === Role.When && (!first || c.start < first.start)) first = c;
  return first;
}

const SENTENCE_REACH = 240;

/** Sentence ends of the text being analysed, found once per analysis when a pattern needs them. */
let sentenceEnds: number[] | undefined;
const SENTENCE_END = /[.!?\u2026\u3002](?=[\s\u00a0]|$)|\n/g;

/** [start, end) of the sentence around [from, to), at most SENTENCE_REACH chars either side. */
function sentenceAround(text: string, from: number, to: number): [number, number] {
  if (!sentenceEnds) {
    sentenceEnds = [];
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) sentenceEnds.push(m.index + 1);
  }
  // First sentence end after `from`: the sentence starts at the end before it.
  let lo = 0;
  let hi = sentenceEnds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentenceEnds[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  const start = Math.max(lo > 0 ? sentenceEnds[lo - 1]! : 0, from - SENTENCE_REACH);
  while (lo < sentenceEnds.length && sentenceEnds[lo]! < to) lo++;
  const end = Math.min(lo < sentenceEnds.length ? sentenceEnds[lo]! : text.length, to + SENTENCE_REACH);
  return [start, end];
}

/**
 * The sentences (original offsets) around the first group's trigger words that also hold a
 * word of every other group.
 */
function sentenceWindows(text: string, triggers: Hit[], groups: number): [number, number][] {
  const windows: [number, number][] = [];
  const byGroup: Hit[][] = Array.from({ length: groups }, () => []);
  for (const t of triggers) byGroup[t.group]?.push(t);
  for (const list of byGroup) list.sort((a, b) => a.start - b.start);
  let covered = -1;
  for (const anchor of byGroup[0]!) {
    if (anchor.start < covered) continue; // same sentence as the previous anchor
    const [start, end] = sentenceAround(text, anchor.start, anchor.end);
    covered = end;
    let complete = true;
    for (let g = 1; g < groups && complete; g++) complete = hasTriggerWithin(byGroup[g]!, start, end);
    if (complete) windows.push([start, end]);
  }
  return windows;
}

/** Whether a trigger of the sorted `list` lies within [start, end). */
function hasTriggerWithin(list: Hit[], start: number, end: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo; k < list.length && list[k]!.start < end; k++) if (list[k]!.end <= end) return true;
  return false;
}

function runPattern(prepared: PreparedPack, r: number, text: string, windows: [number, number][], emit: (s: number, e: number) => void): void {
  const pattern = prepared.patterns[r];
  if (!pattern) return;
  let reported = -1;
  for (const [ws, we] of windows) {
    const window = text.slice(ws, we);
    // test() runs RE2's DFA, far cheaper than finding positions; most windows stop here.
    if (!pattern.test(window)) continue;
    const matcher = pattern.matcher(window);
    while (matcher.find()) {
      const s = ws + matcher.start();
      const e = ws + matcher.end();
      if (e === s || s < reported) continue;
      emit(s, e);
      reported = e;
    }
  }
}

function linkBreaks(rule: Extract<CompiledRule, { kind: 'link' }>, link: Link): boolean {
  if (link.scheme !== '' && rule.schemes.includes(link.scheme)) return true;
  if (link.host === '') return false;
  const listed = rule.hosts.some((h) => hostMatches(link.host, h));
  if (rule.match === 'listed') return listed;
  // A bare "node.js" or "file.txt" is no link: outside the list, trust only real public suffixes.
  return !listed && (link.scheme !== '' || parseHost(link.host).isIcann === true);
}

function findHashed(table: HashedTable, text: string, emit: (start: number, end: number) => void): void {
  const { hash, start, end, barBefore, count } = words;
  let reach = 0;
  for (let t = 0; t < count; t++) {
    let key = mixKey(table.seed, hash[t]);
    if (!hasBit(table.firstWords, bucketOf(key)) || start[t] < reach) continue;
    // Rare: this word may open a hashed phrase; the longest window of 1-4 words wins.
    let found = -1;
    for (let w = 0; w < MAX_HASHED_WORDS && t + w < count; w++) {
      if (w > 0) {
        if (barBefore[t + w]) break; // never across a hard break
        key = mixKey(key, hash[t + w]);
      }
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
