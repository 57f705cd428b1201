import type { TermsRule } from '../../rules/types';
import { createRandom } from '../support/createRandom';
import { termsRule } from '../support/termsRule';

const SYLLABLES = ['ka', 'zu', 'mir', 'tol', 've', 'qua', 'bri', 'nex', 'dor', 'pla', 'sy', 'gro', 'fen', 'lum', 'ok', 'trav', 'ji', 'wex'];

/**
 * A `terms` rule holding `count` distinct pseudo-words (already normalised: lower-case ASCII),
 * some of them two-word phrases and some prefixes (`term*`), like a real lexicon.
 */
export function makeLexiconRule(count: number, seed: number): TermsRule {
  const random = createRandom(seed);
  const word = () => {
    let result = '';
    for (let syllables = 2 + Math.floor(random() * 3); syllables > 0; syllables--) result += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return result;
  };
  const terms = new Set<string>();
  while (terms.size < count) {
    const draw = random();
    terms.add(draw < 0.15 ? `${word()} ${word()}` : draw < 0.2 ? `${word()}*` : word());
  }
  return termsRule('conduct/bench-lexicon', [...terms], 'A word from the benchmark lexicon.');
}
