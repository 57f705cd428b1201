// Terms as paths of word hashes: a trie whose edges live in open-addressing tables keyed by
// (node, word hash). Matching costs one bit test for most words of a text (is this word the
// first word of any term?) and a table probe for the rest.
import { altHash, createRootFlags, hasBit, markRoot, MAX_PREFIX, PAIR_BITS, PAIR_FIRST, pairKey, prefixHash, ROOT_WORD, setBit, wordSize, type WordFilter, type Words } from './words';
import { stringHash } from './termHash';

export interface PhraseIndex extends WordFilter {
  /** 65,536-bit filter of the word hashes (low bits) leaving the root. */
  rootExact: Uint8Array;
  /** Edges: node → child by the hash of a whole word. */
  exact: EdgeTable;
  /** Edges that end a prefix term ("leak*"), by the hash of the word's first L chars; value = term. */
  prefix: EdgeTable;
  /** Term ending at each node, or -1. */
  termAt: Int32Array;
  /** 1 for nodes with prefix edges (to a term whose last word is a prefix). */
  hasPrefixEdge: Uint8Array;
  /** `prefixLengths` (the lengths of the prefix terms' last words), ascending. */
  prefixLengthList: Int8Array;
  maxWords: number;
}

interface EdgeTable {
  mask: number;
  /** Slot i is slots[4i .. 4i + 4): node (-1 when free), word hash, length or edge kind, value. One cache line per probe. */
  slots: Int32Array;
}

