import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMatcher } from './index';
import { createFuzzyIndex, FUZZY_MIN_LENGTH, useVariantConfirm, variantConfirmGiven } from './fuzzy';
import { fuseConfirm } from './fuse-confirm';
import { testPack } from './test-pack';

const pack = testPack([
  { id: 'leader', patterns: { en: ['lukashenko regime', 'lukashenko'] } },
  { id: 'country', patterns: { en: ['(belarus|belorussia) …{0,2} annex*'] } },
  { id: 'short', patterns: { en: ['russian tanks'] } },
]);

describe('fuzzy second stage', () => {
  const scan = (text: string, fuzzy = true) =>
    createMatcher(pack, { fuzzy })
      .scan([text])
      .map((m) => [m.text, m.narrativeIds[0]]);

  it.each(['Lukashenka', 'Lukaschenko', 'Lukashenko', 'LUKASHENKOS'])('catches the variant %s', (name) => {
    expect(scan(`${name} regime`)).toEqual([[`${name} regime`, 'leader']]);
  });

  it('catches a variant inside a multiword sequence (not only at the anchor)', () => {
    expect(scan('Byelorussia will be annexed')).toEqual([['Byelorussia will be annexed', 'country']]);
  });

  it('is off when disabled', () => {
    expect(scan('Lukaschenko regime', false)).toEqual([]);
  });

  it('stays quiet on innocent text', () => {
    const innocent = [
      'The Prussian tanks of 1870 and Russians tanks are history.',
      'Lukas Schenk visited Luxembourg; the lucky shenanigans continued.',
      'Lakeshore cottages in Belarusian style; a lukewarm review of Lucknow.',
      'Lumberjack, lukasheva, locksmith, lukashevich and Lukaszewicz.',
    ];
    for (const text of innocent) expect(scan(text)).toEqual([]);
  });

  it('only indexes long words and requires the first letter to agree', () => {
    const index = createFuzzyIndex(['lukashenko', 'nato', 'kremlin'])!;
    expect(index.lookup('lukashenka')).toEqual(['lukashenko']);
    expect(index.lookup('mukashenko')).toEqual([]);
    expect(index.lookup('lukashenko')).toEqual([]);
    expect(createFuzzyIndex(['nato', 'kremlin'].filter((w) => w.length >= FUZZY_MIN_LENGTH))).toBeNull();
  });
});

describe('the typo stage’s scorer', () => {
  afterEach(() => useVariantConfirm(fuseConfirm));

  it('is fuse.js through the core’s entry point, which refuses two letters swapped in a word of 8 or 9', () => {
    expect(variantConfirmGiven()).toBe(true);
    const index = createFuzzyIndex(['annexing', 'lukashenko'])!;
    // One edit each, all found by the one-edit comparison; fuse.js scores the swap in "annexing" too far.
    expect(index.lookup('anmexing')).toEqual(['annexing']);
    expect(index.lookup('anenxing')).toEqual([]);
    expect(index.lookup('lukashneko')).toEqual(['lukashenko']);
  });

  it('is asked about each candidate once, and decides', () => {
    const confirm = vi.fn((token: string) => token !== 'lukaschenko');
    useVariantConfirm(confirm);
    const index = createFuzzyIndex(['lukashenko'])!;
    expect(index.lookup('lukashenka')).toEqual(['lukashenko']);
    expect(index.lookup('lukaschenko')).toEqual([]);
    expect(index.lookup('lukashenka')).toEqual(['lukashenko']);
    expect(confirm.mock.calls).toEqual([
      ['lukashenka', 'lukashenko'],
      ['lukaschenko', 'lukashenko'],
    ]);
  });

  it('when none is given (a page whose scorer did not load), takes any word one edit away', () => {
    useVariantConfirm(null);
    expect(variantConfirmGiven()).toBe(false);
    const index = createFuzzyIndex(['annexing'])!;
    expect(index.lookup('anenxing')).toEqual(['annexing']);
    expect(index.lookup('annexed')).toEqual([]);
  });
});
