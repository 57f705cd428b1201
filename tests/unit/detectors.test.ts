import { describe, expect, it } from 'vitest';
import { DETECTOR_IDS, type DetectorId } from '../../rules/types';
import { DETECTORS } from '../../rules/detectors';
import type { Span } from '../../rules/detectors/types';
import { createWords, scanWords } from '../../rules/engine/words';
import { emptyWordFilter as emptyFilter } from '../../rules/engine/words';

const words = createWords();
const noTerms = emptyFilter();

/**
 * Runs a detector and returns the flagged substrings, in text order. It runs twice: on its own,
 * and given the word scan's facts, as analyze() runs it; the facts may only save work.
 */
function found(id: DetectorId, text: string): string[] {
  const sorted = (out: Span[]) => out.sort((a, b) => a.start - b.start).map((s) => text.slice(s.start, s.end));
  const alone: Span[] = [];
  DETECTORS[id](text, alone);
  const withFacts: Span[] = [];
  scanWords(text, words, noTerms);
  DETECTORS[id](text, withFacts, words.facts);
  expect(sorted(withFacts), `${id} given the scan's facts: ${text}`).toEqual(sorted(alone));
  return sorted(alone);
}

/** "[[...]]" marks each expected span; the detector sees the text without the brackets. */
function expectSpans(id: DetectorId, marked: string): void {
  const expected: string[] = [];
  const text = marked.replace(/\[\[(.*?)\]\]/gs, (_, inner: string) => {
    expected.push(inner);
    return inner;
  });
  expect(found(id, text), text).toEqual(expected);
}

