// Held-out quality checks of the default pack: corpora written apart from the one the rules are
// tuned on, by writers who saw the policy but not the rules, to measure how well the rules
// generalise. Each round is blind until its misses are used to improve the pack; after that it
// stays here as a regression guard, and a new blind round measures generalisation. The
// assertions are floors under the measured values, to catch regressions; the real targets are
// printed in the tables with ok/below so the report stays honest, with the missed posts.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACK_DIR, loadPack } from '../../rules/pack/loadPack';
import { BLIND_ROUND, cleanWarnCells, describePosts, expectWellFormedPosts, formatScoreTable, recallCells, scoreLabelledCorpus } from './labelledCorpus';

const RECALL_TARGET = 0.9;
const CLEAN_WARN_TARGET = 0.05;
const LOCALES = ['en', 'fr'] as const;

interface Round {
  /** Files `${name}-en.jsonl` and `${name}-fr.jsonl`. */
  name: string;
  status: string;
  /** At least so many posts per category, per locale. */
  postsPerCategory: number;
  /** Exactly so many clean posts per locale, or a count for each locale when a round lost some. */
  cleanPosts: number | Record<(typeof LOCALES)[number], number>;
  /** Regression floors, under the measured values. */
  recallFloor: number;
  cleanWarnCeiling: number;
}

