// Hashed terms: for each secret phrase the pack holds two 16-bit buckets, one of its first word
// and one of the whole phrase, then the SHA-256 of salt + phrase. The first-word bucket is the
// low 16 bits of the word's hash, as the word scan computes it, xor the salt's: the scan finds
// such words with the one table lookup it makes for every word anyway (see `HASHED_FIRST` in
// words.ts). The engine then tests the phrase bucket, a salted hash of the 1-4 words from there,
// and computes SHA-256 only when both match. Neither bucket tells more than the digest: with the
// salt, which the pack holds, any guess can be checked against the digest itself.
// Entry format: "2:ffff:pppp:<64 hex>" (version 2; the first version salted the first-word
// bucket too, and had to be computed for every word of every post).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const MAX_HASHED_WORDS = 4;

/** FNV-1a over chars[start, end). */
export function wordHash(chars: ArrayLike<number>, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ chars[i], 0x01000193);
  return h >>> 0;
}

/** `wordHash` of a normalised word's UTF-16 units, as a signed 32-bit int (as the word scan keeps them). */
export const stringHash = (word: string): number => rangeHash(word, 0, word.length);

/** `stringHash` of text[from, to), so that a term's words need not be cut out of it. */
export function rangeHash(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

export function saltSeed(salt: string): number {
  const codes = Array.from(salt, (c) => c.charCodeAt(0));
  return wordHash(codes, 0, codes.length);
}

/**
 * Adds one word (its FNV-1a hash) to a salted window key. An int32 (unsigned, it would be a
 * double in the engine's word loop); `bucketOf` reads the same bits either way.
 */
export function mixKey(key: number, word: number): number {
  const k = Math.imul(key ^ word, 0x9e3779b1);
  return k ^ (k >>> 15);
}

export const bucketOf = (key: number): number => (key ^ (key >>> 16)) & 0xffff;

export function phraseDigest(salt: string, normalizedPhrase: string): string {
  return bytesToHex(sha256(utf8ToBytes(salt + normalizedPhrase)));
}

/** The first-word bucket of a word whose scan hash is `word`, for a salt whose seed is `seed`. */
export const firstWordBucket = (seed: number, word: number): number => (seed ^ word) & 0xffff;

/** The pack entry for an already normalised phrase (words joined by single spaces). */
export function hashEntry(salt: string, normalizedPhrase: string): string {
  const hex4 = (n: number) => n.toString(16).padStart(4, '0');
  const seed = saltSeed(salt);
  let key = seed;
  let first = -1;
  for (const word of normalizedPhrase.split(' ')) {
    const codes = Array.from(word, (c) => c.charCodeAt(0));
    const h = wordHash(codes, 0, codes.length);
    key = mixKey(key, h);
    if (first === -1) first = firstWordBucket(seed, h);
  }
  return `2:${hex4(first)}:${hex4(bucketOf(key))}:${phraseDigest(salt, normalizedPhrase)}`;
}

/** A pack entry of the current version (see the format above). */
export const HASH_ENTRY = /^2:[0-9a-f]{4}:[0-9a-f]{4}:[0-9a-f]{64}$/;
