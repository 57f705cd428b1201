import type { Detector } from './types';
import { isWordCharAt } from './isWordCharAt';
import { isAsciiDigit } from './isAsciiDigit';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

/** Sex digit, year, month, then the first department char: how every NIR starts, compact or spaced. */
const CANDIDATE = /[1-478][ \u00A0\u202F]?\d\d[ \u00A0\u202F]?\d\d[ \u00A0\u202F]?\d/g;
/** The shortest run of digits CANDIDATE accepts (see MAY_MATCH in index.ts). */
export const NIR_MIN_DIGIT_RUN = 6;

/** Sex, year, month, department, commune, order number, key. */
const GROUPS = [1, 2, 2, 2, 3, 3, 2];

function isSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f;
}

/** The 15 chars of a NIR written at `start`, compact or spaced as "1 85 05 78 006 084 36", and where it ends. */
function readNir(text: string, start: number, spaced: boolean): { chars: string; end: number } | null {
  let chars = '';
  let j = start;
  for (let g = 0; g < GROUPS.length; g++) {
    if (g > 0 && spaced) {
      if (!isSpace(charCodeAt.call(text, j))) return null;
      j++;
    }
    const len = GROUPS[g]!;
    for (let k = 0; k < len; k++) {
      const c = charCodeAt.call(text, j + k);
      // Corsica: department 2A or 2B.
      const corsica = g === 3 && k === 1 && charCodeAt.call(text, j) === 50 && (c === 65 || c === 66 || c === 97 || c === 98);
      if (!isAsciiDigit(c) && !corsica) return null;
    }
    chars += text.slice(j, j + len);
    j += len;
  }
  return { chars: chars.toUpperCase(), end: j };
}

function isValidNir(nir: string): boolean {
  const sex = nir[0];
  if (sex !== '1' && sex !== '2' && sex !== '3' && sex !== '4' && sex !== '7' && sex !== '8') return false;
  const month = Number(nir.slice(3, 5));
  // 01-12; 20-42 and 50-99 are used when the birth month is unknown or for provisional numbers.
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  const department = nir.slice(5, 7);
  if (department === '00') return false;
  // Keys are computed on the number with 2A read as 19 and 2B as 18.
  const body = nir.slice(0, 5) + (department === '2A' ? '19' : department === '2B' ? '18' : department) + nir.slice(7, 13);
  let rest = 0;
  for (let i = 0; i < body.length; i++) rest = (rest * 10 + charCodeAt.call(body, i) - 48) % 97;
  return 97 - rest === Number(nir.slice(13, 15));
}

/** French social security numbers (NIR): 13 digits and a 2-digit key, compact or spaced. */
export const frNir: Detector = (text, out) => {
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text)) !== null) {
    const start = m.index;
    CANDIDATE.lastIndex = start + 1;
    const p = start > 0 ? charCodeAt.call(text, start - 1) : -1;
    if (isWordCharAt(text, start - 1) || p === 46 || p === 44 || p === 45 || p === 47) continue;
    if (isSpace(p) && isAsciiDigit(charCodeAt.call(text, start - 2))) continue;
    const nir = readNir(text, start, isSpace(charCodeAt.call(text, start + 1)));
    if (!nir || isWordCharAt(text, nir.end)) continue;
    const c = nir.end < text.length ? charCodeAt.call(text, nir.end) : -1;
    if ((c === 46 || c === 44 || c === 45 || c === 47) && isAsciiDigit(charCodeAt.call(text, nir.end + 1))) continue;
    if (!isValidNir(nir.chars)) continue;
    out.push({ start, end: nir.end });
    CANDIDATE.lastIndex = nir.end;
  }
};