const ROUNDS: Round[] = [
  { name: 'heldout', status: 'round 1, used for tuning since', postsPerCategory: 12, cleanPosts: 60, recallFloor: 0.95, cleanWarnCeiling: 0.02 },
  { name: 'heldout2', status: 'round 2, used for tuning since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.85, cleanWarnCeiling: 0.02 },
  { name: 'heldout3', status: 'round 3, used for tuning since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.02 },
  { name: 'heldout4', status: 'round 4, used for tuning since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.85, cleanWarnCeiling: 0.02 },
  { name: 'heldout5', status: 'round 5, used for tuning since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.85, cleanWarnCeiling: 0.02 },
  { name: 'heldout6', status: 'round 6, used for tuning since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.02 },
  { name: 'heldout7', status: 'round 7, blind for the rules; the model learnt from it', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.5, cleanWarnCeiling: 0.05 },
  { name: 'heldout8', status: 'round 8, blind for the rules and the model trained on rounds 1-7; the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.45, cleanWarnCeiling: 0.1 },
  { name: 'heldout9', status: 'round 9, blind for the rules and the model trained on rounds 1-8; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout10', status: 'round 10, blind until looked at five times; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.85, cleanWarnCeiling: 0.06 },
  { name: 'heldout11', status: 'round 11, blind for the pack and model that rounds 1-10 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.85, cleanWarnCeiling: 0.1 },
  { name: 'heldout12', status: 'round 12, blind for the pack and model that rounds 1-11 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.8, cleanWarnCeiling: 0.06 },
  { name: 'heldout13', status: 'round 13, blind for the pack and model that rounds 1-12 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.8, cleanWarnCeiling: 0.08 },
  { name: 'heldout14', status: 'round 14, blind for the pack and model that rounds 1-13 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.8, cleanWarnCeiling: 0.08 },
  { name: 'heldout15', status: 'round 15, blind for the pack and model that rounds 1-14 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.85, cleanWarnCeiling: 0.06 },
  { name: 'heldout16', status: 'round 16, blind for the pack and model that rounds 1-15 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.75, cleanWarnCeiling: 0.04 },
  { name: 'heldout17', status: 'round 17, blind for the pack and model that rounds 1-16 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.85, cleanWarnCeiling: 0.05 },
  { name: 'heldout18', status: 'round 18, blind for the pack and model that rounds 1-17 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.85, cleanWarnCeiling: 0.05 },
  { name: 'heldout19', status: 'round 19, blind for the pack and model that rounds 1-18 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout20', status: 'round 20, blind for the pack and model that rounds 1-19 made (measured once); chose the model veto margin, and the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout21', status: 'round 21, blind for the pack, model and veto that rounds 1-20 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout22', status: 'round 22, blind for the pack, model and veto that rounds 1-21 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout23', status: 'round 23, blind for the pack, model and veto that rounds 1-22 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout24', status: 'round 24, blind for the pack, model and veto that rounds 1-23 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout25', status: 'round 25, blind for the pack, model and veto that rounds 1-24 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout26', status: 'round 26, blind for the pack, model and veto that rounds 1-25 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout27', status: 'round 27, blind for the pack, model and veto that rounds 1-26 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout28', status: 'round 28, blind for the pack, model and veto that rounds 1-27 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout29', status: 'round 29, blind for the pack, model and veto that rounds 1-28 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout30', status: 'round 30, blind for the pack, model and veto that rounds 1-29 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  // Measured once with the final pack and model: see README, Detection quality.
  { name: 'heldout31', status: 'round 31, blind for the pack, model and veto that rounds 1-30 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout32', status: 'round 32, blind for the pack, model and veto that rounds 1-31 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout33', status: 'round 33, blind for the pack, model and veto that rounds 1-32 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout34', status: 'round 34, blind for the pack, model and veto that rounds 1-33 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout35', status: 'round 35, blind for the pack, model and veto that rounds 1-34 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout36', status: 'round 36, blind for the pack, model and veto that rounds 1-35 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout37', status: 'round 37, blind for the pack, model and veto that rounds 1-36 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout38', status: 'round 38, blind for the pack, model and veto that rounds 1-37 made (measured once); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout39', status: 'round 39, blind for the pack, model and veto that rounds 1-38 made (measured three times); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout40', status: 'round 40, blind for the pack, model and veto that rounds 1-39 made (measured at the start and the end of a session); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout41', status: 'round 41, blind for the pack, model and veto that rounds 1-39 and 1-40 made (measured before and after round 40 was learnt); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout42', status: 'round 42, blind for the packs and models that rounds 1-39 and 1-41 made (measured three times); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout43', status: 'round 43, blind for the packs and models that rounds 1-39, 1-41 and 1-42 made (measured four times); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout44', status: 'round 44, blind for the packs and models that rounds 1-39, 1-42 and 1-43 made (measured at both model settings; chose the 250-word model); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout45', status: 'round 45, blind for the packs and models that rounds 1-43 and 1-44 made (measured at both model settings); the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout46', status: 'round 46, blind for the packs and models that rounds 1-43, 1-44 and 1-45 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout47', status: 'round 47, blind for the packs and models that rounds 1-43, 1-45 and 1-46 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout48', status: 'round 48, blind for the packs and models that rounds 1-46 and 1-47 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout49', status: 'round 49, blind for the packs and models that rounds 1-47 and 1-48 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout50', status: 'round 50, blind for the packs and models that rounds 1-48 and 1-49 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout51', status: 'round 51, blind for the packs and models that rounds 1-49 and 1-50 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  // One French legal post of round 52 was dropped: its text was, by chance, a post of round 30.
  { name: 'heldout52', status: 'round 52, blind for the packs and models that rounds 1-50 and 1-51 made; the rules and the model learnt from it since', postsPerCategory: 19, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  // Two English posts of round 53 were dropped, a legal one and a clean one: their texts were, by chance, posts of rounds 22 and 50.
  { name: 'heldout53', status: 'round 53, blind for the packs and models that rounds 1-50 and 1-51 made; the rules and the model learnt from it since', postsPerCategory: 19, cleanPosts: { en: 99, fr: 100 }, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout54', status: 'round 54, blind for the packs and models that rounds 1-52 and 1-53 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout55', status: 'round 55, blind for the packs and models that rounds 1-53 and 1-54 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout56', status: 'round 56, blind for the packs and models that rounds 1-54 and 1-55 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout57', status: 'round 57, blind for the packs and models that rounds 1-55 and 1-56 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout58', status: 'round 58, blind for the packs and models that rounds 1-56 and 1-57 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: 'heldout59', status: 'round 59, blind for the packs and models that rounds 1-57 and 1-58 made; the rules and the model learnt from it since', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.9, cleanWarnCeiling: 0.05 },
  { name: BLIND_ROUND, status: 'round 60, blind (measured with the pack and model of rounds 1-58, with the rules of round 59, then with the model retrained on round 59)', postsPerCategory: 20, cleanPosts: 100, recallFloor: 0.65, cleanWarnCeiling: 0.1 },
];

const pack = loadPack(DEFAULT_PACK_DIR);
/** The same pack without its model rules, to show what the model adds. */
const rulesAlone = { ...pack, rules: pack.rules.filter((rule) => rule.kind !== 'model') };
const rounds = ROUNDS.map((round) => ({
  round,
  scores: LOCALES.map((locale) => scoreLabelledCorpus(`${round.name}-${locale}.jsonl`, pack, locale)),
  alone: LOCALES.map((locale) => scoreLabelledCorpus(`${round.name}-${locale}.jsonl`, rulesAlone, locale)),
}));

afterAll(() => {
  const report: string[] = [];
  for (const { round, scores, alone } of rounds) {
    const header = ['locale', 'measure', 'posts', 'hits', 'score', 'rules alone', 'floor', 'target', 'vs target'];
    const rows: string[][] = [];
    scores.forEach((s, l) => {
      s.categories.forEach((c, k) => {
        rows.push([...recallCells(s.locale, c), alone[l]!.categories[k]!.recall.toFixed(2), `>= ${round.recallFloor.toFixed(2)}`, `>= ${RECALL_TARGET.toFixed(2)}`, c.recall >= RECALL_TARGET ? 'ok' : 'below']);
      });
      rows.push([...cleanWarnCells(s), alone[l]!.cleanWarnRate.toFixed(2), `<= ${round.cleanWarnCeiling.toFixed(2)}`, `<= ${CLEAN_WARN_TARGET.toFixed(2)}`, s.cleanWarnRate <= CLEAN_WARN_TARGET ? 'ok' : 'below']);
    });
    report.push(formatScoreTable(`Postguard held-out quality, ${round.name} (${round.status}), default pack`, header, rows));
    for (const s of scores) {
      for (const c of s.categories) {
        if (c.missed.length > 0) report.push(describePosts(`${round.name} ${s.locale} ${c.category}: missed posts (no warn/stop finding of this category)`, c.missed));
      }
      report.push(describePosts(`${round.name} ${s.locale}: clean posts with a warn/stop finding`, s.cleanWarned));
    }
  }
  console.log(report.join('\n\n'));
});

for (const { round, scores } of rounds) {
  describe(`held-out corpus ${round.name} (${round.status})`, () => {
    for (const s of scores) {
      it(`${round.name}-${s.locale}.jsonl is well formed`, () => {
        expectWellFormedPosts(s.corpus);
        for (const c of s.categories) expect(c.posts.length, `${s.locale} ${c.category} posts`).toBeGreaterThanOrEqual(round.postsPerCategory);
        expect(s.clean.length, `${s.locale} clean posts`).toBe(typeof round.cleanPosts === 'number' ? round.cleanPosts : round.cleanPosts[s.locale]);
      });
      for (const c of s.categories) {
        it(`${s.locale} ${c.category}: recall >= ${round.recallFloor} (regression floor; the target is in the printed table)`, () => {
          expect(c.recall).toBeGreaterThanOrEqual(round.recallFloor);
        });
      }
      it(`${s.locale} clean posts: warned <= ${round.cleanWarnCeiling * 100}%`, () => {
        expect(s.cleanWarnRate).toBeLessThanOrEqual(round.cleanWarnCeiling);
      });
    }
  });
}
