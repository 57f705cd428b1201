import { normalizeTerm } from '../engine/normalize';
import { hashEntry } from '../engine/termHash';

/** The `hashes:` entry for a phrase (1 to 4 words) of a hashed-terms rule. */
export function hashTerm(salt: string, phrase: string): string {
  return hashEntry(salt, normalizeTerm(phrase));
}
