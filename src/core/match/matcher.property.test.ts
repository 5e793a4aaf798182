import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher } from './index';
import type { Match } from './types';
import { testPack } from './test-pack';

const narratives = [
  {
    id: 'tanks',
    patterns: { en: ['belarusian tank*', 'the? kremlin …{0,2} (order*|command*)'], ru: ['белорусск* танк*'] },
  },
  { id: 'annex', patterns: { en: ['russia* … annex* belarus'], uk: ["пам'ять …{1,2} білорус*"] } },
  { id: 'agents', patterns: { en: ['(fsb|gru) agent*', 'agents of the (fsb|gru)'], be: ['агент* (фсб|гру)'] } },
  { id: 'names', patterns: { en: ['lukashenko regime'] } },
];
const pack = testPack(narratives);
const guarded = testPack([
  ...narratives,
  { id: 'guard', patterns: { en: ['tank*'] }, guards: { en: ['think tank*'] } },
]);
const matcher = createMatcher(pack);
const guardedMatcher = createMatcher(guarded);

const WORDS = [
  'Belarusian',
  'tanks',
  'TANKERS',
  'the',
  'Kremlin',
  'ordered',
  'command',
  'Russia',
  'will',
  'annex',
  'Belarus',
  'FSB',
  'GRU',
  'agents',
  'of',
  'think',
  'Lukashenka',
  'regime',
  'белорусские',
  'танки',
  'пам’ять',
  'про',
  'білорусів',
  'агенты',
  'ФСБ',
  'ёж',
  'і',
  'ў',
  'news',
];
const SEPARATORS = [' ', ', ', ' — ', '\u00ad', '\u200b', ' «', '» ', '\n', '. '];
const word = fc.constantFrom(...WORDS);
const separator = fc.constantFrom(...SEPARATORS);
/** Sentences built from pattern words, so matches actually occur. */
const sentence = fc
  .array(fc.tuple(word, separator), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));
/** Anything at all: lone surrogates, combining marks, controls. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom('\u0301', '\u0306', 'е', 'и', '\ud800', '\udc00', 'Ё', 'ﬁ', ' ', 'a'),
    maxLength: 80,
  }),
  sentence,
);

function isBoundary(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return !(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}

/** Every broken invariant, as text; collected rather than asserted one by one so huge inputs stay fast. */
function problems(blocks: string[], matches: Match[]): string[] {
  const out: string[] = [];
  let previous: Match | undefined;
  for (const m of matches) {
    const text = blocks[m.block];
    const where = `block ${m.block} [${m.start}, ${m.end})`;
    if (text === undefined) out.push(`${where}: no such block`);
    else {
      if (!(m.start >= 0 && m.start < m.end && m.end <= text.length)) out.push(`${where}: outside the text`);
      if (!isBoundary(text, m.start) || !isBoundary(text, m.end)) out.push(`${where}: splits a surrogate pair`);
      if (m.text !== text.slice(m.start, m.end)) out.push(`${where}: text is not the original slice`);
    }
    if (!m.narrativeIds.length) out.push(`${where}: no narrative`);
    if (previous && (previous.block > m.block || (previous.block === m.block && m.start < previous.end)))
      out.push(`${where}: out of order or overlapping`);
    previous = m;
  }
  return out;
}

describe('matcher properties', () => {
  it('never throws and returns well-formed, ordered, non-overlapping matches', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 5 }), (blocks) => {
        expect(problems(blocks, guardedMatcher.scan(blocks))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('copes with a huge block', () => {
    const block = 'Belarusian tanks \u0301\ud800 '.repeat(40_000);
    const matches = matcher.scan([block]);
    expect(matches).toHaveLength(40_000);
    expect(problems([block], matches)).toEqual([]);
  });

  it('the original slice of every match is matched by its pattern on its own', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        for (const m of matcher.scan([text])) {
          const narrative = narratives.find((n) => n.id === m.narrativeIds[0])!;
          const single = createMatcher(testPack([{ id: 'single', patterns: { [m.lang]: [m.pattern] } }]));
          expect(single.scan([m.text]).map((s) => s.text)).toContain(m.text);
          expect(Object.values(narrative.patterns).flat()).toContain(m.pattern);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 4 }), (blocks) => {
        expect(createMatcher(pack).scan(blocks)).toEqual(matcher.scan(blocks));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same matches when a block is split at a word boundary, unless a match spans the split', () => {
    fc.assert(
      fc.property(sentence, sentence, (left, right) => {
        const joined = `${left} ${right}`;
        const whole = matcher.scan([joined]);
        const split = left.length;
        if (whole.some((m) => m.start < split && m.end > split)) return;
        const parts = matcher
          .scan([left, right])
          .map((m) => (m.block === 0 ? m : { ...m, block: 0, start: m.start + split + 1, end: m.end + split + 1 }));
        expect(parts).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});
