// Terms as paths of word hashes: a trie whose edges live in open-addressing tables keyed by
// (node, word hash). Matching costs one bit test for most words of a text (is this word the
// first word of any term?) and a table probe for the rest.
import { createRootFlags, hasBit, hasPair, hasPairBit, isRootWord, setPairBit, markRoot, MAX_PREFIX, PAIR_BITS, PAIR_FIRST, pairKey, prefixHash, ROOT_WORD, setBit, wordSize, type WordFilter, type Words } from './words';
import { rangeHash } from './termHash';

export interface PhraseIndex extends WordFilter {
  /** 65,536-bit filter of the word hashes (low bits) leaving the root. */
  rootExact: Uint8Array;
  /** Edges by the hash of a whole word: see `ExactEdges`. */
  exact: ExactEdges;
  /** Edges that end a prefix term ("leak*"), by the hash of the word's first L chars; value = term. */
  prefix: EdgeTable;
  /** `prefixLengths` (the lengths of the prefix terms' last words), ascending. */
  prefixLengthList: Int8Array;
  maxWords: number;
  /**
   * For candidates that only start longer terms (not root words: see `isRootWord`): PAIR_BITS-bit sets of
   * their first two words when the path goes on after them other than by a whole word after a
   * space (a term ends there, a prefix or a word after a break follows), and of their first
   * three words otherwise. Candidates come from the scan's pairs, and most pairs ("at the",
   * "de la", "this year") start a long phrase that the third word rules out without a probe.
   */
  pairEnds: Uint8Array;
  triples: Uint8Array;
}

const tripleKey = (first: number, second: number, third: number): number => pairKey(Math.imul(first, 0x27d4eb2d) ^ second, third);

interface EdgeTable {
  mask: number;
  /** Slot i is slots[4i .. 4i + 4): node (-1 when free), word hash, length, value. One cache line per probe. */
  slots: Int32Array;
}

/**
 * Whole-word edges: slot i is slots[4i .. 4i + 4): the parent's key (node * 2, plus 1 when the
 * word follows a hard break; -1 when free), the word's hash, the child node, and what the
 * matcher needs to know of the child (`TERM`, `HAS_CHILDREN`, `HAS_PREFIX_EDGES`). One probe
 * reads the edge and its child together: matching a text is mostly lookups that miss the
 * processor's caches, and this makes one where there were up to three.
 */
interface ExactEdges {
  mask: number;
  slots: Int32Array;
  /**
   * Bit set of the edges' `slotOf` values (bitMask + 1 bits): most words after a term's first word
   * continue no term, and this set, which the processor keeps close, says so without a probe.
   */
  bits: Uint8Array;
  bitMask: number;
}

/**
 * The edge bit set's size: 32 bits an edge, at most 2^20 (the default pack's main index), at
 * least 2^12. A small index (the patterns' `near` terms) keeps a small set, which stays in the
 * processor's caches between the sentences it is read in.
 */
const edgeBits = (edges: number): number => Math.min(1 << 20, Math.max(1 << 12, 1 << Math.ceil(Math.log2(edges * 32))));
const hasEdgeBit = (edges: ExactEdges, mixed: number): boolean => (edges.bits[(mixed & edges.bitMask) >> 3] & (1 << (mixed & 7))) !== 0;

/** Bits of an edge's child info: the term ending at the child, plus one (0: none)... */
const TERM = 0xffffff;
/** ...whether whole-word edges leave the child... */
const HAS_CHILDREN = 1 << 24;
/** ...and whether prefix edges do. */
const HAS_PREFIX_EDGES = 1 << 25;

function tableSize(entries: number): number {
  let size = 16;
  while (size < entries * 2) size *= 2;
  return size;
}

function createTable(entries: number): EdgeTable {
  const size = tableSize(entries);
  const slots = new Int32Array(size * 4);
  for (let i = 0; i < slots.length; i += 4) slots[i] = -1;
  return { mask: size - 1, slots };
}

const slotOf = (node: number, hash: number, length: number): number => {
  const k = Math.imul(node ^ Math.imul(hash, 0x9e3779b1) ^ (length << 24), 0x85ebca6b);
  return k ^ (k >>> 13);
};

