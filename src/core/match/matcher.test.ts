import { describe, expect, it } from 'vitest';
import type { Language } from '../pack/schema';
import { createMatcher } from './index';
import { testPack, type NarrativeSketch } from './test-pack';

/** Texts matched by a one-narrative pack with the given patterns (all in `lang`). */
function hits(patterns: string[], text: string | string[], lang: Language = 'en', guards: string[] = []): string[] {
  const pack = testPack([{ id: 'n', patterns: { [lang]: patterns }, guards: { [lang]: guards } }]);
  return createMatcher(pack)
    .scan(Array.isArray(text) ? text : [text])
    .map((m) => m.text);
}

describe('syntax elements', () => {
  it('matches exact words on token boundaries only', () => {
    expect(hits(['nato'], 'NATO, natomic, anato')).toEqual(['NATO']);
  });

  it('matches stems as token prefixes', () => {
    expect(hits(['invad*'], 'They invaded; an invasion; invaders')).toEqual(['invaded', 'invaders']);
  });

  it('matches multiword sequences with any punctuation between tokens', () => {
    expect(hits(['agents of the fsb'], 'agents — of the «FSB»')).toEqual(['agents — of the «FSB']);
    expect(hits(['agents of the fsb'], 'agents of fsb')).toEqual([]);
  });

  it('matches every alternative', () => {
    expect(hits(['(kyiv|kiev) regime'], ['Kyiv regime', 'Kiev regime', 'Lviv regime'])).toEqual([
      'Kyiv regime',
      'Kiev regime',
    ]);
  });

  it('matches multi-token alternatives and mixed word/stem sets', () => {
    const p = ['(north atlantic alliance|nato) …{0,2} (invad*|attack|war)'];
    expect(hits(p, ['The North Atlantic Alliance will invade', 'NATO at war', 'NATO at peace'])).toEqual([
      'The North Atlantic Alliance will invade'.slice(4),
      'NATO at war',
    ]);
  });

  it('matches with and without an optional token, preferring the longer span', () => {
    expect(hits(['the? kremlin plan'], ['the Kremlin plan', 'a Kremlin plan'])).toEqual([
      'the Kremlin plan',
      'Kremlin plan',
    ]);
  });

  it('honours gap bounds', () => {
    const p = ['nato …{1,2} belarus'];
    expect(hits(p, 'NATO belarus')).toEqual([]);
    expect(hits(p, 'NATO will belarus')).toEqual(['NATO will belarus']);
    expect(hits(p, 'NATO will invade belarus')).toEqual(['NATO will invade belarus']);
    expect(hits(p, 'NATO will soon invade belarus')).toEqual([]);
  });

  it('takes the nearest fit for a gap', () => {
    expect(hits(['nato … belarus'], 'NATO and Belarus and Belarus')).toEqual(['NATO and Belarus']);
  });

  it('matches an English possessive under the base word', () => {
    expect(hits(['belarus army'], "Belarus's army")).toEqual(["Belarus's army"]);
  });

  it('never crosses blocks', () => {
    expect(hits(['belarusian tank*'], ['Belarusian', 'tanks'])).toEqual([]);
  });
});

describe('Cyrillic in all four languages', () => {
  it('ru: stems cover inflections, ё and case do not matter', () => {
    expect(
      hits(['белорусск* танк*'], ['Белорусские танки', 'белорусских танков', 'БЕЛОРУССКИМ ТАНКАМ'], 'ru'),
    ).toHaveLength(3);
    expect(hits(['её армия'], 'ЕЁ армия', 'ru')).toEqual(['ЕЁ армия']);
  });

  it('uk: і/ї/є are distinct letters and the apostrophe variants are one', () => {
    expect(hits(["пам'ять"], ['пам’ять', 'памʼять', "пам'ять"], 'uk')).toHaveLength(3);
    expect(hits(['київ*'], ['Київ', 'Києва', 'Киев'], 'uk')).toEqual(['Київ']);
    expect(hits(['приєдна*'], 'приєднання', 'uk')).toEqual(['приєднання']);
  });

  it('be: ў is a letter of its own, words with apostrophes stay whole', () => {
    expect(hits(['беларус* …{0,2} ўвойдзе'], 'Беларусь ўвойдзе', 'be')).toEqual(['Беларусь ўвойдзе']);
    expect(hits(["з'явіцца"], 'можа з’явіцца', 'be')).toEqual(['з’явіцца']);
    expect(hits(['з'], 'можа з’явіцца', 'be')).toEqual([]);
  });

  it('matches decomposed letters and reports the original span', () => {
    const text = 'Переи\u0306дут и\u0306ети';
    const pack = testPack([{ id: 'n', patterns: { ru: ['перейдут'] } }]);
    const [m] = createMatcher(pack).scan([text]);
    expect(m?.text).toBe('Переи\u0306дут');
  });
});