const CASES: Record<DetectorId, { flag: string[]; pass: string[] }> = {
  'privacy/email': {
    flag: [
      'Write to [[jane.doe@acme.com]] for details',
      'Contact: [[bob@acme.co.uk]].',
      '([[jean-luc+news@exemple.fr]])',
      'Mail [[a_b%c@sub.domain.travel]], thanks',
      'Two: [[x@acme.io]] and [[y@acme.io]]',
      'Mastodon @ana@mastodon.social, mail [[ana@acme.com]]',
    ],
    pass: [
      'Thanks @bob for the help',
      'Follow @acme on X',
      'me@localhost',
      'user@1.2.3.4',
      'a@b.c',
      '@@@',
      'email me at bob at acme dot com',
      'x@-acme.com',
      'Mon identifiant Mastodon : @julien@piaille.fr, venez dire bonjour',
      'Find me on the fediverse (@ana.b@mastodon.social)',
    ],
  },
  'privacy/phone': {
    flag: [
      'Call [[+33 6 12 34 56 78]].',
      'US office: [[+1 415-555-2671]]',
      'London: [[+44 20 7946 0958]]',
      'Appelez le [[0033 6 12 34 56 78]]',
      'Mon portable : [[06 12 34 56 78]]',
      'Fixe [[01.23.45.67.89]] ou [[06-12-34-56-78]]',
      'Call [[(415) 555-2671]] or [[415-555-2671]] or [[415.555.2671]]',
      'Ring [[020 7946 0958]] or [[07911 123456]]',
      'International: [[+33 (0)6 12 34 56 78]]',
      '([[+33612345678]])',
      'Text [[1-415-555-2671]] now',
      'Tél : [[0612345678]]',
      'Stand B ou [[0412 3345 678]]',
      'Call me at 9 on [[020 7946 0958]]',
      'Loto de samedi : rappelez-moi au [[06 12 34 56 78]]',
      'Gagné au loto de la kermesse, appelez Julie au [[06 12 24 33 71]]',
      "Au loto depuis 2019 je joue, mais ma ligne perso c'est le [[06 45 12 33 41]]",
    ],
    pass: [
      'Launch on 2024-03-15 at 14:30',
      'Deadline 15/03/2024',
      'Only €1,299.00 this week',
      'Prix : 1 299,00 €',
      'Upgrade to v2.14.3 today',
      'Your order 123456789012 has shipped',
      'order 0612345678 confirmed',
      'Growth of 12.5% in 2024',
      'Chrome 120.0.6099.109 is out',
      'ISBN 978-2-07-036822-8',
      'Card 4111 1111 1111 1111',
      'Version 10.0.0.1',
      'SSN 123-45-6789',
      'Ticket #0612345678',
      'Loto de samedi : 07 12 23 34 41 + 5, zéro bon numéro',
      'My EuroMillions numbers: 07 12 23 34 41, wish me luck',
      'Mes numéros fétiches au loto depuis 20 ans : 06 12 24 33 41. Toujours rien gagné',
      'Same lottery numbers since 2009 for my mum: 03 11 19 27 44 🍀',
      'Invoice INV-2024-000123',
      '2024000123 units',
      'Numéro de suivi Colissimo 6A 0412 3345 678 : toujours rien',
      'Tracking 1Z 999 0412 3345 678',
    ],
  },
  'privacy/payment-card': {
    flag: [
      'My card [[4111 1111 1111 1111]], exp 12/27',
      '[[4111-1111-1111-1111]]',
      'Amex [[3782 822463 10005]].',
      'MC [[5555555555554444]] and [[2223003122003222]]',
      'Discover [[6011 1111 1111 1117]]',
      'JCB [[3530111333300000]]',
      'Diners [[3056 930902 5904]]',
      'Visa 13: [[4222222222222]]',
      'UnionPay [[6200000000000005]]',
      'Maestro [[6759 6498 2643 8453]]',
    ],
    pass: [
      'Bad Luhn 4111 1111 1111 1112',
      'Order 1234567890123456 shipped',
      'Ref 9999 9999 9999 9995',
      'Tracking 9400 1000 0000 0000 0000 00',
      'ID4111111111111111',
      'Mixed 4111 1111-1111 1111',
      'Odd layout 41 1111 1111 1111 11',
      '1.4111111111111111',
    ],
  },
  'privacy/iban': {
    flag: [
      'IBAN: [[FR76 3000 6000 0112 3456 7890 189]].',
      '[[FR7630006000011234567890189]]',
      'lowercase [[fr76 3000 6000 0112 3456 7890 189]] ok',
      'DE: [[DE89 3704 0044 0532 0130 00]]',
      'UK ([[GB29 NWBK 6016 1331 9268 19]])',
    ],
    pass: ['FR76 3000 6000 0112 3456 7890 188', 'XX76 3000 6000 0112 3456 7890 189', 'AFR7630006000011234567890189', 'FR7630006000011234567890189123', 'MP3 and GB29 are codes'],
  },
  'privacy/fr-nir': {
    flag: [
      'NIR : [[1 85 05 78 006 084 91]]',
      'Numéro [[185057800608491]].',
      'Corse [[2 69 05 2A 123 456 88]]',
      'Corse [[269052B12345618]]',
    ],
    pass: ['1 85 05 78 006 084 36', '185057800608436', '185137800608412', '585057800608491', 'Order 185057800608491123', 'Ref 1 85 05 78 006 08 491'],
  },
  'privacy/us-ssn': {
    flag: ['SSN [[123-45-6789]]', 'Mine is [[123 45 6789]].', 'my SSN is [[123456789]]', 'social security number: [[234567890]]', 'SS# [[345678901]]'],
    pass: ['order 123456789', '666-12-3456', '000-12-3456', '912-34-5678', '123-00-4567', '123-45-0000', 'Call 415-555-2671', 'Zip 94105-1234', '12-345-6789', '1123-45-6789'],
  },
  'privacy/ip-address': {
    flag: [
      'Server [[192.168.1.10]].',
      'ssh to [[10.0.0.1]]:22',
      'http://[[172.16.254.1]]/admin',
      'v6 [[2001:db8::1]] and [[2001:0db8:85a3:0000:0000:8a2e:0370:7334]]',
      'mapped [[::ffff:192.0.2.1]]',
      '[[fe80::1ff:fe23:4567:890a]]',
      'Range [[0.0.0.0]]',
    ],
    pass: ['v1.2.3.4', 'version 10.0.0.1', 'Chrome 120.0.6099.109', '1.2.3.4.5', '01.02.03.04', '256.1.1.1', 'on 15.03.2024', 'at 12:30:45', 'MAC 00:1A:2B:3C:4D:5E', 'fe80::1', 'Note: hello', 'firmware 4.1.2.0'],
  },
  'security/secret': {
    flag: [
      'key [[AKIAIOSFODNN7EXAMPLE]]',
      '[[ASIAY34FZKBOKMUTVV7A]]',
      'token [[ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789]]',
      'password: [[Summer(2024)!]]',
      '[[github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVW]]',
      'slack [[xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp]]',
      'stripe [[sk_live_4eC39HqLyjWDarjtT1zdp7dc]]',
      'openai [[sk-AbCdEfGhIjKlMnOpQrStUvWx1234]]',
      'maps [[AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW]]',
      'jwt: [[eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U]]',
      'key:\n[[-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----]]\nthanks',
      '[[-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA]]',
      'password: [[hunter2]]',
      'pwd=[[S3cret!]]',
      'Passwd [[Tr0ub4dor&3]]',
      'mot de passe : [[Soleil2024]]',
      'mdp: [[azerty]]',
      'my password is [[hunter2]].',
      'Le mot de passe est « [[Chat-Noir-42]] »',
      'api key: [[8f9a7b6c5d4e3f2a1b0c]]',
      'API_KEY=[[a1b2c3d4e5f6g7h8]]',
      'token: [[Zx81kLm02QpRt5Yv]]',
      'AWS_SECRET_ACCESS_KEY=[[wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq81TkEx]] still not picked up',
      'export DB_PASSWORD=[[correcthorse]]',
      'export DB_PASSWORD=[[<notaplaceholder]]',
      'GITHUB_TOKEN: [[Zx81kLm02QpRt5Yv9Qw]]',
      'stripe-secret = [[Zx81kLm02QpRt5Yv9Qw]]',
      'hit send: Bearer [[eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdmMtcmVwb3J0In0.4fQk2mZ]]',
      'curl -H "Bearer [[9f8e7d6c5b4a3f2e1d0cAbCd]]"',
      'gitlab [[glpat-xYz12AbC34dEf56GhI78jK]] works',
      'best way to store this? our prod root key: [[acm_prod_9f3c1e7b2d4a48e6b0c5f7a1d9e2b8c4]]. asking for a friend',
      'LICENSE_KEY=[[X7K2-9QP4-M3R8-T6W1-ZZ90]]',
      'password: [[$ecret99]]',
      'db_password = "[[env-var-S3cret-2024]]"',
      'DB_PASSWORD=\n[[hunter2-Prod]]\nDB_USER=app',
    ],
    pass: [
      'I forgot my password again',
      'Use a password manager!',
      'How to reset your mot de passe',
      'Password: changed',
      'The secret: hard work',
      'token: abc',
      'sk-learn-is-a-great-library-for-ml',
      'task-AbCdEfGhIjKlMnOpQrStUvWx1234',
      'AKIAIOSFODNN7EXAMPL',
      'password: ********',
      'kubectl create secret docker-registry regcred --docker-password=<YOUR_TOKEN>',
      'API_TOKEN=${API_TOKEN} in the CI settings',
      'passwords are hard',
      'Token ring networks',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq\n-----END PUBLIC KEY-----',
      'eyJhbGciOiJIUzI1NiJ9 is a header',
      'Monkey: bananas and more bananas',
      'The turkey: 5 kg, roasted',
      'house-key: under the mat',
      'DB_PASSWORD= see the vault',
      'the bearer of good news',
      'Bearer tokens expire after an hour',
      'secret_sauce: love',
      "a passphrase that's easier to remember than P@ssw0rd1",
      'the password well-known to everyone',
      'glpat-short',
      'Master password: four or five random words beat any clever substitution',
      "Conf sur les mots de passe : l'intervenant a rappelé que la 2FA compte plus que la complexité",
      'Mots de passe : d’abord un gestionnaire, ensuite la 2FA',
      'Mot de passe : douze caractères au moins, et un gestionnaire',
      'Un mot de passe : choisissez-en un long, et changez-le si besoin',
      'Key: customer obsession, ownership and bias for action',
      'Key: v2.3.1-release-candidate ships Friday',
      'Key: Q3-2024-roadmap',
      'Product key: printed on the sticker under the laptop',
      // Code that reads the secret from the environment, as it should.
      'let db_password = std::env::var("DB_PASSWORD").expect("DB_PASSWORD manquant");',
      'API_KEY = os.environ["WEATHER_API_KEY"]',
      "const token = process.env.GITHUB_TOKEN ?? '';",
      'NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
      'psql --password=$DB_PASSWORD',
      'String pwd = System.getenv("DB_PASSWORD");',
      // Code that calls for the value: by the setting's name, with a prompt, or with no argument.
      'API_TOKEN = require("API_TOKEN")',
      'password = getpass("Password: ")',
      'let token = api_token();',
      // Empty settings of a .env.example: each line is the next setting, not the value.
      '.env.example:\nDATABASE_URL=\nSTRIPE_SECRET_KEY=\nSESSION_SECRET=\n\nthen fill them in locally',
    ],
  },
};