/** The slot (times 4) holding the edge, or a free one where it would go. */
function find(table: EdgeTable, node: number, hash: number, length: number): number {
  const { slots, mask } = table;
  let i = slotOf(node, hash, length) & mask;
  for (let at = i << 2; slots[at] !== -1; i = (i + 1) & mask, at = i << 2) {
    if (slots[at] === node && slots[at + 1] === hash && slots[at + 2] === length) return at;
  }
  return i << 2;
}

function lookup(table: EdgeTable, node: number, hash: number, length: number): number {
  const at = find(table, node, hash, length);
  return table.slots[at] === -1 ? -1 : table.slots[at + 3];
}

function insert(table: EdgeTable, node: number, hash: number, length: number, value: number): number {
  const at = find(table, node, hash, length);
  const { slots } = table;
  if (slots[at] !== -1) return slots[at + 3];
  slots[at] = node;
  slots[at + 1] = hash;
  slots[at + 2] = length;
  slots[at + 3] = value;
  return value;
}

/** The slot (times 4) of the edge (key, hash), or -1. */
const findExact = (edges: ExactEdges, key: number, hash: number): number => probeExact(edges, key, hash, slotOf(key, hash, 0));

/** `findExact`, given `slotOf(key, hash, 0)`. */
function probeExact(edges: ExactEdges, key: number, hash: number, mixed: number): number {
  const { slots, mask } = edges;
  let i = mixed & mask;
  for (let at = i << 2; slots[at] !== -1; i = (i + 1) & mask, at = i << 2) {
    if (slots[at] === key && slots[at + 1] === hash) return at;
  }
  return -1;
}

/** Adds the edge (key, hash) unless it is there; returns its slot (times 4) and whether it is new. */
function insertExact(edges: ExactEdges, key: number, hash: number): { at: number; added: boolean } {
  const { slots, mask } = edges;
  let i = slotOf(key, hash, 0) & mask;
  for (let at = i << 2; slots[at] !== -1; i = (i + 1) & mask, at = i << 2) {
    if (slots[at] === key && slots[at + 1] === hash) return { at, added: false };
  }
  slots[i << 2] = key;
  slots[(i << 2) + 1] = hash;
  return { at: i << 2, added: true };
}

/**
 * The words of every term, read in place rather than split into strings (the default pack has
 * 28,000 terms, and splitting them into word objects took a quarter of preparing it): term t's words are
 * [first[t], first[t + 1]), each with its hash (`stringHash` of the word), its length and
 * whether a hard break comes before it. "oh hisse|encule" → oh, hisse, encule (after a break);
 * a trailing '*' is left out.
 */
interface TermWords {
  first: Int32Array;
  /** Hashes as `stringHash` returns them (an empty word keeps the unsigned offset basis: hence not an Int32Array). */
  hash: Float64Array;
  length: Int32Array;
  afterBreak: Uint8Array;
}

function termWords(terms: readonly string[]): TermWords {
  let total = 0;
  for (const term of terms) {
    total++;
    for (let i = 0; i < term.length; i++) if (term.charCodeAt(i) === 32 || term.charCodeAt(i) === 124) total++;
  }
  const words: TermWords = { first: new Int32Array(terms.length + 1), hash: new Float64Array(total), length: new Int32Array(total), afterBreak: new Uint8Array(total) };
  let w = 0;
  terms.forEach((term, t) => {
    words.first[t] = w;
    const end = term.endsWith('*') ? term.length - 1 : term.length;
    let from = 0;
    let afterBreak = 0;
    for (let i = 0; i <= end; i++) {
      const c = i < end ? term.charCodeAt(i) : 32;
      if (c !== 32 && c !== 124) continue;
      words.hash[w] = rangeHash(term, from, i);
      words.length[w] = i - from;
      words.afterBreak[w++] = afterBreak;
      afterBreak = c === 124 ? 1 : 0;
      from = i + 1;
    }
  });
  words.first[terms.length] = w;
  return words;
}

/**
 * How many distinct edges the terms make (the last word of a prefix term counted as one, as
 * the table's size has always been reckoned): built once in a table sized for every word.
 */
