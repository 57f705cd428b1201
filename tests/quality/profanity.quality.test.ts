// Profanity recall on the maintained npm word lists the default pack is built from, as people
// actually disguise words: case, leet, accents, stretched letters, zero-width characters.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../rules/engine/analyze';
import { normalizeTerm } from '../../rules/engine/normalize';
import { lexiconTerms } from '../../rules/pack/lexicons';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';

const pack = loadPack(DEFAULT_PACK_DIR);
const excepted = new Set(pack.rules.flatMap((r) => (r.kind === 'terms' && r.category === 'conduct' ? r.except : [])));

const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '$' };
const ACCENT: Record<string, string> = { a: 'à', e: 'é', i: 'î', o: 'ô', u: 'ù', c: 'ç' };

const VARIANTS: Record<string, (w: string) => string> = {
  plain: (w) => w,
  upper: (w) => w.toUpperCase(),
  capitalised: (w) => w[0]!.toUpperCase() + w.slice(1),
  // One letter in the middle of the word swapped for its leet digit or symbol.
  leet: (w) => {
    for (let i = 1; i < w.length; i++) if (LEET[w[i]!]) return w.slice(0, i) + LEET[w[i]!] + w.slice(i + 1);
    return w;
  },
  accented: (w) => w.replace(/[aeiouc]/, (c) => ACCENT[c]!),
  stretched: (w) => w.replace(/[aeiou]/, (v) => v.repeat(4)),
  zeroWidth: (w) => (w.length > 2 ? w.slice(0, 2) + '\u200b' + w.slice(2) : w),
};

const SENTENCES = {
  en: (w: string) => `Honestly, this whole thing is ${w} and everyone knows it.`,
  fr: (w: string) => `Franchement, tout ça c'est ${w} et tout le monde le sait.`,
};

describe.each([
  ['en', 'cuss-en'],
  ['fr', 'cuss-fr'],
] as const)('profanity recall (%s, %s rating 2)', (lang, source) => {
  // Words the pack deliberately allows (its except list) are not expected to be flagged.
  const words = lexiconTerms(source, 2).filter((w) => !excepted.has(normalizeTerm(w)));

  it('finds at least 97% of each variant', () => {
    const rows: string[] = [];
    for (const [name, variant] of Object.entries(VARIANTS)) {
      const missed: string[] = [];
      for (const word of words) {
        const disguised = variant(word);
        const text = SENTENCES[lang](disguised);
        const at = text.indexOf(disguised);
        const hit = analyze(text, pack, { locale: lang }).some((f) => f.category === 'conduct' && f.start <= at && f.end >= at + disguised.length - 1);
        if (!hit) missed.push(disguised);
      }
      const recall = 1 - missed.length / words.length;
      rows.push(`${lang} ${name.padEnd(12)} recall ${(recall * 100).toFixed(1)}% of ${words.length}${missed.length ? ` (missed e.g. ${missed.slice(0, 5).join(', ')})` : ''}`);
      expect.soft(recall, `${name}: missed ${missed.slice(0, 20).join(', ')}`).toBeGreaterThanOrEqual(0.97);
    }
    console.log(rows.join('\n'));
  });
});
