import type { Detector, Span } from './types';
import { BEARER_WORDS, PASS_WORDS, SEPARATOR_KEYWORDS } from './keywords';
import { isWordCharAt } from './isWordCharAt';
import { isAsciiDigit } from './isAsciiDigit';
import { isAsciiAlnum } from './isAsciiAlnum';

/** Called as `charCodeAt.call(text, i)`: see the note in rules/engine/words.ts. */
const charCodeAt = String.prototype.charCodeAt;

/*
 * Speed: one big alternation of prefixes and keywords costs several µs on 3,000 chars of prose,
 * because V8 cannot skip ahead. Instead each token format is found from a char that is rare in
 * prose ('_', '-', 'A', 'J', ':' and '=' are single-char searches, close to memchr speed), and
 * the only regex scan is PASS_WORD, a fixed sequence of narrow classes that V8 can skip through.
 */

/** "pass" in any case: password, passwd, passcode, passphrase, mot(s) de passe. */
const PASS_WORD = /[Pp][Aa][Ss][Ss]/g;
const PASS_KEYWORD = /^(?:pass(?:word|wd|code|phrase)|passe)$/;

/**
 * Keywords written before ':' or '=' (lower-cased text ending right before the separator), and
 * settings names that end with one, as in env files: DB_PASSWORD, GITHUB_TOKEN,
 * AWS_SECRET_ACCESS_KEY, stripe-secret.
 */
const KEYWORD_BEFORE_SEPARATOR =
  /(?:^|[^\p{L}\p{N}_])((?:[a-z0-9]+[_-])*(?:pwd|mdp|passwd|password|secret|api[ _-]?key|apikey|(?:access|secret|private)[_-]key|client[ _-]?secret|(?:access|auth|api)[ _-]?token|token|authorization|key))$/u;
const KEYWORD_LOOKBEHIND = 40;
/** Keywords whose value is a password: any value counts, not only generated-looking ones. */
const PASSWORD_KEYWORD = /(?:pwd|mdp|passwd|password)$/;
/**
 * Keys that say what they are. Any other keyword ending in "key" ("root key:", "PROD_KEY=") may
 * be prose ("Key: customer obsession"), so its value must look like a generated key (`looksLikeKey`).
 */
const NAMED_KEY = /(?:api[ _-]?|access[_-]|secret[_-]|private[_-])key$/;

/** Values that follow "password:" in ordinary sentences rather than a real password. */
const NOT_A_SECRET = new Set([
  'the', 'a', 'an', 'my', 'your', 'his', 'her', 'our', 'their', 'it', 'this', 'that', 'same', 'none', 'n/a', 'na',
  'required', 'optional', 'changed', 'reset', 'forgotten', 'forgot', 'expired', 'updated', 'incorrect', 'invalid',
  'wrong', 'weak', 'strong', 'hidden', 'redacted', 'removed', 'unknown', 'please', 'see', 'check', 'use', 'never',
  'always', 'yes', 'no', 'ok', 'le', 'la', 'les', 'un', 'une', 'mon', 'ton', 'votre', 'notre', 'leur', 'ce',
  'cette', 'même', 'aucun', 'requis', 'obligatoire', 'changé', 'modifié', 'oublié', 'oubliée', 'expiré',
  'invalide', 'faible', 'fort', 'masqué', 'caché', 'voir', 'jamais', 'toujours', 'oui', 'non',
  // Advice on length: "master password: four or five random words", "mot de passe : douze caractères".
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty',
  'deux', 'trois', 'quatre', 'cinq', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'quinze', 'vingt', 'least', 'moins',
]);

/**
 * Prose after "mot de passe :", not a password: a French word after an elided article or pronoun
 * ("l'intervenant", "d’abord"), or an imperative with its pronoun ("choisissez-en", "notez-le").
 */