function countEdges(words: TermWords): number {
  const size = tableSize(words.hash.length);
  const scratch: ExactEdges = { mask: size - 1, slots: new Int32Array(size * 4).fill(-1), bits: new Uint8Array(0), bitMask: 0 };
  let nodes = 1;
  for (let t = 0; t + 1 < words.first.length; t++) {
    let node = 0;
    for (let w = words.first[t]!; w < words.first[t + 1]!; w++) {
      const { at, added } = insertExact(scratch, edgeKey(node, words.afterBreak[w]!), words.hash[w]!);
      if (added) scratch.slots[at + 2] = nodes++;
      node = scratch.slots[at + 2]!;
    }
  }
  return nodes - 1;
}

/** The key of node's whole-word edges: after a space, or after a hard break. */
const edgeKey = (node: number, afterBreak: boolean | number): number => node * 2 + (afterBreak ? 1 : 0);

/**
 * Terms are normalised: words joined by ' ', or by '|' where the term holds sentence punctuation;
 * a trailing `*` makes the last word a prefix.
 */
export function buildPhraseIndex(terms: readonly string[]): PhraseIndex {
  const words = termWords(terms);
  const { first, hash, length, afterBreak: breakBefore } = words;
  const edgeCount = countEdges(words);
  const size = tableSize(edgeCount);
  const bits = edgeBits(edgeCount);
  const exact: ExactEdges = { mask: size - 1, slots: new Int32Array(size * 4).fill(-1), bits: new Uint8Array(bits >> 3), bitMask: bits - 1 };
  // One edge at most per prefix term ("leak*"): sized to those, not to every term (the default
  // pack's table was 1 MB for its 38 prefix edges).
  const prefix = createTable(terms.filter((term) => term.endsWith('*')).length);
  // Per node: the term ending there (-1: none), whether edges of either kind leave it.
  const termAt: number[] = [-1];
  const hasChildren: boolean[] = [false];
  const hasPrefixEdges: boolean[] = [false];
  const rootExact = new Uint8Array(0x10000 >> 3);
  const rootPrefix = new Uint8Array(0x10000 >> 3);
  const rootPrefixPath = new Uint8Array(0x10000 >> 3);
  const rootFlags = createRootFlags();
  const rootPairs = new Uint8Array(PAIR_BITS >> 3);
  const rootHigh = new Uint8Array(0x10000 >> 3);
  const pairEnds = new Uint8Array(PAIR_BITS >> 3);
  const triples = new Uint8Array(PAIR_BITS >> 3);
  let prefixLengths = 0;
  let rootPrefixLengths = 0;
  let maxWords = 1;
  terms.forEach((term, id) => {
    const from = first[id]!;
    const to = first[id + 1]!;
    const count = to - from;
    if (count > maxWords) maxWords = count;
    const last = to - 1;
    const isPrefix = term.endsWith('*') && length[last]! <= MAX_PREFIX && breakBefore[last] === 0;
    let node = 0;
    for (let w = from; w < to; w++) {
      const h = hash[w]!;
      if (isPrefix && w === last) {
        insert(prefix, node, h, length[w]!, id);
        hasPrefixEdges[node] = true;
        prefixLengths |= 1 << length[w]!;
        if (node === 0) {
          setBit(rootPrefix, h);
          rootPrefixLengths |= 1 << length[w]!;
          // A one-word term's word starts the term: its shorter starts are term[0, n).
          for (let n = 1; n < length[w]!; n++) setBit(rootPrefixPath, rangeHash(term, 0, n));
        }
        break;
      }
      if (node === 0) {
        setBit(rootExact, h);
        // The scan's filter: the first two words of the term when the second is a whole word
        // after a space, else the first word alone.
        if (count === 1 || breakBefore[w + 1] === 1 || (isPrefix && count === 2)) {
          markRoot(rootFlags, h, ROOT_WORD);
          setBit(rootHigh, h >>> 16);
        } else {
          const h2 = hash[w + 1]!;
          setPairBit(rootPairs, pairKey(h, h2));
          markRoot(rootFlags, h, PAIR_FIRST);
          if (count === 2 || breakBefore[w + 2] === 1 || (isPrefix && count === 3)) setPairBit(pairEnds, pairKey(h, h2));
          else setPairBit(triples, tripleKey(h, h2, hash[w + 2]!));
        }
      }
      const { at, added } = insertExact(exact, edgeKey(node, breakBefore[w]!), h);
      if (added) {
        exact.slots[at + 2] = termAt.length;
        termAt.push(-1);
        hasChildren.push(false);
        hasPrefixEdges.push(false);
        hasChildren[node] = true;
      }
      node = exact.slots[at + 2]!;
      if (w === last && termAt[node] === -1) termAt[node] = id;
    }
  });
  // Each edge carries what the matcher needs of its child.
  for (let at = 0; at < exact.slots.length; at += 4) {
    if (exact.slots[at] === -1) continue;
    const child = exact.slots[at + 2]!;
    const mixed = slotOf(exact.slots[at]!, exact.slots[at + 1]!, 0) & exact.bitMask;
    exact.bits[mixed >> 3]! |= 1 << (mixed & 7);
    exact.slots[at + 3] = (termAt[child]! + 1) | (hasChildren[child] ? HAS_CHILDREN : 0) | (hasPrefixEdges[child] ? HAS_PREFIX_EDGES : 0);
  }
  if (terms.length >= TERM) throw new Error(`a pack holds at most ${TERM - 1} distinct terms`);
  return {
    exact,
    prefix,
    rootExact,
    rootPrefix,
    rootPrefixPath,
    rootFlags,
    rootPairs,
    rootHigh,
    pairEnds,
    triples,
    prefixLengths,
    rootPrefixLengths,
    prefixLengthList: Int8Array.from({ length: MAX_PREFIX + 1 }, (_, l) => l).filter((l) => prefixLengths & (1 << l)),
    maxWords,
  };
}