describe('detectors', () => {
  it('cover every detector id', () => {
    expect(Object.keys(DETECTORS).sort()).toEqual([...DETECTOR_IDS].sort());
  });

  for (const id of DETECTOR_IDS) {
    describe(id, () => {
      it.each(CASES[id].flag)('flags %j', (marked) => expectSpans(id, marked));
      it.each(CASES[id].pass)('passes %j', (text) => expect(found(id, text)).toEqual([]));
    });
  }
});

describe('span edges', () => {
  it('exclude surrounding spaces, NBSP and punctuation', () => {
    expectSpans('privacy/phone', '\u00A0[[+33 6 12 34 56 78]]\u00A0!');
    expectSpans('privacy/email', '«\u00A0[[a@acme.fr]]\u00A0»');
    expectSpans('privacy/payment-card', '"[[4111 1111 1111 1111]]"');
  });

  it('report UTF-16 offsets after emoji and RTL text', () => {
    expectSpans('privacy/email', '🎉🎉 مرحبا [[bob@acme.com]] 🎉');
    expectSpans('privacy/iban', '👩‍💻 עברית [[FR7630006000011234567890189]]');
    expectSpans('privacy/phone', '📞 [[06 12 34 56 78]] 📞');
  });

  it('accept NBSP inside grouped numbers', () => {
    expectSpans('privacy/phone', 'Tél. [[06\u00A012\u00A034\u00A056\u00A078]]');
    expectSpans('privacy/fr-nir', 'NIR [[1\u00A085\u00A005\u00A078\u00A0006\u00A0084\u00A091]]');
  });
});

