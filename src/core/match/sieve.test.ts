import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pack } from '../pack/schema';
import { compilePack } from './compile';
import { createMatcher } from './matcher';
import { matcherFromPrecompiled, precompilePack } from './precompiled';
import { buildPrefilterIndex } from './prefilter-index';
import { findPlaces, sieveExpression, sieveParts, sieveServes, sieveSource, splitSieveSource } from './sieve';
import { testPack } from './test-pack';

const pack = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../packs/belarus-ukraine-troubled-period.json'), 'utf8'),
) as Pack;
const matcher = createMatcher(pack);
const precompiled = precompilePack(pack);
const sieve = matcherFromPrecompiled(precompiled, pack).sieve()!;

/**
 * Whether the sieve finds a place inside `text` when it is read between the texts of the blocks around it,
 * joined without anything between them, as an element's `textContent` joins its blocks.
 */
function found(text: string, before = '', after = ''): boolean {
  return findPlaces(sieve, before + text + after, before.length + text.length).some((p) => p >= before.length);
}

/** Text that matches: the pack's examples, and its patterns' words read as text. */
function matchingTexts(): string[] {
  const out: string[] = [];
  for (const n of pack.narratives) {
    for (const l of Object.values(n.examples ?? {})) out.push(...(l ?? []));
    for (const l of Object.values(n.patterns)) for (const p of l ?? []) out.push(p.replace(/[()|?*…{}0-9,]/g, ' '));
  }
  return out.filter((t) => matcher.scan([t]).length > 0);
}

/** Neighbouring blocks' text ending and starting with letters, digits or nothing. */
const neighbours = ['', 'x', 'Minsk', 'ь', 'Ё', '7', 'é', '\u0301'];

