import type { Detector } from './types';
import { isWordCharAt } from './isWordCharAt';
import { readDigitGroups } from './readDigitGroups';
import { isAsciiDigit } from './isAsciiDigit';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

/** Eight digits, maybe split after four: how every card number starts. Unrolled for a fast pre-check. */
const CANDIDATE = /\d\d\d\d[ \-\u00A0]?\d\d\d\d/g;
/** The shortest run of digits CANDIDATE accepts (see MAY_MATCH in index.ts). */
export const CARD_MIN_DIGIT_RUN = 8;

function isCardSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 0xa0;
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = charCodeAt.call(digits, i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer identification ranges and the lengths each issuer uses. */
function hasKnownIssuer(digits: string): boolean {
  const len = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === '4') return len === 13 || len === 16 || len === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return len === 15; // American Express
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) return len >= 16; // Discover
  if (p4 >= 3528 && p4 <= 3589) return len >= 16; // JCB
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return len >= 14; // Diners Club
  if (p2 === 62 || p2 === 81) return len >= 16; // UnionPay
  if ([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].includes(p4)) return len >= 13; // Maestro
  return false;
}

/** 4-4-4-4(-3) and shorter final groups, Amex 4-6-5, Diners 4-6-4, or one bare run. */
function hasCardLayout(groups: number[]): boolean {
  if (groups.length === 1) return true;
  if (groups.length === 3 && groups[0] === 4 && groups[1] === 6 && (groups[2] === 5 || groups[2] === 4)) return true;
  if (groups.length < 4) return false;
  for (let i = 0; i < groups.length - 1; i++) if (groups[i] !== 4) return false;
  return groups[groups.length - 1]! >= 1 && groups[groups.length - 1]! <= 4;
}

/**
 * Payment card numbers: 13 to 19 digits, bare or grouped by spaces or dashes, that pass the Luhn
 * check and start with a known issuer prefix of the right length.
 */
export const paymentCard: Detector = (text, out) => {
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null) {
    const start = m.index;
    const run = readDigitGroups(text, start, isCardSeparator);
    CANDIDATE.lastIndex = Math.max(start + 1, run.end);
    const p = start > 0 ? charCodeAt.call(text, start - 1) : -1;
    // Glued to a word, a decimal, a longer number or a reference: "ID4111...", "1.4111...", "#4111..."
    if (isWordCharAt(text, start - 1) || p === 46 || p === 44 || p === 35 || p === 47) continue;
    if (isCardSeparator(p) && isAsciiDigit(charCodeAt.call(text, start - 2))) continue;
    const end = run.end;
    if (isWordCharAt(text, end)) continue;
    const c = end < text.length ? charCodeAt.call(text, end) : -1;
    if ((c === 46 || c === 44 || c === 47) && isAsciiDigit(charCodeAt.call(text, end + 1))) continue;
    if (c === 37) continue;
    const { digits } = run;
    if (digits.length < 13 || digits.length > 19) continue;
    if (!hasCardLayout(run.groups) || !hasKnownIssuer(digits) || !passesLuhn(digits)) continue;
    out.push({ start, end });
  }
};