const PROSE_VALUE = /^(?:(?:[cdjlmnst]|qu)['’]\p{L}+|\p{Ll}+-(?:en|le|la|les|moi|nous|vous|y|lui|leur))$/u;

/** Masked values people type instead of the real one: "********", "xxxx". */
const MASKED = /^[*•x#.]+$/i;

/**
 * Placeholders in instructions: "--docker-password=<YOUR_TOKEN>", "token: ${API_TOKEN}" (whose
 * closing brace the value has lost by then, as closing punctuation).
 */
const PLACEHOLDER = /^(?:<[^<>]+>|\$\{[^{}]+\}?)$/;

/**
 * Code that reads the secret from the environment or a secret store instead of holding it, as
 * good practice asks: `db_password = std::env::var("DB_PASSWORD")`, `os.environ["API_KEY"]`,
 * `process.env.TOKEN`, `${{ secrets.NPM_TOKEN }}`.
 */
const READS_SECRET =
  /^(?:(?:std::)?env::var(?:_os)?\(|os\.(?:environ|getenv)\b|getenv\(|process\.env\b|import\.meta\.env\b|system\.getenv\(|environment\.getenvironmentvariable\(|deno\.env\.get\(|env\[|\$env[:{]|\$\{\{\s*secrets\.)/i;

/**
 * A call that fetches the value, by the setting's name or with no argument: `require("API_TOKEN")`,
 * `getpass("Password: ")`, `api_token();` (not a password with a bracket, "Summer(2024)"). Read
 * before closing punctuation is trimmed off the value.
 */
const CALLS_FOR_SECRET = /^[A-Za-z_$][\w$.:]*\((?:\)|["'`])/;

/** A shell variable, upper case as settings are: `--password $DB_PASSWORD` (not "$ecret99"). */
const SHELL_VARIABLE = /^\$[A-Z_][A-Z0-9_]*$/;

/** A setting's name and separator at the start of a line: `SESSION_SECRET=`, `DB_USER:`. */
const NEXT_SETTING = /^[A-Z][A-Z0-9_]*[ \t]*[=:]/;

const MAX_VALUE = 200;
const MAX_KEY_BLOCK = 16_000;

function isUpperCode(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLowerCode(c: number): boolean {
  return c >= 97 && c <= 122;
}
/** Base64url alphabet, used by most token formats. */
function isUrlSafeCode(c: number): boolean {
  return isAsciiAlnum(c) || c === 95 || c === 45;
}
function isUpperAlnumCode(c: number): boolean {
  return isAsciiDigit(c) || isUpperCode(c);
}
function isWordOrDashCode(c: number): boolean {
  return isAsciiAlnum(c) || c === 95;
}
function isSlackCode(c: number): boolean {
  return isAsciiAlnum(c) || c === 45;
}

function scan(text: string, from: number, accepts: (c: number) => boolean): number {
  let i = from;
  while (i < text.length && accepts(charCodeAt.call(text, i))) i++;
  return i;
}

function hasClasses(text: string, start: number, end: number, needUpper: boolean, needLower: boolean, needDigit: boolean): boolean {
  let upper = !needUpper;
  let lower = !needLower;
  let digit = !needDigit;
  for (let i = start; i < end && !(upper && lower && digit); i++) {
    const c = charCodeAt.call(text, i);
    if (isUpperCode(c)) upper = true;
    else if (isLowerCode(c)) lower = true;
    else if (isAsciiDigit(c)) digit = true;
  }
  return upper && lower && digit;
}

interface TokenScan {
  /** End of the token, or -1 when the prefix does not start one. */
  end: number;
  /** Where the prefix search resumes. */
  resume: number;
}

/** Private key blocks: state kept across matches so "-----END" is searched for once per call. */
interface KeyBlockSearch {
  nextFooter: number;
}

function keyBlockEnd(text: string, start: number, search: KeyBlockSearch): number {
  const labelStart = start + 11;
  const close = text.indexOf('-----', labelStart);
  if (close === -1 || close - labelStart > 40) return -1;
  const label = text.slice(labelStart, close);
  if (!/^[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?$/.test(label)) return -1;
  const headerEnd = close + 5;
  if (search.nextFooter !== -1 && search.nextFooter < headerEnd) search.nextFooter = text.indexOf('-----END ', headerEnd);
  const footer = search.nextFooter;
  if (footer !== -1 && footer - headerEnd <= MAX_KEY_BLOCK) {
    const footerClose = text.indexOf('-----', footer + 9);
    if (footerClose !== -1 && footerClose - footer <= 60) return footerClose + 5;
  }
  // No footer (a truncated paste): the header and the base64 body that follows it.
  let end = headerEnd;
  for (let i = headerEnd; i < text.length && i - headerEnd <= MAX_KEY_BLOCK; i++) {
    const c = charCodeAt.call(text, i);
    if (isAsciiAlnum(c) || c === 43 || c === 47 || c === 61) end = i + 1;
    else if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
  }
  return end;
}

function tokenAt(text: string, start: number, search: KeyBlockSearch): TokenScan {
  const c0 = charCodeAt.call(text, start);
  const none = { end: -1, resume: start + 1 };
  if (c0 === 45 /* -----BEGIN */) {
    if (charCodeAt.call(text, start - 1) === 45) return none;
    const end = keyBlockEnd(text, start, search);
    return end === -1 ? none : { end, resume: end };
  }
  if (isUrlSafeCode(charCodeAt.call(text, start - 1)) || (start > 0 && isWordCharAt(text, start - 1))) return none;
  const prefix = text.slice(start, start + 3);
  if (prefix === 'eyJ') {
    // JSON Web Token: three base64url segments, the first two JSON objects ("eyJ" is '{"').
    const e1 = scan(text, start, isUrlSafeCode);
    if (e1 - start < 10 || charCodeAt.call(text, e1) !== 46 || !text.startsWith('eyJ', e1 + 1)) return { end: -1, resume: e1 };
    const e2 = scan(text, e1 + 1, isUrlSafeCode);
    if (e2 - e1 - 1 < 10 || charCodeAt.call(text, e2) !== 46) return { end: -1, resume: e2 };
    // Two base64 JSON objects make a token even when the signature was cut short in the paste.
    const e3 = scan(text, e2 + 1, isUrlSafeCode);
    if (e3 - e2 - 1 < 4) return { end: -1, resume: e3 };
    return { end: e3, resume: e3 };
  }
  let body: number;
  let end: number;
  let ok: boolean;
  if (prefix === 'AKI' || prefix === 'ASI') {
    body = start + 4;
    end = scan(text, body, isUpperAlnumCode);
    ok = end - body === 16 && !isAsciiAlnum(charCodeAt.call(text, end));
  } else if (prefix === 'AIz') {
    body = start + 4;
    end = scan(text, body, isUrlSafeCode);
    ok = end - body === 35;
  } else if (prefix === 'git') {
    body = start + 11;
    end = scan(text, body, isWordOrDashCode);
    ok = end - body >= 22;
  } else if (prefix.startsWith('gh')) {
    body = start + 4;
    end = scan(text, body, isAsciiAlnum);
    ok = end - body >= 36 && charCodeAt.call(text, end) !== 95;
  } else if (prefix === 'xox') {
    body = start + 5;
    end = scan(text, body, isSlackCode);
    ok = end - body >= 10 && hasClasses(text, body, end, false, false, true);
  } else if (prefix === 'glp') {
    // GitLab personal access tokens: "glpat-" and 20 or more base64url chars.
    body = start + 6;
    end = scan(text, body, isUrlSafeCode);
    ok = end - body >= 20;
  } else if (prefix === 'sk-') {
    // OpenAI-style keys are long random strings: demand all three classes so "sk-learn-..." passes.
    body = start + 3;
    end = scan(text, body, isUrlSafeCode);
    ok = end - body >= 20 && hasClasses(text, body, end, true, true, true);
  } else {
    body = start + 8; // sk_live_ / rk_live_
    end = scan(text, body, isAsciiAlnum);
    ok = end - body >= 16 && !isUrlSafeCode(charCodeAt.call(text, end));
  }
  return ok ? { end, resume: end } : { end: -1, resume: Math.max(start + 1, end) };
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f || c === 9;
}

function isQuoteCode(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x2018 || c === 0x2019;
}

/** Trailing chars that end a sentence rather than a password ('!' is kept: common at the end of passwords). */
function isOpeningQuoteCode(c: number): boolean {
  return c === 34 || c === 39 || c === 96 || c === 0xab || c === 0x201c || c === 0x2018 || c === 0x201e;
}

function isClosingPunctuation(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 63 || c === 41 || c === 93 || c === 125 || isQuoteCode(c);
}

function skipSpaces(text: string, from: number, max: number): number {
  let i = from;
  while (i < text.length && i - from < max && isSpaceCode(charCodeAt.call(text, i))) i++;
  return i;
}

/** A value that could be a password even without ':' in front: mixes letters with digits or symbols. */
function looksGenerated(text: string, start: number, end: number): boolean {
  if (end - start < 6) return false;
  let letters = false;
  let mixed = false;
  for (let i = start; i < end; i++) {
    const c = charCodeAt.call(text, i);
    if (isUpperCode(c) || isLowerCode(c)) letters = true;
    // A digit anywhere, an upper-case letter or a symbol inside the word ("manager!" is a word).
    // Apostrophes and hyphens join words ("that's", "well-known"): not symbols here.
    if (isAsciiDigit(c) || (i > start && isUpperCode(c)) || (i > start && i < end - 1 && c < 128 && !isAsciiAlnum(c) && c !== 39 && c !== 45)) mixed = true;
  }
  return letters && mixed;
}

const WEAK_SEPARATORS = ['is', 'est', 'was', 'était', 'c’est', "c'est", '='];

/** At least 16 chars, with 4 digits and 4 ASCII letters or more: "acm_prod_9f3c1e7b2d4a48e6", not "v2.3-final" or "Customer-Obsession". */
function looksLikeKey(text: string, start: number, end: number): boolean {
  if (end - start < 16) return false;
  let letters = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = charCodeAt.call(text, i);
    if (isAsciiDigit(c)) digits++;
    else if (isUpperCode(c) || isLowerCode(c)) letters++;
  }
  return digits >= 4 && letters >= 4;
}

/**
 * The value after a credential keyword ending at `from`, as a span, or null. `looseKey`: the
 * keyword is a "key" that does not say what it is (see NAMED_KEY).
 */
function credentialValue(text: string, from: number, passwordFamily: boolean, looseKey = false): Span | null {
  let j = skipSpaces(text, from, 3);
  let strong = false;
  const c = charCodeAt.call(text, j);
  if (c === 58 || c === 61 || c === 0xff1a) {
    strong = true;
    j = skipSpaces(text, j + 1, 3);
    if (charCodeAt.call(text, j) === 10) {
      j = skipSpaces(text, j + 1, 3);
      // An empty setting, as in a .env.example: the next line is the next setting.
      if (NEXT_SETTING.test(text.slice(j, j + 64))) return null;
    }
  } else if (j > from) {
    for (const word of WEAK_SEPARATORS) {
      if (text.startsWith(word, j) && isSpaceCode(charCodeAt.call(text, j + word.length))) {
        j = skipSpaces(text, j + word.length, 3);
        break;
      }
    }
  } else {
    return null;
  }
  // "Authorization: Bearer <token>": the scheme name is not the secret.
  if (/^(?:bearer|basic|token)[ \u00a0]/i.test(text.slice(j, j + 7))) j = skipSpaces(text, j + 6, 3);
  let quoted = false;
  if (isOpeningQuoteCode(charCodeAt.call(text, j))) {
    quoted = true;
    j = skipSpaces(text, j + 1, 1);
  }
  const start = j;
  while (j < text.length && j - start < MAX_VALUE) {
    const v = charCodeAt.call(text, j);
    if (v <= 32 || v === 0xa0 || v === 0x202f || v === 0x2028 || (quoted && isQuoteCode(v))) break;
    j++;
  }
  // A quote only counts when it is closed right after the value: « Chat-Noir-42 ».
  if (quoted && !isQuoteCode(charCodeAt.call(text, skipSpaces(text, j, 1)))) quoted = false;
  let end = j;
  while (end > start && isClosingPunctuation(charCodeAt.call(text, end - 1))) end--;
  if (end - start < 3) return null;
  const value = text.slice(start, end);
  const lower = value.toLowerCase();
  if (MASKED.test(value) || PLACEHOLDER.test(value) || READS_SECRET.test(value) || CALLS_FOR_SECRET.test(text.slice(start, j)) || SHELL_VARIABLE.test(value) || lower.startsWith('http')) return null;
  if (NOT_A_SECRET.has(lower) || PROSE_VALUE.test(lower)) return null;
  if (looseKey) return looksLikeKey(text, start, end) ? { start, end } : null;
  if (passwordFamily && (strong || quoted)) return { start, end };
  if (!passwordFamily && (strong || quoted) && end - start >= 8 && looksGenerated(text, start, end)) return { start, end };
  if (looksGenerated(text, start, end) && (passwordFamily || end - start >= 16)) return { start, end };
  return null;
}

/** "Bearer <token>" anywhere (an Authorization header pasted alone): a long generated-looking value. */
function findBearerTokens(text: string, found: Span[]): void {
  for (let i = text.indexOf('earer'); i !== -1; i = text.indexOf('earer', i + 5)) {
    const first = charCodeAt.call(text, i - 1);
    if ((first !== 66 && first !== 98) || isWordCharAt(text, i - 2) || !isSpaceCode(charCodeAt.call(text, i + 5))) continue;
    const start = skipSpaces(text, i + 5, 3);
    let end = start;
    while (end < text.length && end - start < MAX_VALUE && (isUrlSafeCode(charCodeAt.call(text, end)) || charCodeAt.call(text, end) === 46 || charCodeAt.call(text, end) === 43 || charCodeAt.call(text, end) === 47 || charCodeAt.call(text, end) === 61)) end++;
    while (end > start && charCodeAt.call(text, end - 1) === 46) end--;
    if (end - start >= 16 && looksGenerated(text, start, end)) found.push({ start, end });
  }
}

function isTokenBoundary(text: string, start: number): boolean {
  return !isUrlSafeCode(charCodeAt.call(text, start - 1)) && !isWordCharAt(text, start - 1);
}

/** Where a token format starts around an '_' at `i` ("ghp_", "github_pat_", "sk_live_"), or -1. */
function tokenStartAtUnderscore(text: string, i: number): number {
  if (text.startsWith('github', i - 6) && text.startsWith('pat_', i + 1)) return i - 6;
  if (i >= 3 && charCodeAt.call(text, i - 3) === 103 && charCodeAt.call(text, i - 2) === 104 && 'pousr'.includes(text[i - 1]!)) return i - 3;
  if (i >= 2 && charCodeAt.call(text, i - 1) === 107 && (text[i - 2] === 's' || text[i - 2] === 'r') && text.startsWith('live_', i + 1)) return i - 2;
  return -1;
}

/**
 * Where a token format starts around a '-' at `i` ("xoxb-", "sk-", "glpat-", "-----BEGIN "), or
 * -1. Most anchors in prose ("sign-up") fail on the char next to them: it is read first, before
 * any `startsWith`; `tokenStartAtA` does the same for "A reminder".
 */
function tokenStartAtDash(text: string, i: number): number {
  if (charCodeAt.call(text, i + 1) === 45 && text.startsWith('-----BEGIN ', i)) return i;
  if (i >= 4 && charCodeAt.call(text, i - 4) === 120 && text.startsWith('xox', i - 4) && 'abprs'.includes(text[i - 1]!)) return i - 4;
  if (i >= 2 && charCodeAt.call(text, i - 2) === 115 && charCodeAt.call(text, i - 1) === 107) return i - 2;
  if (i >= 5 && charCodeAt.call(text, i - 5) === 103 && text.startsWith('glpat', i - 5)) return i - 5;
  return -1;
}

function tokenStartAtA(text: string, i: number): number {
  const next = charCodeAt.call(text, i + 1); // AKIA, ASIA, AIza
  if (next !== 75 && next !== 83 && next !== 73) return -1;
  return text.startsWith('AKIA', i) || text.startsWith('ASIA', i) || text.startsWith('AIza', i) ? i : -1;
}

function tokenStartAtJ(text: string, i: number): number {
  return i >= 2 && charCodeAt.call(text, i - 2) === 101 && charCodeAt.call(text, i - 1) === 121 ? i - 2 : -1;
}

function findTokens(text: string, anchor: string, startAt: (text: string, i: number) => number, search: KeyBlockSearch, found: Span[]): void {
  let i = text.indexOf(anchor);
  while (i !== -1) {
    let next = i + 1;
    const start = startAt(text, i);
    if (start !== -1 && (start === i && anchor === '-' ? charCodeAt.call(text, i - 1) !== 45 : isTokenBoundary(text, start))) {
      const token = tokenAt(text, start, search);
      if (token.end !== -1) found.push({ start, end: token.end });
      next = Math.max(next, token.resume);
    }
    i = text.indexOf(anchor, next);
  }
}

/** The credential keyword, lower-cased, that ends right before `end` (spaces skipped), or null. */
function keywordBefore(text: string, end: number): string | null {
  let k = end;
  while (k > 0 && end - k < 3 && isSpaceCode(charCodeAt.call(text, k - 1))) k--;
  if (k === 0) return null;
  // Every keyword ends in d, p, y, t or n (pwd, mdp, key, secret, token): most colons stop here.
  const last = charCodeAt.call(text, k - 1) | 0x20;
  if (last !== 100 && last !== 112 && last !== 121 && last !== 116 && last !== 110) return null;
  const m = KEYWORD_BEFORE_SEPARATOR.exec(text.slice(Math.max(0, k - KEYWORD_LOOKBEHIND), k).toLowerCase());
  return m ? m[1]! : null;
}

function isLetterOrUnderscore(c: number): boolean {
  return isUpperCode(c) || isLowerCode(c) || c === 95;
}

function findSeparatorCredentials(text: string, separator: string, found: Span[]): void {
  let i = text.indexOf(separator);
  while (i !== -1) {
    let next = i + 1;
    const keyword = keywordBefore(text, i);
    if (keyword) {
      const value = credentialValue(text, i, PASSWORD_KEYWORD.test(keyword), keyword.endsWith('key') && !NAMED_KEY.test(keyword));
      if (value) {
        found.push(value);
        next = value.end;
      }
    }
    i = text.indexOf(separator, next);
  }
}

/** password, passwd, passcode, passphrase and "mot(s) de passe", with ':' '=' or a weak separator. */
function findPasswordCredentials(text: string, found: Span[]): void {
  PASS_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PASS_WORD.exec(text)) !== null) {
    const start = m.index;
    let end = start + 4;
    while (end < text.length && end - start < 10 && isLetterOrUnderscore(charCodeAt.call(text, end))) end++;
    PASS_WORD.lastIndex = end;
    if (isWordCharAt(text, start - 1) || isWordCharAt(text, end)) continue;
    const word = text.slice(start, end).toLowerCase();
    if (!PASS_KEYWORD.test(word)) continue;
    // "passe" alone is the end of "mot de passe"/"mots de passe", or not a keyword at all.
    if (word === 'passe' && !/\bmots? de $/i.test(text.slice(Math.max(0, start - 8), start))) continue;
    const value = credentialValue(text, end, true);
    if (value) {
      found.push(value);
      PASS_WORD.lastIndex = value.end;
    }
  }
}

/**
 * Secrets: well-known token formats (AWS, GitHub, GitLab, Slack, Stripe, OpenAI-style, Google API keys,
 * JWTs, private key blocks, Bearer tokens) and credentials written out ("password: hunter2",
 * "mdp : ...", "api key = ...", "DB_PASSWORD=...", "AWS_SECRET_ACCESS_KEY=..."). For a written-out credential the span is the value only, keyword excluded,
 * so a fix can mask it; "forgot my password" or "password manager" have no value and pass.
 */
export const secret: Detector = (text, out, facts) => {
  const found: Span[] = [];
  const search: KeyBlockSearch = { nextFooter: 0 };
  findTokens(text, '_', tokenStartAtUnderscore, search, found);
  findTokens(text, '-', tokenStartAtDash, search, found);
  findTokens(text, 'A', tokenStartAtA, search, found);
  findTokens(text, 'J', tokenStartAtJ, search, found);
  // Written-out credentials need a keyword: without the scan's word of one, skip their searches.
  const keywords = facts ? facts.keywords : -1;
  if ((keywords & PASS_WORDS) !== 0) findPasswordCredentials(text, found);
  if ((keywords & BEARER_WORDS) !== 0) findBearerTokens(text, found);
  if ((keywords & SEPARATOR_KEYWORDS) !== 0) {
    findSeparatorCredentials(text, ':', found);
    findSeparatorCredentials(text, '=', found);
    findSeparatorCredentials(text, '\uff1a', found);
  }
  if (found.length === 0) return;
  // Several searches may report the same secret ("api key: sk-..."): keep the first of overlapping spans.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let lastEnd = -1;
  for (const span of found) {
    if (span.start < lastEnd) continue;
    out.push(span);
    lastEnd = span.end;
  }
};
