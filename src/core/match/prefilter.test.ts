import { describe, expect, it } from 'vitest';
import { compilePack } from './compile';
import { matcherFromCompiled, PREFILTER_MAX_PROBES } from './matcher';
import { buildPrefilterIndex } from './prefilter-index';
import { createPrefilter } from './prefilter';
import { testPack } from './test-pack';
import { computeUnit, ruleUnit } from './unit-table';

const compiled = compilePack(
  testPack([
    { id: 'regime', patterns: { en: ['lukashenko regime'] } },
    { id: 'army', patterns: { en: ['russia (troops|army)'] } },
    { id: 'trees', patterns: { ru: ['елк* (горит|горят)'] } },
    { id: 'letters', patterns: { en: ['a b', 'us (spy|cia) base*'] } },
    { id: 'threat', patterns: { be: ['пагроз* ад украін*'], uk: ["пам'ять …{0,2} білорус*"] } },
    { id: 'guarded', patterns: { en: ['tank*'] }, guards: { en: ['think tank*'] } },
    { id: 'ligatures', patterns: { en: [`${'fi'.repeat(300)} office*`] } },
  ]),
);
const prefilter = createPrefilter(compiled);
const withPrefilter = matcherFromCompiled(compiled);
const without = matcherFromCompiled(compiled, { prefilter: false });

/** The prefilter's verdict, after checking that it never hides a match. */
function decide(text: string): boolean {
  const verdict = prefilter.mayMatch(text);
  const matches = without.scan([text]);
  if (matches.length) expect(verdict).toBe(true);
  expect(withPrefilter.scan([text])).toEqual(matches);
  return verdict;
}

describe('prefilter', () => {
  it('passes blocks holding a whole pattern and rules out blocks missing one of its words', () => {
    expect(decide('Protests against the Lukashenko regime grew.')).toBe(true);
    expect(decide('Lukashenko spoke; the regime')).toBe(true);
    expect(decide('Lukashenko spoke.')).toBe(false);
    expect(decide('The regime spoke.')).toBe(false);
    expect(decide('Nothing here at all, not even a near miss.')).toBe(false);
  });

  it('reads words split by a soft hyphen or a zero-width space as the tokeniser does', () => {
    expect(decide('the Lukashen\u00adko re\u200bgime')).toBe(true);
    expect(decide('the Lukashen ko regime')).toBe(false);
  });

  it('gives up on a combining mark, which merges with the letter before it', () => {
    expect(decide('Lu\u0301kashenko regime')).toBe(true);
    expect(decide('Le\u0301on spoke.')).toBe(true);
  });

  it('finds English possessives with any apostrophe', () => {
    expect(decide('Russia’s army')).toBe(true);
    expect(decide("Russia's troops")).toBe(true);
    expect(decide('Russia`s army')).toBe(true);
    expect(decide('Prussia’s army')).toBe(false);
    expect(decide('Russia’ army')).toBe(true);
  });

  it('joins words across an apostrophe as the tokeniser does', () => {
    expect(decide('Пам’ять про білорусів')).toBe(true);
    expect(decide('Пам ять про білорусів')).toBe(false);
    expect(decide("Пам''ять про білорусів")).toBe(false);
  });

  it('reads ё and Ё as е, also at the start of a word', () => {
    expect(decide('Ёлки горят')).toBe(true);
    expect(decide('ЁЛКА ГОРИТ')).toBe(true);
    expect(decide('Ёжики горят')).toBe(false);
  });

  it('handles anchors shorter than three letters', () => {
    expect(decide('A, B!')).toBe(true);
    expect(decide('a c b')).toBe(true);
    expect(decide('ab c')).toBe(false);
    expect(decide('US spy bases')).toBe(true);
    expect(decide('USA spy bases')).toBe(false);
    expect(decide('Пагроза ад Украіны')).toBe(true);
    expect(decide('Пагроза аду Украіны')).toBe(false);
  });

  it('finds one-letter variants of long words', () => {
    expect(decide('Lukashenka regime')).toBe(true);
    expect(decide('LUKASCHENKO regime')).toBe(true);
    expect(decide('Lukashenkos regime')).toBe(true);
    expect(decide('Lukash regime')).toBe(false);
    expect(decide('Loukachenka regime')).toBe(false);
  });

  it('takes common function words as met, and passes every block when a pattern has nothing else', () => {
    expect(decide('the regime of the state')).toBe(false);
    const common = compilePack(testPack([{ id: 'common', patterns: { en: ['(of|in) the', 'regime'] } }]));
    const everything = createPrefilter(common);
    expect(everything.mayMatch('nothing of note')).toBe(true);
    expect(everything.mayMatch('xyz')).toBe(true);
  });

  it('ignores guards, which only remove matches', () => {
    expect(decide('a think tank')).toBe(true);
    expect(decide('a think piece')).toBe(false);
  });

  it('normalises other characters one at a time (ligatures, full-width and astral letters)', () => {
    expect(decide('Ｌｕｋａｓｈｅｎｋｏ regime')).toBe(true);
    expect(decide('lukashenko re\ufb01me')).toBe(false);
    expect(decide('𝐋𝐮𝐤𝐚𝐬𝐡𝐞𝐧𝐤𝐨 regime')).toBe(true);
    expect(decide('Lukashenko 😀 regime')).toBe(true);
    expect(decide('\ud800Lukashenko\udc00regime')).toBe(true);
    // Each ﬁ is two characters: the token outgrows a buffer sized by the block.
    expect(decide(`${'\ufb01'.repeat(300)} o\ufb03ces`)).toBe(true);
    expect(decide(`${'\ufb01'.repeat(298)}fxfx o\ufb03ces`)).toBe(false);
  });
});

describe('unit table', () => {
  it('classifies ASCII, Cyrillic, General Punctuation and the listed Latin-1 units by rule as normalisation does', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const byRule = ruleUnit(c);
      if (byRule >= 0 && byRule !== computeUnit(c)) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(ruleUnit(0x0401)).toBe(ruleUnit(0x0435));
    expect(ruleUnit(0xe9)).toBe(-1);
  });
});

describe('when the prefilter is used', () => {
  it('uses a given index, and scans without one that has too many probes to pay off', () => {
    const text = 'The Lukashenko regime said so.';
    // An index that rules out every block: used, it hides the match; past the probe limit it is ignored.
    const empty = buildPrefilterIndex(compilePack(testPack([{ id: 'x', patterns: { en: ['zzzz qqqq'] } }])));
    expect(matcherFromCompiled(compiled, { prefilterIndex: empty }).scan([text])).toEqual([]);
    const huge = { ...empty, probeCount: PREFILTER_MAX_PROBES + 1 };
    expect(matcherFromCompiled(compiled, { prefilterIndex: huge }).scan([text])).toEqual(without.scan([text]));
    expect(without.scan([text])).toHaveLength(1);
  });
});
