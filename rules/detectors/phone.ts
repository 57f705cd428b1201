import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import type { Detector } from './types';
import { isWordCharAt } from './isWordCharAt';
import { isAsciiAlnum } from './isAsciiAlnum';
import { isAsciiDigit } from './isAsciiDigit';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

/**
 * Seven digits with at most two separator chars between neighbours: every phone number we accept
 * starts like this, and ordinary prose almost never does. Unrolled so V8 can pre-check it quickly.
 */
const S = '[ .\\-\\u00A0\\u202F()]{0,2}';
const CANDIDATE = new RegExp(`\\d${S}\\d${S}\\d${S}\\d${S}\\d${S}\\d${S}\\d`, 'g');

const MIN_DIGITS = 8;
/** The shortest run of digits CANDIDATE accepts (see MAY_MATCH in index.ts). */
export const PHONE_MIN_DIGIT_RUN = 7;
const MAX_DIGITS = 15;

/** Words that make a bare run of digits a reference rather than a phone number. */
const REFERENCE_CONTEXT =
  /(?:\b(?:order|invoice|ref|réf|no|nr|num|number|commande|facture|ticket|tracking|suivi|colis|account|compte|id)\.?|#|n°|nº)\W{0,4}$/i;

/** The names of lotteries, for the two contexts below. */
const LOTTERY = 'loto|lotto|euro ?millions?|lottery|powerball|mega ?millions|keno';

/** Words of a lottery draw right before the digits: "Loto de samedi : 07 12 23 34 41" reads as a phone number. */
const LOTTERY_CONTEXT = new RegExp(`\\b(?:${LOTTERY}|num[ée]ros gagnants|winning numbers|ma grille)\\b[^.!?\\n\\d]{0,24}$`, 'i');

/** A lottery word further back, with figures between ("Mes numéros au loto depuis 20 ans : 06 12 24 33 41"): see `looksLikeDraw`. */
const LOTTERY_BEFORE = new RegExp(`\\b(?:${LOTTERY})\\b[^.!?\\n]{0,50}$`, 'i');

/** Five or six groups of two digits in rising order, none past 50: the numbers of a draw, not a phone number. */
function looksLikeDraw(groups: readonly string[]): boolean {
  if (groups.length < 5 || groups.length > 6) return false;
  let previous = -1;
  for (const group of groups) {
    const n = Number(group);
    if (group.length !== 2 || n <= previous || n > 50) return false;
    previous = n;
  }
  return true;
}

function isSpaceSeparator(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f;
}

interface Run {
  start: number;
  end: number;
  plus: boolean;
  groups: string[];
  /** Index of the only group written in parentheses, or -1. */
  parenGroup: number;
  /** False when the run cannot be a phone number (too many groups, unbalanced parenthesis). */
  plausible: boolean;
}

const MAX_GROUPS = 12;

/**
 * Reads digit groups from `first` (a digit) to the end of the run: between two groups at most one
 * of space/./- plus optionally one parenthesis, as in "(415) 555", "+33 (0)6" or "06.12".
 */
function readRun(text: string, first: number): Run {
  const n = text.length;
  const before = first > 0 ? charCodeAt.call(text, first - 1) : -1;
  const plus = before === 43; /* + */
  const leadingParen = before === 40; /* ( */
  const groups: string[] = [];
  let inParen = leadingParen;
  let openedAt = leadingParen ? 0 : -1;
  let parenGroup = -1;
  let plausible = true;
  let j = first;
  for (;;) {
    const g = j;
    while (j < n && isAsciiDigit(charCodeAt.call(text, j))) j++;
    if (groups.length < MAX_GROUPS) groups.push(text.slice(g, j));
    else plausible = false;
    let k = j;
    let closed = false;
    if (inParen && charCodeAt.call(text, k) === 41 /* ) */) {
      closed = true;
      inParen = false;
      if (openedAt === groups.length - 1) parenGroup = openedAt;
      k++;
    }
    const c = k < n ? charCodeAt.call(text, k) : -1;
    if (isSpaceSeparator(c) || c === 46 || c === 45) k++;
    let opened = false;
    if (!closed && !inParen && charCodeAt.call(text, k) === 40 /* ( */) {
      opened = true;
      k++;
    }
    if (k > j && k < n && isAsciiDigit(charCodeAt.call(text, k))) {
      if (opened) {
        inParen = true;
        openedAt = groups.length;
      }
      j = k;
      continue;
    }
    break;
  }
  let start = plus || leadingParen ? first - 1 : first;
  // "(06 12 34 56 78)": the parenthesis wraps the whole number and is not part of it.
  if (leadingParen && parenGroup !== 0) start = first;
  if (inParen && openedAt !== 0) plausible = false;
  return { start, end: j, plus, groups, parenGroup, plausible };
}

/**
 * Whether a space and a short token of letters and digits mixed come right before `at` ("6A 0412
 * 3345 678", "1Z 999…"): the digits go on a code, such as a parcel's tracking number, and a phone
 * number never follows one.
 */
function followsMixedCode(text: string, at: number): boolean {
  if (at < 3 || charCodeAt.call(text, at - 1) !== 32) return false;
  let k = at - 1;
  let letter = false;
  let digit = false;
  for (; k > 0 && at - 1 - k < 8; k--) {
    const c = charCodeAt.call(text, k - 1);
    if (!isAsciiAlnum(c)) break;
    if (isAsciiDigit(c)) digit = true;
    else letter = true;
  }
  return letter && digit && !isWordCharAt(text, k - 1);
}

function hasValidSurroundings(text: string, start: number, end: number): boolean {
  const p = start > 0 ? charCodeAt.call(text, start - 1) : -1;
  if (isWordCharAt(text, start - 1) || followsMixedCode(text, start)) return false;
  // Part of an amount, a reference, a path or an expression: "€06 ...", "#0612...", "-0612", "1.06 ..."
  if (p === 46 || p === 44 || p === 45 || p === 47 || p === 35 || p === 64 || p === 36 || p === 0x20ac || p === 0xa3 || p === 0xa5 || p === 61 || p === 38 || p === 42 || p === 43 || p === 95) return false;
  if (isWordCharAt(text, end)) return false;
  const c = end < text.length ? charCodeAt.call(text, end) : -1;
  if (c === 37 || c === 0x20ac || c === 36 || c === 0xa3 || c === 0xb0 || c === 0x2030) return false;
  if ((c === 46 || c === 44 || c === 58 || c === 47 || c === 45) && isAsciiDigit(charCodeAt.call(text, end + 1))) return false;
  return true;
}

function isValidIn(digits: string, country?: CountryCode, layoutIsStrict = false): boolean {
  const parsed = parsePhoneNumberFromString(digits, country);
  if (!parsed) return false;
  // In a strict national layout the layout itself is strong evidence; accepting possible numbers
  // keeps ranges the bundled metadata calls unassigned (new ranges, reserved ranges) flagged.
  return parsed.isValid() || (layoutIsStrict && parsed.isPossible());
}

function allLengths(groups: string[], len: number, from = 0): boolean {
  for (let i = from; i < groups.length; i++) if (groups[i]!.length !== len) return false;
  return true;
}

function isInternational(run: Run): boolean {
  const groups = run.groups.slice();
  // "+33 (0)6 ..." and "+44 (0)20 ...": the trunk prefix in parentheses is not dialled.
  if (run.parenGroup > 0 && groups[run.parenGroup] === '0') groups.splice(run.parenGroup, 1);
  let digits = groups.join('');
  if (!run.plus) digits = digits.slice(2);
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return false;
  return isValidIn('+' + digits);
}

function isNational(text: string, run: Run): boolean {
  const groups = run.groups;
  const digits = groups.join('');
  const count = groups.length;
  const bare = count === 1;
  if (bare && REFERENCE_CONTEXT.test(text.slice(Math.max(0, run.start - 24), run.start))) return false;
  if (LOTTERY_CONTEXT.test(text.slice(Math.max(0, run.start - 40), run.start))) return false;
  if (looksLikeDraw(groups) && LOTTERY_BEFORE.test(text.slice(Math.max(0, run.start - 80), run.start))) return false;
  const paren = run.parenGroup;
  if (charCodeAt.call(digits, 0) === 48 /* 0 */ && charCodeAt.call(digits, 1) !== 48) {
    // France: 06 12 34 56 78, 01.23.45.67.89, 06-12-34-56-78; bare only for mobiles (06/07).
    if (digits.length === 10 && paren === -1) {
      if (count === 5 && allLengths(groups, 2)) return isValidIn(digits, 'FR', true);
      if (bare && (digits[1] === '6' || digits[1] === '7') && isValidIn(digits, 'FR')) return true;
    }
    // UK: 020 7946 0958, 0161 496 0000, 07911 123456, (020) 7946 0958.
    if ((digits.length === 10 || digits.length === 11) && (paren === -1 || paren === 0)) {
      if (count >= 2 && count <= 3 && groups[0]!.length >= 3 && groups[0]!.length <= 5) {
        for (let i = 1; i < count; i++) if (groups[i]!.length < 3) return false;
        return isValidIn(digits, 'GB', true);
      }
      if (bare && digits.length === 11 && digits[1] === '7') return isValidIn(digits, 'GB');
    }
    return false;
  }
  // US/Canada: (415) 555-2671, 415-555-2671, 415.555.2671, 1-415-555-2671.
  const offset = count === 4 && groups[0] === '1' ? 1 : 0;
  if (count - offset !== 3 || (paren !== -1 && paren !== offset)) return false;
  if (groups[offset]!.length !== 3 || groups[offset + 1]!.length !== 3 || groups[offset + 2]!.length !== 4) return false;
  const ten = digits.slice(offset);
  if (charCodeAt.call(ten, 0) < 50 || charCodeAt.call(ten, 3) < 50) return false; // area code and exchange start with 2-9
  return isValidIn(ten, 'US', true);
}

/**
 * Phone numbers: international ("+33 6 12 34 56 78", "0044 20 7946 0958") in any country, and the
 * national layouts of France, the UK and the US. Cheap shape checks come first; libphonenumber
 * (min metadata) only sees the few candidates that look like a phone number.
 */
export const phone: Detector = (text, out) => {
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null) {
    const first = m.index;
    const run = readRun(text, first);
    CANDIDATE.lastIndex = Math.max(first + 1, run.end);
    if (!run.plausible) continue;
    // The tail of a longer run that the scanner broke off ("12   34 56 78 90 12").
    const before = first > 0 ? charCodeAt.call(text, first - 1) : -1;
    if (isAsciiDigit(before) || (!run.plus && before !== 40 && isAsciiDigit(charCodeAt.call(text, first - 2)))) continue;
    if (!hasValidSurroundings(text, run.start, run.end)) continue;
    const international = run.plus || run.groups[0]!.startsWith('00');
    if (international ? isInternational(run) : isNational(text, run)) out.push({ start: run.start, end: run.end });
  }
};