function createTable(entries: number): EdgeTable {
  let size = 16;
  while (size < entries * 2) size *= 2;
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

const setPairBit = (bits: Uint8Array, first: number, second: number): void => {
  const k = pairKey(first, second);
  bits[k >> 3] |= 1 << (k & 7);
};


/** Edge kinds besides prefix lengths: a whole word after a space, or after a hard break. */
const AFTER_SPACE = 0;
const AFTER_BREAK = -1;

/** "oh hisse|encule" → oh, hisse, encule (after a break). */
function splitTerm(term: string): { word: string; afterBreak: boolean }[] {
  return term.split('|').flatMap((part, k) => part.split(' ').map((word, i) => ({ word, afterBreak: k > 0 && i === 0 })));
}

/**
 * Terms are normalised: words joined by ' ', or by '|' where the term holds sentence punctuation;
 * a trailing `*` makes the last word a prefix.
 */
export function buildPhraseIndex(terms: readonly string[]): PhraseIndex {
  const paths = terms.map((t) => splitTerm(t.endsWith('*') ? t.slice(0, -1) : t));
  // Terms share their first words ("not yet announced", "not yet public"): count each edge once.
  const edges = new Set<string>();
  for (const path of paths) {
    let key = '';
    for (const { word, afterBreak } of path) edges.add((key += (afterBreak ? '|' : ' ') + word));
  }
  const exact = createTable(edges.size);
  const prefix = createTable(terms.length);
  const termAt: number[] = [-1];
  const rootExact = new Uint8Array(0x10000 >> 3);
  const rootPrefix = new Uint8Array(0x10000 >> 3);
  const rootFlags = createRootFlags();
  const rootPairs = new Uint8Array(PAIR_BITS >> 3);
  let prefixLengths = 0;
  let rootPrefixLengths = 0;
  const prefixNodes = new Set<number>();
  terms.forEach((term, id) => {
    const path = paths[id]!;
    const last = path[path.length - 1]!;
    const isPrefix = term.endsWith('*') && last.word.length <= MAX_PREFIX && !last.afterBreak;
    let node = 0;
    path.forEach(({ word, afterBreak }, i) => {
      const h = stringHash(word);
      if (isPrefix && i === path.length - 1) {
        insert(prefix, node, h, word.length, id);
        prefixNodes.add(node);
        prefixLengths |= 1 << word.length;
        if (node === 0) {
          setBit(rootPrefix, h);
          rootPrefixLengths |= 1 << word.length;
        }
        return;
      }
      if (node === 0) {
        setBit(rootExact, h);
        // The scan's filter: the first two words of the term when the second is a whole word
        // after a space, else the first word alone.
        const second = path[1];
        if (second === undefined || second.afterBreak || (isPrefix && path.length === 2)) markRoot(rootFlags, h, ROOT_WORD);
        else {
          setPairBit(rootPairs, h, stringHash(second.word));
          markRoot(rootFlags, h, PAIR_FIRST);
        }
      }
      const child = insert(exact, node, h, afterBreak ? AFTER_BREAK : AFTER_SPACE, termAt.length);
      if (child === termAt.length) termAt.push(-1);
      node = child;
      if (i === path.length - 1 && termAt[node] === -1) termAt[node] = id;
    });
  });
  return {
    exact,
    prefix,
    termAt: Int32Array.from(termAt),
    hasPrefixEdge: Uint8Array.from(termAt, (_, node) => (prefixNodes.has(node) ? 1 : 0)),
    rootExact,
    rootPrefix,
    rootFlags,
    rootPairs,
    prefixLengths,
    rootPrefixLengths,
    prefixLengthList: Int8Array.from({ length: MAX_PREFIX + 1 }, (_, l) => l).filter((l) => prefixLengths & (1 << l)),
    maxWords: Math.max(1, ...paths.map((p) => p.length)),
  };
}


/** Calls `hit(term, firstWord, lastWord)` for every term found in `words`, read from `text`. */
export function matchPhrases(index: PhraseIndex, words: Words, text: string, hit: (term: number, first: number, last: number) => void): void {
  const { hash, barBefore, count, candidate, candidateCount } = words;
  const { exact, termAt, hasPrefixEdge, rootExact, rootPrefix, rootPrefixLengths, prefixLengthList: lengths, maxWords } = index;
  // Only words the scan found in the root sets can start a term.
  for (let c = 0; c < candidateCount; c++) {
    const i = candidate[c];
    // Words are matched from the root far more often than anywhere else: that level is inlined.
    // One-word prefix terms: the scan noted which prefix lengths hit the root set.
    const hits = words.general[i] === 1 ? rootPrefixLengths : words.prefixHits[i];
    for (let k = 0; hits !== 0 && k < lengths.length && lengths[k] <= wordSize(words, i); k++) {
      if ((hits & (1 << lengths[k])) === 0) continue;
      const h = prefixHash(words, text, i, lengths[k]);
      if (!hasBit(rootPrefix, h)) continue;
      const term = lookup(index.prefix, 0, h, lengths[k]);
      if (term >= 0) hit(term, i, i);
    }
    let node = hasBit(rootExact, hash[i]) ? lookup(exact, 0, hash[i], AFTER_SPACE) : -1;
    if (node < 0 && altHash(words, i) !== hash[i] && hasBit(rootExact, altHash(words, i))) node = lookup(exact, 0, altHash(words, i), AFTER_SPACE);
    if (node < 0) continue;
    if (termAt[node] >= 0) hit(termAt[node], i, i);
    for (let j = i + 1; j < count && j - i < maxWords; j++) {
      if (hasPrefixEdge[node] === 1 && !barBefore[j]) matchPrefixes(index, words, text, node, i, j, hit);
      const kind = barBefore[j] ? AFTER_BREAK : AFTER_SPACE;
      const next = lookup(exact, node, hash[j], kind);
      node = next < 0 && altHash(words, j) !== hash[j] ? lookup(exact, node, altHash(words, j), kind) : next;
      if (node < 0) break;
      if (termAt[node] >= 0) hit(termAt[node], i, j);
    }
  }
}

function matchPrefixes(index: PhraseIndex, words: Words, text: string, node: number, first: number, j: number, hit: (term: number, first: number, last: number) => void): void {
  const lengths = index.prefixLengthList;
  const size = wordSize(words, j);
  for (let k = 0; k < lengths.length && lengths[k] <= size; k++) {
    const term = lookup(index.prefix, node, prefixHash(words, text, j, lengths[k]), lengths[k]);
    if (term >= 0) hit(term, first, j);
  }
}
