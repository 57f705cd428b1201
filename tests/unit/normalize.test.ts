import { describe, expect, it } from 'vitest';
import { createNormalized, normalizeInto, normalizeTerm } from '../../rules/engine/normalize';

describe('normalizeTerm', () => {
  it.each([
    ['Internal-Only!', 'internal only'],
    ['L’annonce d’aujourd’hui', 'l annonce d aujourd hui'],
    ["qu'il", 'qu il'],
    ['sh1t @ss b!tch a$$hole', 'shit ass bitch asshole'],
    ['FUUUUCK sooo', 'fuck so'],
    ['in\u200bter\u00adnal', 'internal'],
    ['Ｃａｆé Crème', 'cafe creme'],
    ['e\u0301te\u0301', 'ete'],
    ['œuvre Straße', 'oeuvre strasse'],
    ['раураl', 'paypal'], // Cyrillic look-alikes
    ['10am 2024 5G 2FA', '10am 2024 5g 2fa'],
    ['oh hisse, enculé', 'oh hisse|encule'],
    ['5hit 4ss', 'shit ass'],
    ['wow!!! hell!', 'wow|hell'],
    ['#employee #ad', '# employee # ad'],
    ['100% secure', '100 secure'],
    ['𝐟𝐮𝐜𝐤', 'fuck'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeTerm(input)).toBe(expected);
  });
});

describe('normalizeInto', () => {
  it('maps every normalised char back to the original text', () => {
    const text = 'Appelez-moi : cafe\u0301 👍 FUUUCK';
    const n = createNormalized(4);
    normalizeInto(text, n);
    const pieces: string[] = [];
    for (let i = 0; i < n.length; i++) pieces.push(text.slice(n.from[i], n.to[i]));
    expect(pieces.join('')).toBe(text);
    const cafe = pieces.findIndex((p) => p === 'e\u0301');
    expect(cafe).toBeGreaterThan(0);
    expect(pieces).toContain('UUU');
  });

  it('indexes words', () => {
    const n = createNormalized();
    normalizeInto('Hello,  big world', n);
    const words = Array.from({ length: n.tokenCount }, (_, t) => String.fromCharCode(...n.chars.subarray(n.tokenStart[t], n.tokenEnd[t])));
    expect(words).toEqual(['hello', 'big', 'world']);
  });
});
