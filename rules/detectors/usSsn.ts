import type { Detector } from './types';
import { isWordCharAt } from './isWordCharAt';
import { readDigitGroups } from './readDigitGroups';
import { isAsciiDigit } from './isAsciiDigit';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

/** Nine digits, maybe split 3-2-4: every SSN candidate. Unrolled for a fast pre-check. */
const CANDIDATE = /\d\d\d[ \-\u00A0]?\d\d[ \-\u00A0]?\d\d\d\d/g;
/** The shortest run of digits CANDIDATE accepts (see MAY_MATCH in index.ts). */
export const SSN_MIN_DIGIT_RUN = 9;

/** A bare run of nine digits is an SSN only after one of these (within CONTEXT_WINDOW chars). */
const CONTEXT = /\b(?:ssn|ss ?#|ss no|social security|soc\.? sec|taxpayer id|s[ée]curit[ée] sociale)/i;
const CONTEXT_WINDOW = 40;

function isSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 0xa0;
}

/** Never issued: area 000, 666 or 900-999, group 00, serial 0000. */
function isIssuable(digits: string): boolean {
  const area = digits.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

/**
 * US social security numbers: AAA-GG-SSSS with dashes or spaces; a bare run of nine digits only
 * when "SSN", "social security" or the like comes shortly before it.
 */
export const usSsn: Detector = (text, out) => {
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null) {
    const start = m.index;
    const run = readDigitGroups(text, start, isSeparator);
    CANDIDATE.lastIndex = Math.max(start + 1, run.end);
    const p = start > 0 ? charCodeAt.call(text, start - 1) : -1;
    if (isWordCharAt(text, start - 1) || p === 46 || p === 44 || p === 45 || p === 47 || p === 43 || p === 36 || p === 35) continue;
    if (isSeparator(p) && isAsciiDigit(charCodeAt.call(text, start - 2))) continue;
    const end = run.end;
    if (isWordCharAt(text, end)) continue;
    const c = end < text.length ? charCodeAt.call(text, end) : -1;
    if ((c === 46 || c === 44 || c === 47 || c === 58) && isAsciiDigit(charCodeAt.call(text, end + 1))) continue;
    if (c === 37) continue;
    const g = run.groups;
    const grouped = g.length === 3 && g[0] === 3 && g[1] === 2 && g[2] === 4;
    const bare = g.length === 1 && g[0] === 9;
    if (!grouped && !bare) continue;
    if (!isIssuable(run.digits)) continue;
    if (bare && !CONTEXT.test(text.slice(Math.max(0, start - CONTEXT_WINDOW), start))) continue;
    out.push({ start, end });
  }
};
