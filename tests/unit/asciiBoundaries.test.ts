import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { asciiBoundaryMisses } from '../../rules/pack/asciiBoundaries';

describe('asciiBoundaryMisses', () => {
  it('is right about RE2: \\b next to an accented letter does not hold between it and a space', () => {
    expect(RE2JS.compile('\\b[ée]crivez').matcher('Écrivez-moi, écrivez').find()).toBe(false);
    expect(RE2JS.compile('(?:\\becrivez|écrivez)', RE2JS.CASE_INSENSITIVE).matcher('Écrivez-moi').find()).toBe(true);
  });

  it.each([
    ['\\b[ée]crivez', [0]],
    ['accord[ée]e [àa]\\b', [16]],
    ['\\b(?:envoyez|[ée]crivez)\\b', [0]],
    ['\\b(?:a|b)[ée]\\b', [13]],
    ['(?P<span>caf[ée])\\b', [17]],
    ['\\b(?i:équipe)', [0]],
    ['voil[àa]\\b', [8]],
    ['\\b(?:ete|été)?\\s+summer', [0]],
    ['r[ée]dig[ée]e?s?\\b', [16]],
    ['🐘 \\b[ée]t[ée]', [3]], // the emoji is two UTF-16 units
    ['(?:fonctionnalit[ée]s?|x)\\b', [25]],
    ['\\b\\p{Lu}\\p{Ll}+', [0]],
  ])('finds the \\b of %j', (pattern, offsets) => {
    expect(asciiBoundaryMisses(pattern)).toEqual(offsets);
  });

  it.each([
    '\\bfoo\\b',
    '(?:\\becrivez|écrivez)',
    '[ée]t(?:e\\b|é)',
    '\\bvoil\u00e0', // the \\b is before "v"
    '[^é]\\b',
    '\\b[a-z]+\\b',
    '\\b(?:one|two)\\b[^.!?\\n…]{0,40}?\\bthree\\b',
  ])('passes %j', (pattern) => {
    expect(asciiBoundaryMisses(pattern)).toEqual([]);
  });
});
