import type { Detector } from './types';
import { isWordCharAt } from './isWordCharAt';
import { isAsciiAlnum } from './isAsciiAlnum';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

const LOCAL_MAX = 64;
const DOMAIN_MAX = 253;

/** Local-part chars people actually use: letters, digits and . _ % + - */
function isLocalChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}

function isDomainChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 45 || c === 46;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Labels of 1-63 letters/digits/hyphens (no hyphen at either end), at least two, the last one alphabetic. */
function isPlausibleDomain(text: string, start: number, end: number): boolean {
  let labels = 0;
  let labelStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && charCodeAt.call(text, i) !== 46) continue;
    const len = i - labelStart;
    if (len < 1 || len > 63) return false;
    if (charCodeAt.call(text, labelStart) === 45 || charCodeAt.call(text, i - 1) === 45) return false;
    labels++;
    if (i === end) {
      if (len < 2) return false;
      for (let k = labelStart; k < end; k++) if (!isLetter(charCodeAt.call(text, k))) return false;
    }
    labelStart = i + 1;
  }
  return labels >= 2;
}

/**
 * Email addresses (`local@domain.tld`). Work starts at each '@', so text without one costs a single
 * `indexOf`. A handle such as "@acme" has no local part and is never flagged, nor is a fediverse
 * handle such as "@julien@piaille.fr" (Mastodon's public name, not a mailbox).
 */
export const email: Detector = (text, out) => {
  let at = text.indexOf('@');
  while (at !== -1) {
    let resume = at + 1;
    let start = at;
    while (start > 0 && at - start < LOCAL_MAX && isLocalChar(charCodeAt.call(text, start - 1))) start--;
    const localTooLong = start > 0 && isLocalChar(charCodeAt.call(text, start - 1));
    while (start < at && charCodeAt.call(text, start) === 46) start++;
    const handle = start > 0 && charCodeAt.call(text, start - 1) === 64;
    if (!localTooLong && !handle && start < at && charCodeAt.call(text, at - 1) !== 46 && !isWordCharAt(text, start - 1)) {
      let end = at + 1;
      while (end < text.length && isDomainChar(charCodeAt.call(text, end))) end++;
      resume = end;
      // A sentence may end right after the address: "write to bob@acme.com."
      while (end > at + 1 && (charCodeAt.call(text, end - 1) === 46 || charCodeAt.call(text, end - 1) === 45)) end--;
      if (
        end - at - 1 <= DOMAIN_MAX &&
        !isWordCharAt(text, end) &&
        charCodeAt.call(text, end) !== 64 &&
        isPlausibleDomain(text, at + 1, end)
      ) {
        out.push({ start, end });
      }
    }
    at = text.indexOf('@', resume);
  }
};
