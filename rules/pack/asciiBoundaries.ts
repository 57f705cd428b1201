// RE2's `\b` is an ASCII word boundary: "é", "à" or "ç" count as non-word characters, so
// `\b[ée]crivez` never matches "écrivez" after a space and `accord[ée]e [àa]\b` never matches
// "à" before one. The pattern then silently misses the French words it was written for. This
// finds each `\b` written next to something that may match a non-ASCII letter, so that `postguard
// test` can name it. It reads the pattern's structure (sequences, groups and their alternatives,
// classes) just far enough for that, and stays quiet where it cannot tell.

/** One piece of a pattern, as far as this check needs: what it may start and end with. */
interface Item {
  boundary: boolean;
  /** Whether a match of the item may start (`first`) or end (`last`) with a non-ASCII letter. */
  first: boolean;
  last: boolean;
  /**
   * An optional ASCII letter or letter class ("s?" in `[ée]s?\b`): the letter before it may
   * touch the `\b` too. (Other optional items, `[^.!?]{0,40}?`, stand for the gap between words.)
   */
  optionalLetter: boolean;
  /** Where the item starts in the pattern (for `\b`: the backslash). */
  at: number;
}

const NON_ASCII_LETTER = /[^\x00-\x7f]/u;
const isNonAsciiLetter = (char: string): boolean => NON_ASCII_LETTER.test(char) && /\p{L}/u.test(char);

/**
 * Offsets of the `\b` escapes in `pattern` that touch an atom that may match a non-ASCII letter:
 * a literal letter, a class holding one (or a `\p{…}` letter class), or a group one of whose
 * alternatives starts (after the `\b`) or ends (before it) with one. Empty when there are none
 * or when the pattern is not one this reader follows. With `letterClasses` false, `\p{L…}`
 * classes do not count: only the accented letters written out ("[ée]", "à").
 */
export function asciiBoundaryMisses(pattern: string, letterClasses = true): number[] {
  const misses: number[] = [];
  let i = 0;

  function alternatives(): Item[][] {
    const alts: Item[][] = [[]];
    while (i < pattern.length) {
      const c = pattern[i]!;
      if (c === ')') break;
      if (c === '|') {
        i++;
        alts.push([]);
        continue;
      }
      const item = atom();
      if (item) alts[alts.length - 1]!.push(item);
    }
    for (const sequence of alts) check(sequence);
    return alts;
  }

  function check(sequence: Item[]): void {
    for (let k = 0; k < sequence.length; k++) {
      if (!sequence[k]!.boundary) continue;
      if (touches(sequence, k, -1) || touches(sequence, k, 1)) misses.push(sequence[k]!.at);
    }
  }

  /** Whether the items on one side (`step` -1: before, 1: after) of sequence[k] may put a non-ASCII letter next to it. */
  function touches(sequence: Item[], k: number, step: number): boolean {
    for (let j = k + step; j >= 0 && j < sequence.length; j += step) {
      const item = sequence[j]!;
      if (item.boundary) continue;
      if (step < 0 ? item.last : item.first) return true;
      if (!item.optionalLetter) return false;
    }
    return false;
  }

  /** Skips a quantifier; returns whether it allows zero repetitions. */
  function quantifier(): boolean {
    const c = pattern[i];
    let optional = false;
    if (c === '?' || c === '*' || c === '+') {
      optional = c !== '+';
      i++;
    } else if (c === '{') {
      const close = pattern.indexOf('}', i);
      const m = close === -1 ? null : /^\{(\d+)(?:,\d*)?\}$/.exec(pattern.slice(i, close + 1));
      if (m) {
        optional = Number(m[1]) === 0;
        i = close + 1;
      }
    }
    if (pattern[i] === '?') i++; // lazy
    return optional;
  }

  function atom(): Item | undefined {
    const at = i;
    const c = pattern[i]!;
    let first = false;
    let last = false;
    let boundary = false;
    let letter = false;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (next === 'b') {
        boundary = true;
        i += 2;
      } else if (next === 'p' || next === 'P') {
        const braced = pattern[i + 2] === '{';
        const end = braced ? pattern.indexOf('}', i) + 1 : i + 3;
        const name = pattern.slice(i + 2, end);
        first = last = letterClasses && next === 'p' && /^\{?L/.test(name);
        i = end > i ? end : i + 2;
      } else i += 2;
    } else if (c === '[') {
      const end = classEnd(i);
      const body = pattern.slice(i + 1, end);
      first = last = !body.startsWith('^') && ([...body].some(isNonAsciiLetter) || (letterClasses && /\\p\{?L/.test(body)));
      letter = /^[a-zA-Z-]+$/.test(body);
      i = end + 1;
    } else if (c === '(') {
      i++;
      // (?:, (?i:, (?P<name>, (?flags)
      if (pattern[i] === '?') {
        const m = /^\?(?:P<\w+>|[a-zA-Z-]*:|[a-zA-Z-]*\))/.exec(pattern.slice(i));
        i += m ? m[0].length : 1;
        if (m && m[0].endsWith(')')) return undefined; // a flag group sets flags and matches nothing
      }
      const alts = alternatives();
      i++; // ')'
      first = alts.some((sequence) => firstOf(sequence));
      last = alts.some((sequence) => lastOf(sequence));
    } else {
      first = last = isNonAsciiLetter(String.fromCodePoint(pattern.codePointAt(i)!));
      letter = /[a-zA-Z]/.test(c);
      i += (pattern.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    }
    const optional = quantifier();
    return { boundary, first, last, optionalLetter: optional && letter, at };
  }

  /** The index of the `]` that closes the class opened at `open`. */
  function classEnd(open: number): number {
    let k = open + 1;
    if (pattern[k] === '^') k++;
    if (pattern[k] === ']') k++; // a leading ] is a literal
    for (; k < pattern.length; k++) {
      if (pattern[k] === '\\') k++;
      else if (pattern[k] === ']') return k;
    }
    return pattern.length - 1;
  }

  // What a group's alternative may start or end with: its first (last) item that is not a
  // boundary, and the ones after (before) it while they are optional.
  const firstOf = (sequence: Item[]): boolean => touches(sequence, -1, 1);
  const lastOf = (sequence: Item[]): boolean => touches(sequence, sequence.length, -1);

  while (i < pattern.length) {
    alternatives();
    if (i < pattern.length) i++; // an unbalanced ')': skip it and go on
  }
  return misses.sort((a, b) => a - b);
}
