// Finds links in the original text: URLs with a scheme, bare domains (wiki.acme.com/page) and
// Windows shares (\\server\share). Hand-written scanning, linear in the text length.

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

export interface Link {
  start: number;
  end: number;
  /** Lower-case scheme, '' for a bare domain, 'smb' for a \\server path. */
  scheme: string;
  /** Lower-case host name, '' when the scheme has none (file:///C:/...). */
  host: string;
}

const isHostChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46;
const isSchemeChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
const isSpace = (c: number): boolean => c <= 32 || c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
const TRAILING = new Set(Array.from('.,;:!?)]}>"\'»”’', (c) => charCodeAt.call(c, 0)));

/** End of a link's path: the next space, minus trailing punctuation. */
function pathEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && !isSpace(charCodeAt.call(text, end)) && charCodeAt.call(text, end) !== 60) end++;
  while (end > from && TRAILING.has(charCodeAt.call(text, end - 1))) end--;
  return end;
}

function trimHost(text: string, start: number, end: number): number {
  while (end > start && (charCodeAt.call(text, end - 1) === 46 || charCodeAt.call(text, end - 1) === 45)) end--;
  return end;
}

export function findLinks(text: string): Link[] {
  const anchored: Link[] = [];
  let covered = 0;
  for (let i = text.indexOf('://'); i !== -1; i = text.indexOf('://', i + 3)) {
    let s = i;
    while (s > 0 && isSchemeChar(charCodeAt.call(text, s - 1))) s--;
    if (s === i || s < covered) continue;
    let h = i + 3;
    while (h < text.length && isHostChar(charCodeAt.call(text, h))) h++;
    const hostEnd = trimHost(text, i + 3, h);
    const end = Math.max(pathEnd(text, i + 3), hostEnd);
    anchored.push({ start: s, end, scheme: text.slice(s, i).toLowerCase(), host: text.slice(i + 3, hostEnd).toLowerCase() });
    covered = end;
  }
  const shares: Link[] = [];
  let p = 0;
  for (let i = text.indexOf('\\\\'); i !== -1; i = text.indexOf('\\\\', i + 2)) {
    let h = i + 2;
    while (h < text.length && isHostChar(charCodeAt.call(text, h))) h++;
    while (p < anchored.length && anchored[p].end <= i) p++;
    if (h === i + 2 || charCodeAt.call(text, h) !== 92 || (p < anchored.length && anchored[p].start <= i)) continue;
    const end = pathEnd(text, h);
    shares.push({ start: i, end, scheme: 'smb', host: text.slice(i + 2, h).toLowerCase() });
    i = Math.max(i, end - 2);
  }
  const links = anchored.concat(shares).sort((x, y) => x.start - y.start);
  const taken = links.length;
  p = 0;
  let floor = 0;
  for (let i = text.indexOf('.'); i !== -1; i = text.indexOf('.', i + 1)) {
    const before = charCodeAt.call(text, i - 1);
    const after = charCodeAt.call(text, i + 1);
    if (!(isHostChar(before) && before !== 46 && before !== 45) || !((after >= 97 && after <= 122) || (after >= 65 && after <= 90))) continue;
    let s = i;
    while (s > floor && isHostChar(charCodeAt.call(text, s - 1))) s--;
    let h = i + 1;
    while (h < text.length && isHostChar(charCodeAt.call(text, h))) h++;
    floor = h;
    h = trimHost(text, s, h);
    i = Math.max(i, h);
    const prev = charCodeAt.call(text, s - 1);
    while (p < taken && links[p].end <= s) p++;
    // Part of an email (its domain, or its local part: "tom.martin@"), a path, or a link found above.
    if (prev === 64 || prev === 47 || prev === 92 || charCodeAt.call(text, h) === 64 || (p < taken && links[p].start <= s)) continue;
    const host = text.slice(s, h).toLowerCase();
    if (!/\.[a-z]{2,63}$/.test(host)) continue;
    const end = charCodeAt.call(text, h) === 47 ? pathEnd(text, h) : h;
    links.push({ start: s, end, scheme: '', host });
    i = Math.max(h, end - 1);
  }
  return links;
}

/** True when `host` is `suffix` or a subdomain of it. */
export function hostMatches(host: string, suffix: string): boolean {
  return host === suffix || (host.endsWith(suffix) && charCodeAt.call(host, host.length - suffix.length - 1) === 46);
}
