import { isAsciiDigit } from './isAsciiDigit';

/** True for the char codes of ASCII letters and digits. */
export function isAsciiAlnum(code: number): boolean {
  return isAsciiDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