type Hit = (term: number, first: number, last: number) => void;

/** Calls `hit(term, firstWord, lastWord)` for every term found in `words`, read from `text`. */
export function matchPhrases(index: PhraseIndex, words: Words, text: string, hit: Hit): void {
  const { candidate, candidateCount, count, general, prefixHits, hash } = words;
  // Only words the scan found in the root sets can start a term. Most candidates end at the
  // root edge, or one word further: `matchFrom` reads the root edge, `walk` the rest.
  for (let c = 0; c < candidateCount; c++) {
    const i = candidate[c];
    // One-word prefix terms: the scan noted which prefix lengths hit the root set (general words: any may).
    const prefixes = general[i] === 1 ? index.rootPrefixLengths : prefixHits[i];
    if (prefixes !== 0) matchRootPrefixes(index, words, text, i, prefixes, hit);
    if (general[i] === 0 && !isRootWord(index.rootHigh, index.rootFlags[hash[i] & 0xffff], hash[i]) && !startsLongerTerm(index, words, i)) continue;
    matchFrom(index, words, text, i, count, hit);
  }
}

/**
 * Whether a term of two words or more may start at plain word i (see `pairEnds`): only such
 * terms can, not being a root word (`isRootWord`). Words of the general loop next to it may match
 * by another hash: then it may.
 */
function startsLongerTerm(index: PhraseIndex, words: Words, i: number): boolean {
  const { hash, barBefore, general, count } = words;
  if (i + 1 >= count || barBefore[i + 1] === 1) return false;
  if (general[i + 1] === 1 || hasPair(index.pairEnds, hash[i], hash[i + 1])) return true;
  if (i + 2 >= count || barBefore[i + 2] === 1) return false;
  return general[i + 2] === 1 || hasPairBit(index.triples, tripleKey(hash[i], hash[i + 1], hash[i + 2]));
}

/** `matchPhrases` for the terms that start at words from..to - 1 and end before word `to`, whatever the scan's candidates. */
export function matchWithin(index: PhraseIndex, words: Words, text: string, from: number, to: number, hit: Hit): void {
  for (let i = from; i < to; i++) matchAt(index, words, text, i, to, hit);
}