describe('guards', () => {
  const pack = testPack([
    { id: 'tanks', patterns: { en: ['tank*'] }, guards: { en: ['think tank*', 'fish tank*'] } },
    { id: 'agents', patterns: { en: ['agent*'] }, guards: { en: ['estate agent*'] } },
    { id: 'camps', patterns: { en: ['camp*'] }, guards: { en: ['summer camp*'] } },
  ]);
  const scan = (text: string) =>
    createMatcher(pack)
      .scan([text])
      .map((m) => m.text);

  it.each(['Western think tanks disagree.', 'a fish tank', 'Estate agents raised prices.', 'summer camps for kids'])(
    'suppresses "%s"',
    (text) => expect(scan(text)).toEqual([]),
  );

  it('still matches the narrative use next to a guarded phrase', () => {
    expect(scan('think tanks say the tanks are ready; agents of the FSB; filtration camps')).toEqual([
      'tanks',
      'agents',
      'camps',
    ]);
  });

  it('applies a guard only to its own narrative', () => {
    const two = testPack([
      { id: 'a', patterns: { en: ['tank*'] }, guards: { en: ['think tank*'] } },
      { id: 'b', patterns: { en: ['tanks'] } },
    ]);
    expect(
      createMatcher(two)
        .scan(['think tanks'])
        .map((m) => m.narrativeIds),
    ).toEqual([['b']]);
  });
});

describe('tank* and tankers (decided by the pattern)', () => {
  it('a stem matches every token that starts with it, tankers included', () => {
    expect(hits(['tank*'], 'oil tankers')).toEqual(['tankers']);
  });

  it('explicit word forms do not', () => {
    expect(hits(['(tank|tanks)'], 'oil tankers and tanks')).toEqual(['tanks']);
  });
});

describe('result shape and resolution', () => {
  const narratives: NarrativeSketch[] = [
    { id: 'first', patterns: { en: ['belarusian tank*'] } },
    { id: 'second', patterns: { en: ['belarusian tanks'], ru: ['танк*'] } },
    { id: 'third', patterns: { en: ['belarusian tanks will move south'] } },
  ];

  it('merges narratives on the same span, primary first in pack order', () => {
    const pack = testPack(narratives.slice(0, 2));
    expect(createMatcher(pack).scan(['x Belarusian tanks'])).toEqual([
      {
        block: 0,
        start: 2,
        end: 18,
        text: 'Belarusian tanks',
        narrativeIds: ['first', 'second'],
        lang: 'en',
        pattern: 'belarusian tank*',
      },
    ]);
  });

  it('prefers the longest span and never overlaps', () => {
    const matches = createMatcher(testPack(narratives)).scan(['Belarusian tanks will move south. Belarusian tanks.']);
    expect(matches.map((m) => [m.text, m.narrativeIds])).toEqual([
      ['Belarusian tanks will move south', ['third']],
      ['Belarusian tanks', ['first', 'second']],
    ]);
  });

  it('sorts by block then start and reports block indices', () => {
    const matches = createMatcher(testPack(narratives)).scan(['', 'танки и танки', 'танк']);
    expect(matches.map((m) => [m.block, m.start])).toEqual([
      [1, 0],
      [1, 8],
      [2, 0],
    ]);
  });

  it('compiles only the requested languages', () => {
    const matcher = createMatcher(testPack(narratives), { languages: ['ru'] });
    expect(matcher.scan(['Belarusian tanks', 'танки']).map((m) => [m.text, m.lang])).toEqual([['танки', 'ru']]);
  });

  it('throws with the pattern path on a syntax error', () => {
    expect(() => createMatcher(testPack([{ id: 'x', patterns: { ru: ['ok', '(broken'] } }]))).toThrow(
      'narratives[0].patterns.ru[1]: unbalanced "("',
    );
  });
});
