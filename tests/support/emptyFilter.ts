import { PAIR_BITS, type WordFilter } from '../../rules/engine/words';

/** A word filter with no terms (every root set empty), keeping prefix snapshots of the given lengths (bit L = length L). */
export function emptyFilter(prefixLengths = 0): WordFilter {
  return {
    prefixLengths,
    rootPrefixLengths: 0,
    rootPrefix: new Uint8Array(0x2000),
    rootWords: new Uint8Array(0x2000),
    rootPairs: new Uint8Array(PAIR_BITS >> 3),
    rootPairFirsts: new Uint8Array(0x2000),
  };
}