/** The terms that start at word i and end before word `end`, whatever the scan's candidates. */
export function matchAt(index: PhraseIndex, words: Words, text: string, i: number, end: number, hit: Hit): void {
  if (index.rootPrefixLengths !== 0) matchRootPrefixes(index, words, text, i, index.rootPrefixLengths, hit);
  // Most words start no term: their root bit says so without a call.
  const { rootExact } = index;
  if (hasBit(rootExact, words.hash[i]) || (words.general[i] === 1 && hasBit(rootExact, words.alt[i]))) matchFrom(index, words, text, i, end, hit);
}

/** The whole-word terms that start at word i and end before word `end`: the root edge here, deeper ones in `walk`. */
function matchFrom(index: PhraseIndex, words: Words, text: string, i: number, end: number, hit: Hit): void {
  const at = rootEdge(index, words, i);
  if (at < 0) return;
  const info = index.exact.slots[at + 3];
  if ((info & TERM) !== 0) hit((info & TERM) - 1, i, i);
  if ((info & (HAS_CHILDREN | HAS_PREFIX_EDGES)) !== 0) walk(index, words, text, i, at, end, hit);
}

/** The root edge of word i (by its hash, or its hash with letter runs capped at two), or -1. */
function rootEdge(index: PhraseIndex, words: Words, i: number): number {
  const { rootExact, exact } = index;
  const h = words.hash[i];
  const at = hasBit(rootExact, h) ? findExact(exact, 0, h) : -1;
  if (at >= 0 || words.general[i] === 0) return at;
  const alt = words.alt[i];
  return alt !== h && hasBit(rootExact, alt) ? findExact(exact, 0, alt) : -1;
}

/** One-word prefix terms at word i, for the prefix lengths in `lengthBits` (bit L: length L). */
function matchRootPrefixes(index: PhraseIndex, words: Words, text: string, i: number, lengthBits: number, hit: Hit): void {
  const lengths = index.prefixLengthList;
  for (let k = 0; k < lengths.length && lengths[k] <= wordSize(words, i); k++) {
    if ((lengthBits & (1 << lengths[k])) === 0) continue;
    const h = prefixHash(words, text, i, lengths[k]);
    if (!hasBit(index.rootPrefix, h)) continue;
    const term = lookup(index.prefix, 0, h, lengths[k]);
    if (term >= 0) hit(term, i, i);
  }
}

/** The terms that start at word i and go on past the root edge at slot `at`, ending before word `end`. */
function walk(index: PhraseIndex, words: Words, text: string, i: number, at: number, end: number, hit: Hit): void {
  const { barBefore } = words;
  const { exact, maxWords } = index;
  const slots = exact.slots;
  let info = slots[at + 3];
  for (let j = i + 1; j < end && j - i < maxWords; j++) {
    const node = slots[at + 2];
    if ((info & HAS_PREFIX_EDGES) !== 0 && !barBefore[j]) matchPrefixes(index, words, text, node, i, j, hit);
    if ((info & HAS_CHILDREN) === 0) return;
    at = childEdge(exact, words, node, j);
    if (at < 0) return;
    info = slots[at + 3];
    if ((info & TERM) !== 0) hit((info & TERM) - 1, i, j);
  }
}

/** The whole-word edge from `node` to word j (by its hash, or its hash with letter runs capped at two), or -1. */
function childEdge(exact: ExactEdges, words: Words, node: number, j: number): number {
  const key = edgeKey(node, words.barBefore[j]);
  const h = words.hash[j];
  let mixed = slotOf(key, h, 0);
  let at = hasEdgeBit(exact, mixed) ? probeExact(exact, key, h, mixed) : -1;
  if (at < 0 && words.general[j] === 1 && words.alt[j] !== h) {
    mixed = slotOf(key, words.alt[j], 0);
    at = hasEdgeBit(exact, mixed) ? probeExact(exact, key, words.alt[j], mixed) : -1;
  }
  return at;
}

function matchPrefixes(index: PhraseIndex, words: Words, text: string, node: number, first: number, j: number, hit: Hit): void {
  const lengths = index.prefixLengthList;
  const size = wordSize(words, j);
  for (let k = 0; k < lengths.length && lengths[k] <= size; k++) {
    const term = lookup(index.prefix, node, prefixHash(words, text, j, lengths[k]), lengths[k]);
    if (term >= 0) hit(term, first, j);
  }
}
