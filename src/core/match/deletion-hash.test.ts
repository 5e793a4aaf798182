import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeletionHashSet } from './deletion-hash';

const word = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzабвгдеёжзіўї'),
  minLength: 8,
  maxLength: 20,
});

describe('DeletionHashSet', () => {
  it('never rejects a word or a one-edit variant of it (deletion, insertion, substitution)', () => {
    fc.assert(
      fc.property(word, fc.nat(), fc.constantFrom('x', 'я'), (w, at, ch) => {
        const set = new DeletionHashSet(1);
        set.addWithDeletions(w);
        const k = at % w.length;
        for (const variant of [
          w,
          w.slice(0, k) + w.slice(k + 1),
          w.slice(0, k) + ch + w.slice(k),
          w.slice(0, k) + ch + w.slice(k + 1),
        ])
          expect(set.mayShareVariant(variant)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects almost all unrelated tokens', () => {
    const set = new DeletionHashSet(100);
    fc.sample(word, { seed: 1, numRuns: 100 }).forEach((w) => set.addWithDeletions(w));
    const unrelated = fc.sample(word, { seed: 2, numRuns: 1000 });
    const admitted = unrelated.filter((t) => set.mayShareVariant(t)).length;
    expect(admitted).toBeLessThan(50);
  });
});
