// Maintained word lists from npm, read at pack-build time (never shipped as code).
import { cuss as cussEn } from 'cuss';
import { cuss as cussFr } from 'cuss/fr';
import type { LEXICON_SOURCES } from './schema';

const SOURCES: Record<(typeof LEXICON_SOURCES)[number], Record<string, number>> = {
  'cuss-en': cussEn,
  'cuss-fr': cussFr,
};

/** Words of a lexicon whose rating (0 = maybe, 2 = surely profane) is at least `minRating`. */
export function lexiconTerms(source: (typeof LEXICON_SOURCES)[number], minRating: number): string[] {
  return Object.entries(SOURCES[source])
    .filter(([, rating]) => rating >= minRating)
    .map(([word]) => word);
}