describe('robustness', () => {
  const adversarial: Record<string, string> = {
    'digits': '7'.repeat(100_000),
    'spaced digits': '1 '.repeat(50_000),
    'dashed digits': '12-'.repeat(40_000),
    'dotted digits': '1.'.repeat(50_000),
    'ats': '@'.repeat(100_000),
    'a-ats': 'a@'.repeat(50_000),
    'local parts': 'a'.repeat(100_000) + '@acme.com',
    'long domain': 'a@' + 'b.'.repeat(50_000) + 'com',
    'colons': ':'.repeat(100_000),
    'hex colons': 'ab:'.repeat(40_000),
    'begin markers': '-----BEGIN RSA PRIVATE KEY-----'.repeat(5_000),
    'begin prefixes': '-----BEGIN '.repeat(20_000),
    'jwt prefixes': 'eyJ-'.repeat(30_000),
    'token prefixes': 'sk-'.repeat(40_000) + 'ghp_'.repeat(10_000) + 'AKIA'.repeat(10_000),
    'keywords': 'password: '.repeat(10_000) + 'mot de passe '.repeat(5_000),
    'iban starts': 'FR76 '.repeat(30_000),
    'lone surrogates': '\uD800a\uDC00 06 12 \uDFFF@\uD83D'.repeat(5_000),
    'emoji and RTL': '🎉 مرحبا 👩‍💻 עברית 06 12 34 56 78 '.repeat(3_000),
    'nbsp': '\u00A0\u202F'.repeat(50_000),
    'parentheses': '(1) '.repeat(30_000),
  };

  for (const [name, text] of Object.entries(adversarial)) {
    it(`every detector returns valid spans on ${name}`, () => {
      for (const id of DETECTOR_IDS) {
        const out: Span[] = [];
        const t0 = performance.now();
        expect(() => DETECTORS[id](text, out)).not.toThrow();
        const ms = performance.now() - t0;
        expect(ms, `${id} took ${ms.toFixed(0)} ms`).toBeLessThan(1_000);
        for (const span of out) {
          expect(Number.isInteger(span.start) && Number.isInteger(span.end)).toBe(true);
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
        }
      }
    });
  }

  it('run in linear time (10x input, well under 30x time)', () => {
    const unit = '06 12 34 56 78 a@b.fr 1.2.3.4 4111 1111 1111 1111 password: x1 ab:cd:: FR76 1 85 ';
    for (const id of DETECTOR_IDS) {
      // The best of three runs: a busy machine stalls single runs.
      const time = (text: string) => {
        let best = Infinity;
        for (let run = 0; run < 3; run++) {
          const t0 = performance.now();
          DETECTORS[id](text, []);
          best = Math.min(best, performance.now() - t0);
        }
        return best;
      };
      time(unit.repeat(200));
      const small = time(unit.repeat(1_000));
      const large = time(unit.repeat(10_000));
      expect(large, id).toBeLessThan(Math.max(small, 1) * 30);
    }
  });

  it('are pure: same input, same output, and existing spans kept', () => {
    const text = 'Mail a@b.fr, call 06 12 34 56 78, card 4111 1111 1111 1111, password: hunter2';
    for (const id of DETECTOR_IDS) {
      const first: Span[] = [{ start: 0, end: 1 }];
      const second: Span[] = [{ start: 0, end: 1 }];
      DETECTORS[id](text, first);
      DETECTORS[id](text, second);
      expect(second).toEqual(first);
      expect(first[0]).toEqual({ start: 0, end: 1 });
    }
  });
});
