// Hashed terms: the pack holds, for each secret phrase, a 16-bit bucket of a fast salted hash
// (a prefilter the engine checks for every window of 1-4 words at almost no cost) and the
// SHA-256 of salt + phrase (checked only on a bucket hit). Entry format: "bbbb:<64 hex>".
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const MAX_HASHED_WORDS = 4;

/** FNV-1a over chars[start, end). */
export function wordHash(chars: ArrayLike<number>, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ chars[i], 0x01000193);
  return h >>> 0;
}

export function saltSeed(salt: string): number {
  const codes = Array.from(salt, (c) => c.charCodeAt(0));
  return wordHash(codes, 0, codes.length);
}

/** Adds one word to a window key. */
export function extendKey(key: number, word: number): number {
  let k = Math.imul(key ^ word, 0x9e3779b1);
  k ^= k >>> 15;
  return k >>> 0;
}

export const bucketOf = (key: number): number => (key ^ (key >>> 16)) & 0xffff;

export function phraseDigest(salt: string, normalizedPhrase: string): string {
  return bytesToHex(sha256(utf8ToBytes(salt + normalizedPhrase)));
}

/** The pack entry for an already normalised phrase (words joined by single spaces). */
export function hashEntry(salt: string, normalizedPhrase: string): string {
  let key = saltSeed(salt);
  for (const word of normalizedPhrase.split(' ')) {
    const codes = Array.from(word, (c) => c.charCodeAt(0));
    key = extendKey(key, wordHash(codes, 0, codes.length));
  }
  return `${bucketOf(key).toString(16).padStart(4, '0')}:${phraseDigest(salt, normalizedPhrase)}`;
}
