import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCombiningMark, normalizeWithOffsets } from './normalize';
import { computeClass, isMark, isWordCodePoint, ruleClass, tokenize, type Tokens } from './tokenize';

const values = (text: string) => tokenize(text).values;

describe('tokenize', () => {
  it('finds word boundaries in Cyrillic (where JS \\b fails)', () => {
    expect(values('«Беларусь — не Россия», — сказал он.')).toEqual(['беларусь', 'не', 'россия', 'сказал', 'он']);
  });

  it('keeps an apostrophe between letters inside the word (uk/be)', () => {
    expect(values('пам’ять з\u02bcявіцца')).toEqual(["пам'ять", "з'явіцца"]);
    expect(values("'цытата' ")).toEqual(['цытата']);
  });

  it('splits on hyphens and punctuation and keeps digits', () => {
    expect(values('pro-Russian, 2021.')).toEqual(['pro', 'russian', '2021']);
  });

  it('records a possessive base for English', () => {
    const t = tokenize("Russia's army");
    expect(t.values[0]).toBe("russia's");
    expect(t.bases[0]).toBe('russia');
    expect(t.bases[1]).toBeUndefined();
  });

  it('maps tokens to original offsets across ignored characters', () => {
    const text = 'x Бела\u00adрусь y';
    const t = tokenize(text);
    expect(t.values[1]).toBe('беларусь');
    expect(text.slice(t.starts[1], t.ends[1])).toBe('Бела\u00adрусь');
  });

  it('treats a word made of an astral letter as one token without splitting the pair', () => {
    const text = 'a 𝐁𝐂 d';
    const t = tokenize(text);
    expect(t.values).toEqual(['a', 'bc', 'd']);
    expect(text.slice(t.starts[1], t.ends[1])).toBe('𝐁𝐂');
  });
});

/** Reference tokeniser: the documented rules applied to the output of normalizeWithOffsets. */
function referenceTokens(text: string): Tokens {
  const { text: norm, starts: from, ends: to } = normalizeWithOffsets(text);
  const out: Tokens = { values: [], bases: [], starts: [], ends: [] };
  const cps = [...norm];
  const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}\p{N}]/u.test(ch);
  let offset = 0;
  const offsets = cps.map((ch) => {
    const o = offset;
    offset += ch.length;
    return o;
  });
  for (let k = 0; k < cps.length;) {
    if (!isWord(cps[k])) {
      k++;
      continue;
    }
    const first = k;
    while (k < cps.length && (isWord(cps[k]) || (cps[k] === "'" && isWord(cps[k + 1])))) k++;
    const value = cps.slice(first, k).join('');
    out.values.push(value);
    out.bases.push(value.length > 2 && value.endsWith("'s") ? value.slice(0, -2) : undefined);
    out.starts.push(from[offsets[first]!]!);
    out.ends.push(to[offsets[k - 1]!]!);
  }
  return out;
}

describe('tokenize agrees with the reference over normalizeWithOffsets', () => {
  const alphabet = fc.constantFrom(
    ..."aZ9 Σσ-'’ʼ`‘—\u00ad\u200bЁёЕе\u0308и\u0306йІіЇїЎўЄє«»ﬁ①½İ\ud800\udc00𝐀𝐁\u0301.,…ẞß".split(''),
    "пам'ять",
    "Russia's",
  );
  it('for any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: alphabet, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 })),
        (text) => {
          expect(tokenize(text)).toEqual(referenceTokens(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('character rules', () => {
  const units = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const ruled = [...units(0, 0x7f), ...units(0x400, 0x4ff)];

  it('classifies ASCII and Cyrillic by rule exactly as normalisation does', () => {
    const wrong = ruled.filter((c) => ruleClass(c) !== computeClass(c)).map((c) => c.toString(16));
    expect(wrong).toEqual([]);
    expect(ruleClass(0x0451)).not.toBe(ruleClass(0x0435));
    expect(ruleClass(0x2019)).toBe(0);
  });

  it('answers word characters and combining marks by rule as the Unicode classes do', () => {
    const word = /[\p{L}\p{M}\p{N}]/u;
    const mark = /\p{M}/u;
    const checked = [...units(0, 0x52f), ...units(0x2000, 0x206f)];
    const wrongWord = checked.filter((c) => isWordCodePoint(c) !== word.test(String.fromCharCode(c)));
    const wrongMark = checked.filter((c) => isMark(c) !== mark.test(String.fromCharCode(c)));
    expect(wrongWord.map((c) => c.toString(16))).toEqual([]);
    expect(wrongMark.map((c) => c.toString(16))).toEqual([]);
    expect(isMark(0x0301)).toBe(isCombiningMark(0x0301));
  });
});
