/** True for the char codes of '0' to '9' (false for NaN, i.e. reads past either end of a string). */
export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
