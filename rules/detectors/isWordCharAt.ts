/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

/** True when `text[i]` is a letter, digit, combining mark or `_` in any script; false outside the string. */
export function isWordCharAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = charCodeAt.call(text, i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  // A lone surrogate half never matches, which is the right answer for emoji and broken text.
  return LETTER_OR_DIGIT.test(text[i]!);
}