describe('sieve', () => {
  it('finds a place inside every example of the pack, whatever the blocks around it end and start with', () => {
    const texts = matchingTexts();
    expect(texts.length).toBeGreaterThan(150);
    const missed: string[] = [];
    for (const text of texts)
      for (const before of neighbours)
        for (const after of neighbours) if (!found(text, before, after)) missed.push(`${before}|${text}|${after}`);
    expect(missed).toEqual([]);
  });

  it('finds the place at the start of a block whatever the block before it ends with, a key’s first letters too', () => {
    const texts = matchingTexts().filter((t) => !/[()|?*…{}]/.test(t));
    // Every first one to six letters of every word of the examples: the block before may end with "GR",
    // and "GR" + "Ukraine's…" reads "GRU…".
    const endings = new Set<string>();
    for (const t of texts)
      for (const w of t.split(/[^\p{L}]+/u))
        for (let k = 1; k <= Math.min(6, w.length); k++) endings.add(w.slice(0, k));
    expect(endings.size).toBeGreaterThan(1_000);
    const missed: string[] = [];
    for (const text of texts) for (const before of endings) if (!found(text, before)) missed.push(`${before}|${text}`);
    expect(missed).toEqual([]);
  });

  it('never misses text the matcher matches in: case, ё, apostrophes, typos, odd and decomposed units', () => {
    const words = [
      'Belarusian',
      'BELARUS',
      'Lukashenka',
      'Lukaschenko',
      'Belarussian',
      'Bleaurs',
      'Лукашенко',
      'Лукашэнка',
      'генералы',
      'ГЕНЕРАЛІТЕТ',
      'Kremlin',
      'NATO',
      'Poland',
      'invasion',
      'tanks',
      'south',
      'move',
      'will',
      'militant',
      'camps',
      'Ukraine',
      'пам’ять',
      'FSB',
      'ФСБ',
      'agents',
      'are',
      'generals',
      'the',
      'Russia’s',
      'Минск',
      'танки',
      'Zelensky',
      'Ｂｅｌａｒｕｓ',
      'Бела\u00adрусь',
      'Бела\u0301русь',
      'Воиска',
      'Вои\u0306ска',
      'Бе\u0308ларусь',
      '\ud835\udc01elarus',
      'of',
    ];
    const units = [' ', ', ', '. ', '\u00ad', '\u200b', '\u0301', 'é', 'ﬁ', '\ud835\udc01', '«', '’', "'", '-', ''];
    const text = fc
      .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...words) }, fc.constantFrom(...units)), {
        maxLength: 16,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.constantFrom(...neighbours), fc.constantFrom(...neighbours), (t, before, after) => {
        if (matcher.scan([t]).length > 0) expect(found(t, before, after)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds no place in ordinary news text, even with the common words some patterns use', () => {
    const ordinary = [
      'The weather was mild on Sunday and the park filled up with families.',
      'Shares rose after the company reported better than expected quarterly earnings.',
      'Officials said the bridge over the river will reopen after the festival, the council reported.',
      'The group called for a national plan; the country’s general election is in the spring.',
      'A café opened in the village museum, and the library extended its hours.',
      'В субботу в городе прошёл фестиваль уличной еды и музыки.',
      'У неділю в парку відбувся благодійний забіг на п’ять кілометрів.',
      'У суботу ў парку адбыўся канцэрт мясцовых музыкаў.',
    ];
    for (const text of ordinary) expect(found(text)).toBe(false);
    // Units that normalisation drops or that could become a key letter are places of their own.
    expect(found('soft\u00adhyphen')).toBe(true);
    expect(found('ｍｉｌｉｔ')).toBe(true);
  });

  it('reads ё as е, as the matcher does: examples written in capitals with Ё for every Е', () => {
    const yo = matchingTexts()
      .filter((t) => /[а-я]/.test(t) && t.includes('е'))
      .map((t) => t.toUpperCase().replaceAll('Е', 'Ё'))
      .filter((t) => matcher.scan([t]).length > 0);
    expect(yo.length).toBeGreaterThan(10);
    expect(yo.filter((t) => !found(t))).toEqual([]);
  });

  it('finds places in examples written with decomposed letters (е and й as a letter and a combining mark)', () => {
    const decomposed = matchingTexts()
      .filter((t) => /[а-яё]/i.test(t))
      .map((t) => t.normalize('NFD').replaceAll('е', 'е\u0308').replaceAll('Е', 'Е\u0308'))
      .filter((t) => matcher.scan([t]).length > 0);
    expect(decomposed.length).toBeGreaterThan(50);
    expect(decomposed.filter((t) => !found(t))).toEqual([]);
  });

  it('is not made when it could rule nothing out', () => {
    const common = buildPrefilterIndex(
      compilePack(testPack([{ id: 'c', patterns: { en: ['(of|in) the', 'regime'] } }])),
    );
    expect(sieveSource(common)).toBeNull();
    const tanks = sieveSource(buildPrefilterIndex(compilePack(testPack([{ id: 't', patterns: { en: ['tank*'] } }]))));
    expect(tanks).not.toBeNull();
    const re = sieveExpression(tanks!);
    expect('the Tanks'.match(re)).not.toBeNull();
    expect('the tables'.match(re)).toBeNull();
  });

  it('is made ahead with the pack’s index, and a malformed one is refused', () => {
    expect(precompiled.sieve).toBe(sieveSource(buildPrefilterIndex(compilePack(pack))));
    expect(sieve.flags).toBe('g');
    expect(() => matcherFromPrecompiled({ ...precompiled, sieve: '(unclosed' }, pack)).toThrow(/Invalid regular/);
    expect(() => matcherFromPrecompiled({ ...precompiled, sieve: 7 as unknown as string }, pack)).toThrow(
      /sieve is malformed/,
    );
    // An index without one, and a pack compiled on the page (making one takes too long there): none.
    expect(matcherFromPrecompiled({ ...precompiled, sieve: null }, pack).sieve()).toBeNull();
    expect(createMatcher(pack).sieve()).toBeNull();
  });

  it('serves a pack made from the bundled one by leaving languages out, and no other', () => {
    const english: Pack = {
      ...pack,
      narratives: pack.narratives.map((n) => ({ ...n, patterns: { en: n.patterns.en ?? [] } })),
    };
    expect(sieveServes(pack, english)).toBe(true);
    expect(sieveServes(pack, pack)).toBe(true);
    const grown = structuredClone(english);
    grown.narratives[0]!.patterns.en = [...(grown.narratives[0]!.patterns.en ?? []), 'summer camps'];
    expect(sieveServes(pack, grown)).toBe(false);
    // The same pattern in another language is another pattern (words are read per language).
    const moved = structuredClone(english);
    moved.narratives[0]!.patterns = { ru: moved.narratives[0]!.patterns.en };
    expect(sieveServes(pack, moved)).toBe(false);
    // With its sieve, the English pack's matcher still finds every English example.
    const matcherEn = createMatcher(english, { sieve });
    expect(matcherEn.sieve()).toBe(sieve);
    const examples = pack.narratives.flatMap((n) => n.examples?.en ?? []);
    expect(examples.length).toBeGreaterThan(20);
    for (const text of examples) if (matcherEn.scan([text]).length) expect(found(text)).toBe(true);
  });

  describe('searched in parts', () => {
    /** Every position where the whole expression matches, searched as one expression. */
    const wholePlaces = (expression: RegExp, text: string): number[] => {
      const whole = new RegExp(expression.source, 'g');
      const places: number[] = [];
      for (let m = whole.exec(text); m !== null; m = whole.exec(text)) {
        places.push(m.index);
        whole.lastIndex = m.index + 1;
      }
      return places;
    };
    /** Every unit the expression names, and a few others, to build texts from. */
    const units = [
      ...new Set([
        ...[...sieve.source.matchAll(/\\u([0-9a-f]{4})/g)].map((m) => String.fromCharCode(parseInt(m[1]!, 16))),
        ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZабвгдежзийклмнопрстуфхцчшщъыьэюяёіїєўґ ,.\n\t-’\u00a0\u2003',
      ]),
    ];

    it('is made of parts by the script of each alternative’s first unit, cut apart once per expression', () => {
      const sources = splitSieveSource(sieve.source);
      expect(sieveParts(sieve).map((p) => p.source)).toEqual(sources);
      // Latin keys, Cyrillic keys, surrogate pairs and the units that are places on their own.
      expect(sources).toHaveLength(4);
      expect(sources[0]).toMatch(/^\(\?:\[\\u0046\\u0066\]/);
      expect(sources[1]).toMatch(/^\(\?:\[\\u04/);
      expect(sources[2]).toMatch(/^\\ud8/);
      // The units that are places on their own: one class of many ranges, behind a lookahead for their span.
      expect(sources[3]).toMatch(/^\(\?=\[\\u00a8-\\uffe3\]\)\[/);
      expect(sieveParts(sieve)).toBe(sieveParts(sieve));
      // The lookahead rules out no unit of the class.
      const behind = new RegExp(sources[3]!, 'y');
      const alone = new RegExp(sources[3]!.replace(/^\(\?=\[[^\]]*\]\)/, ''), 'y');
      expect(alone.source).not.toBe(behind.source);
      let inClass = 0;
      for (let c = 0; c < 0x10000; c++) {
        if (c >= 0xd800 && c <= 0xdfff) continue;
        const unit = String.fromCharCode(c);
        behind.lastIndex = alone.lastIndex = 0;
        const isPlace = alone.test(unit);
        if (isPlace) inClass++;
        expect(behind.test(unit)).toBe(isPlace);
      }
      expect(inClass).toBeGreaterThan(1_000);
    });

    it('finds what the whole expression finds, in the pack’s texts and in texts of every unit it names', () => {
      const texts = matchingTexts();
      expect(findPlaces(sieve, texts.join(''))).toEqual(wholePlaces(sieve, texts.join('')));
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...units), { maxLength: 400 }), (chars) => {
          const text = chars.join('');
          expect(findPlaces(sieve, text)).toEqual(wholePlaces(sieve, text));
        }),
        { numRuns: 400 },
      );
    });

    it('stops at the end it is given, in every part', () => {
      const text = 'Lukashenko in Minsk. Лукашенко в Минске. \uff2c\uff35\uff2b';
      const all = findPlaces(sieve, text);
      expect(all.length).toBeGreaterThan(3);
      for (const end of [0, 5, 20, text.length - 2])
        expect(findPlaces(sieve, text, end)).toEqual(all.filter((p) => p < end));
    });

    it('searches a source made without parts whole', () => {
      for (const source of ['a|\\d', 'Minsk|\\u041c\\u0438\\u043d\\u0441\\u043a']) {
        expect(splitSieveSource(source)).toEqual([source]);
        const expression = new RegExp(source, 'g');
        expect(sieveParts(expression)).toEqual([expression]);
        expect(findPlaces(expression, 'xa1 Minsk Минск')).toEqual(wholePlaces(expression, 'xa1 Minsk Минск'));
        expect(findPlaces(expression, 'xa1 Minsk Минск').length).toBeGreaterThan(1);
      }
    });
  });
});
