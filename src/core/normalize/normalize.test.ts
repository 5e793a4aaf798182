import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCombiningMark, normalizeCluster, normalizeText, normalizeWithOffsets, SIMPLE_UNIT } from './normalize';

/** The original slice behind normalised characters [from, to). */
function origin(input: string, from: number, to: number): string {
  const n = normalizeWithOffsets(input);
  return input.slice(n.starts[from], n.ends[to - 1]);
}

describe('normalizeWithOffsets', () => {
  it('folds case in Latin and Cyrillic', () => {
    expect(normalizeText('NATO ФСБ Лукашэнка ЇЖАК Ў')).toBe('nato фсб лукашэнка їжак ў');
  });

  it('maps ё to е but keeps і, ї, ў, є distinct', () => {
    expect(normalizeText('Ёлка всё')).toBe('елка все');
    expect(normalizeText('і ї ў є')).toBe('і ї ў є');
    expect(normalizeText('і')).not.toBe('и');
  });

  it('unifies apostrophe variants', () => {
    for (const a of ['\u2019', "'", '\u02bc', '`', '\u2018']) expect(normalizeText(`пам${a}ять`)).toBe("пам'ять");
  });

  it('unifies dash variants', () => {
    for (const d of ['\u2010', '\u2011', '\u2013', '\u2014', '\u2212']) expect(normalizeText(`a${d}b`)).toBe('a-b');
  });

  it('drops soft hyphens and zero-width characters', () => {
    expect(normalizeText('Бела\u00adрусь\u200b\u200c\u200d\u2060\ufeff')).toBe('беларусь');
  });

  it('composes decomposed Cyrillic (NFKC per cluster) and maps offsets to the whole cluster', () => {
    const input = 'Е\u0308лка и\u0306'; // Ё and й written as base + combining mark
    expect(normalizeText(input)).toBe('елка й');
    const n = normalizeWithOffsets(input);
    expect([n.starts[0], n.ends[0]]).toEqual([0, 2]);
    expect(origin(input, 5, 6)).toBe('и\u0306');
  });

  it('maps expanded characters (ligatures) back to the single original character', () => {
    const input = 'ﬁnd NATO';
    const n = normalizeWithOffsets(input);
    expect(n.text).toBe('find nato');
    expect(n.starts.slice(0, 3)).toEqual([0, 0, 1]);
    expect(origin(input, 5, 9)).toBe('NATO');
  });

  it('keeps offsets monotonic and inside the input', () => {
    const input = 'A\u00ad𝐁 ﬃ Ё\u0301 \ud800 x';
    const n = normalizeWithOffsets(input);
    expect(n.starts.length).toBe(n.text.length);
    for (let i = 0; i < n.starts.length; i++) {
      expect(n.starts[i]).toBeLessThan(n.ends[i]!);
      expect(n.ends[i]).toBeLessThanOrEqual(input.length);
      if (i) expect(n.starts[i]).toBeGreaterThanOrEqual(n.starts[i - 1]!);
    }
  });

  it('turns a lone surrogate into a separator', () => {
    expect(normalizeText('a\ud800b')).toBe('a b');
    expect(normalizeText('𝐀')).toBe('a');
  });
});

describe('normalizeText', () => {
  it('treats as simple only code units that normalise alone to their lower case', () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (!SIMPLE_UNIT.test(s)) continue;
      expect(isCombiningMark(c)).toBe(false);
      expect(s.toLowerCase()).toHaveLength(1);
      expect(normalizeCluster(s)).toBe(s.toLowerCase());
    }
  });

  it('gives exactly the text of normalizeWithOffsets', () => {
    const alphabet = fc.constantFrom(
      ..."aZ`'’ʼ-–—ΣΑσς İıЁёЙй\u0306\u0301\u0308е\u00ad\u200bﬁ…(|)?*{}1²ⅣÅÅ𝐀\ud800\udc00 .,".split(''),
      '\u{1d165}',
      '𝐀',
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: alphabet, maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })),
        (s) => {
          expect(normalizeText(s)).toBe(normalizeWithOffsets(s).text);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
