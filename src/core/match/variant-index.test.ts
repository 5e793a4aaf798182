import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VariantIndex, withinOneEdit } from './variant-index';

const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzабвгдежзіўїє');
const word = fc.string({ unit: letters, minLength: 8, maxLength: 20 });

/** Every one-edit variant of w that keeps its first letter. */
function variants(w: string, at: number, ch: string): string[] {
  const k = 1 + (at % (w.length - 1));
  return [
    w.slice(0, k) + w.slice(k + 1),
    w.slice(0, k) + ch + w.slice(k),
    w.slice(0, k) + ch + w.slice(k + 1),
    k + 1 < w.length ? w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2) : w,
  ].filter((v) => v !== w);
}

describe('VariantIndex', () => {
  it('finds the word for every one-edit variant that keeps the first letter', () => {
    fc.assert(
      fc.property(word, fc.nat(), fc.constantFrom('x', 'я', 'ў'), (w, at, ch) => {
        const index = new VariantIndex([w, 'unrelatedword']);
        for (const v of variants(w, at, ch)) {
          expect(index.mayMatch(v)).toBe(true);
          expect(index.candidates(v)).toEqual([w]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('admits few unrelated tokens to the comparison stage', () => {
    const index = new VariantIndex(fc.sample(word, { seed: 1, numRuns: 200 }));
    const unrelated = fc.sample(word, { seed: 2, numRuns: 1000 });
    expect(unrelated.filter((t) => index.mayMatch(t)).length).toBeLessThan(50);
    expect(unrelated.filter((t) => index.candidates(t).length).length).toBeLessThan(5);
  });

  it('ignores short words and the token itself', () => {
    const index = new VariantIndex(['kremlin', 'lukashenko']);
    expect(index.candidates('kremlim')).toEqual([]);
    expect(index.candidates('lukashenko')).toEqual([]);
    expect(index.candidates('mukashenko')).toEqual([]);
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['lukashenko', 'lukashenko', true],
    ['lukashenka', 'lukashenko', true],
    ['lukaschenko', 'lukashenko', true],
    ['lukashenk', 'lukashenko', true],
    ['lukahsenko', 'lukashenko', true],
    ['byelorussia', 'belorussia', true],
    ['belarussia', 'belorussia', true],
    ['lukaschenka', 'lukashenko', false],
    ['lukashenkoes', 'lukashenko', false],
    ['belarusian', 'belorussia', false],
  ])('%s ~ %s → %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});
