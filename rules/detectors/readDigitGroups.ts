import { isAsciiDigit } from './isAsciiDigit';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

export interface DigitGroups {
  /** The digits, separators removed. */
  digits: string;
  /** Length of each group, in order. */
  groups: number[];
  /** Char code of the separator used between groups, or -1 for a single bare run. */
  separator: number;
  /** Offset just after the last digit read. */
  end: number;
}

/**
 * Reads the run of digit groups starting at `start` (a digit). Groups are split by exactly one
 * separator char accepted by `isSeparator`, the same char throughout, and a separator only counts
 * when a digit follows it. Reads the whole run, however long, so callers can skip past it.
 */
export function readDigitGroups(text: string, start: number, isSeparator: (code: number) => boolean): DigitGroups {
  const groups: number[] = [];
  let digits = '';
  let separator = -1;
  let i = start;
  const n = text.length;
  for (;;) {
    const groupStart = i;
    while (i < n && isAsciiDigit(charCodeAt.call(text, i))) i++;
    groups.push(i - groupStart);
    // Long adversarial runs are rejected by every caller anyway: stop copying, keep skipping.
    if (digits.length < 64) digits += text.slice(groupStart, i);
    if (i + 1 >= n) break;
    const c = charCodeAt.call(text, i);
    if (!isSeparator(c) || (separator !== -1 && c !== separator) || !isAsciiDigit(charCodeAt.call(text, i + 1))) break;
    separator = c;
    i++;
  }
  return { digits, groups, separator, end: i };
}
