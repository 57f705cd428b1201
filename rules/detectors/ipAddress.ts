import type { Detector } from './types';
import { isWordCharAt } from './isWordCharAt';
import { isAsciiDigit } from './isAsciiDigit';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

/** Four dot-separated numbers of 1-3 digits: every IPv4 candidate. Unrolled for a fast pre-check. */
const IPV4_CANDIDATE = /\d\d?\d?\.\d\d?\d?\.\d\d?\d?\.\d/g;

/** A dotted quad right after one of these words is a version, not an address: "Chrome 120.0.0.1". */
const VERSION_WORDS = new Set([
  'v', 'ver', 'version', 'versions', 'build', 'release', 'firmware', 'patch', 'rev', 'revision', 'update',
  'chrome', 'chromium', 'firefox', 'edge', 'safari', 'opera', 'android', 'ios', 'macos', 'windows', 'linux',
  'kernel', 'node', 'python', 'java', 'php', 'sdk', 'api', 'app', 'mise', 'jour',
]);

const MAX_IPV6_LENGTH = 45;

function isHexCode(c: number): boolean {
  return isAsciiDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Spaces, ':' and '/' between a word and its number: "Version: 1.2.3.4", "Chrome/1.2.3.4". */
function isVersionGlue(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 58 || c === 47;
}

/** The word just before `start`, skipping a little glue, lower-cased. */
function wordBefore(text: string, start: number): string {
  let i = start;
  while (i > 0 && start - i < 4 && isVersionGlue(charCodeAt.call(text, i - 1))) i--;
  const end = i;
  while (i > 0 && end - i < 12 && isLetterCode(charCodeAt.call(text, i - 1))) i--;
  return text.slice(i, end).toLowerCase();
}

/** Parses "a.b.c.d" in text[start, end): each part 0-255 without leading zeros. */
function isDottedQuad(text: string, start: number, end: number): boolean {
  let parts = 0;
  let i = start;
  while (i <= end) {
    const partStart = i;
    let value = 0;
    while (i < end && isAsciiDigit(charCodeAt.call(text, i))) value = value * 10 + charCodeAt.call(text, i++) - 48;
    const len = i - partStart;
    if (len < 1 || len > 3 || value > 255 || (len > 1 && charCodeAt.call(text, partStart) === 48)) return false;
    parts++;
    if (i === end) break;
    if (charCodeAt.call(text, i) !== 46) return false;
    i++;
  }
  return parts === 4;
}

function findIpv4(text: string, out: { start: number; end: number }[]): void {
  IPV4_CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IPV4_CANDIDATE.exec(text)) !== null) {
    const start = m.index;
    // The whole dotted run: an address inside "1.2.3.4.5" is not one.
    let end = start;
    while (end < text.length && (isAsciiDigit(charCodeAt.call(text, end)) || (charCodeAt.call(text, end) === 46 && isAsciiDigit(charCodeAt.call(text, end + 1))))) end++;
    IPV4_CANDIDATE.lastIndex = end;
    const p = start > 0 ? charCodeAt.call(text, start - 1) : -1;
    if (isWordCharAt(text, start - 1) || p === 46 || p === 45 || p === 44) continue;
    // The IPv4 tail of an IPv6 address ("::ffff:192.0.2.1") is reported with the IPv6 address.
    if (p === 58 && (isHexCode(charCodeAt.call(text, start - 2)) || charCodeAt.call(text, start - 2) === 58)) continue;
    if (isWordCharAt(text, end)) continue;
    if (!isDottedQuad(text, start, end)) continue;
    if (VERSION_WORDS.has(wordBefore(text, start))) continue;
    out.push({ start, end });
  }
}

/** Validates an IPv6 address (full, "::"-compressed, or ending in a dotted quad) with >= 3 groups. */
function isIpv6(text: string, start: number, end: number): boolean {
  let groups = 0;
  let compressed = false;
  let hasDigit = false;
  let i = start;
  if (charCodeAt.call(text, i) === 58) {
    if (charCodeAt.call(text, i + 1) !== 58) return false;
    compressed = true;
    i += 2;
  }
  while (i < end) {
    const groupStart = i;
    while (i < end && isHexCode(charCodeAt.call(text, i))) i++;
    const len = i - groupStart;
    if (i < end && charCodeAt.call(text, i) === 46) {
      // Embedded IPv4 as the last two groups: "::ffff:192.0.2.1".
      if (!isDottedQuad(text, groupStart, end)) return false;
      groups += 2;
      hasDigit = true;
      i = end;
      break;
    }
    if (len < 1 || len > 4) return false;
    for (let k = groupStart; k < i; k++) if (isAsciiDigit(charCodeAt.call(text, k))) hasDigit = true;
    groups++;
    if (i === end) break;
    i++; // ':'
    if (i === end) {
      // Only "::" may end an address.
      if (charCodeAt.call(text, i - 2) !== 58) return false;
      break;
    }
    if (charCodeAt.call(text, i) === 58) {
      if (compressed) return false;
      compressed = true;
      i++;
    }
  }
  if (!hasDigit || groups < 3) return false;
  return compressed ? groups <= 7 : groups === 8;
}

/** Three groups need two colons at least: "8:00" or "2024:" is ruled out before the slower checks. */
function hasTwoColons(text: string, start: number, end: number): boolean {
  let colons = 0;
  for (let i = start; i < end && colons < 2; i++) if (charCodeAt.call(text, i) === 58) colons++;
  return colons === 2;
}

function findIpv6(text: string, out: { start: number; end: number }[]): void {
  let colon = text.indexOf(':');
  while (colon !== -1) {
    let start = colon;
    while (start > 0 && (isHexCode(charCodeAt.call(text, start - 1)) || charCodeAt.call(text, start - 1) === 58)) start--;
    let end = colon;
    while (end < text.length) {
      const c = charCodeAt.call(text, end);
      if (isHexCode(c) || c === 58 || (c === 46 && isAsciiDigit(charCodeAt.call(text, end + 1)))) end++;
      else break;
    }
    if (end - start <= MAX_IPV6_LENGTH && hasTwoColons(text, start, end) && !isWordCharAt(text, start - 1) && !isWordCharAt(text, end) && charCodeAt.call(text, start - 1) !== 46 && isIpv6(text, start, end)) {
      out.push({ start, end });
    }
    colon = text.indexOf(':', end + 1);
  }
}

/**
 * IP addresses: IPv4 dotted quads (0-255, no leading zeros) not part of a longer dotted run nor
 * after a version word, and IPv6 addresses with at least three groups.
 */
export const ipAddress: Detector = (text, out, facts) => {
  // A dotted quad is four numbers joined by dots; the scan counts them (the regex reads the whole text).
  if (facts === undefined || facts.dottedNumbers >= 4) findIpv4(text, out);
  findIpv6(text, out);
};
