// The bench times the same eight posts over and over, and V8 tunes the engine to what it has
// seen. Real use hands `analyze()` varied strings: plain ASCII and Latin-1 French (one byte a
// char), emoji and typographic quotes (two bytes), strings built by `+` or sliced out of a
// page, short ones from `JSON.parse`, with numbers, links, leet and stretched letters. Each
// shape is a V8 map of its own, and code tuned on one shape can be twice as slow on many (see
// the note on `charCodeAt` in rules/engine/words.ts). So the bench first runs the engine on all
// of them: its numbers are those of an engine that has seen real use.
import { analyze } from '../../rules/engine/analyze';
import type { CompiledPack, Locale } from '../../rules/types';

const SNIPPETS = [
  'Call me at +33 6 12 34 56 78 or write to jane.doe@example.org',
  'Thanks!! Sooooo good. #ad #employee https://intranet.example.com/wiki/page',
  'password: hunter2 and the token ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'Ça coûte 1 200 € l’année, c’est confidentiel 🎉',
  'Mr. Smith said no. Card 4111 1111 1111 1111, IBAN FR76 3000 6000 0112 3456 7890 189',
  'Le directeur de la filiale est nul… Réunion à 10h30, ne pas diffuser.',
  'Fuuuck 🙄 L33t sp34k, sh1t happens',
  'Ω ß ﬁ ① and a very loooooong word',
  'Réunion de l’équipe à Lyon : résultats du trimestre avant l’annonce.',
];

/** Texts of every shape real use produces, made from `posts` and some short snippets. */
function realUseTexts(posts: string[]): string[] {
  const texts: string[] = [...SNIPPETS];
  for (const post of posts) {
    const oneByte = post.replace(/[^\u0000-\u00ff]/g, ''); // flat, one byte a char
    texts.push(oneByte, post.slice(40, 1600), oneByte.slice(10, 900), SNIPPETS[0] + ' ' + post.slice(0, 700), JSON.parse(JSON.stringify(post.slice(0, 120))) as string);
  }
  return texts;
}

/** Runs `analyze()` `rounds` times on each real-use text made from `posts`, in both locales. */
export function warmUpLikeRealUse(pack: CompiledPack, posts: string[], rounds = 60): number {
  const texts = realUseTexts(posts);
  const locales: Locale[] = ['en', 'fr'];
  let findings = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [k, text] of texts.entries()) findings += analyze(text, pack, { locale: locales[(round + k) % 2] }).length;
  }
  return findings;
}
