import { countrySpecs, isValidIBAN } from 'ibantools';
import type { Detector } from './types';
import { isWordCharAt } from './isWordCharAt';
import { isAsciiAlnum } from './isAsciiAlnum';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

/** Country letters, two check digits and four more chars: how every IBAN starts. Unrolled for a fast pre-check. */
const CANDIDATE = /[A-Za-z][A-Za-z]\d\d[ \-\u00A0\u202F]?[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]/g;
/**
 * The shortest run of digit-holding words CANDIDATE accepts ("FR76 3000": the letters count in
 * the run; see MAY_MATCH in index.ts).
 */
export const IBAN_MIN_DIGIT_RUN = 8;

function isGroupSeparator(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f || c === 45;
}

/**
 * IBANs, compact ("FR7630006000011234567890189") or grouped by four ("FR76 3000 6000 ..."), letters
 * in any case. The country's IBAN length says where the number ends; ibantools checks the rest.
 */
export const iban: Detector = (text, out) => {
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null) {
    const start = m.index;
    if (isWordCharAt(text, start - 1)) {
      CANDIDATE.lastIndex = start + 1;
      continue;
    }
    const country = text.slice(start, start + 2).toUpperCase();
    const length = (countrySpecs as Record<string, { chars?: number } | undefined>)[country]?.chars;
    if (!length) continue;
    let electronic = country + text.slice(start + 2, start + 4);
    let j = start + 4;
    const n = text.length;
    while (electronic.length < length && j < n) {
      const c = charCodeAt.call(text, j);
      if (isAsciiAlnum(c)) {
        electronic += text[j]!.toUpperCase();
        j++;
      } else if (electronic.length % 4 === 0 && isGroupSeparator(c) && j + 1 < n && isAsciiAlnum(charCodeAt.call(text, j + 1))) {
        j++;
      } else {
        break;
      }
    }
    if (electronic.length !== length || isWordCharAt(text, j)) continue;
    if (!isValidIBAN(electronic)) continue;
    out.push({ start, end: j });
    CANDIDATE.lastIndex = j;
  }
};
