// Words some detectors need before they can match, as the word scan (rules/engine/words.ts)
// reads them: lower case, '_' '-' ':' '=' are separators ("DB_PASSWORD=" holds the word
// "password"). The scan sets a family's bit in `TextFacts.keywords` when the text holds one of
// its words, so a detector skips the searches that cannot match.

/** "password:", "mot de passe :" and the like (see findPasswordCredentials in secret.ts). */
export const PASS_WORDS = 1;
/** "Bearer <token>". */
export const BEARER_WORDS = 2;
/** The last word of a keyword written before ':' or '=' (KEYWORD_BEFORE_SEPARATOR in secret.ts). */
export const SEPARATOR_KEYWORDS = 4;

export const KEYWORD_FAMILIES: readonly (readonly [flag: number, words: readonly string[]])[] = [
  [PASS_WORDS, ['password', 'passwd', 'passcode', 'passphrase', 'passe']],
  [BEARER_WORDS, ['bearer']],
  [
    SEPARATOR_KEYWORDS,
    ['pwd', 'mdp', 'passwd', 'password', 'secret', 'clientsecret', 'key', 'apikey', 'token', 'accesstoken', 'authtoken', 'apitoken', 'authorization'],
  ],
];

/**
 * Keywords that count only right after a given word: "passe" is one in "mot(s) de passe", and
 * findPasswordCredentials skips it anywhere else ("nous avons passé trois jours" reads "passe").
 */
export const KEYWORD_AFTER: ReadonlyMap<string, string> = new Map([['passe', 'de']]);
