import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pack } from '../pack/schema';
import { compilePack, type CompiledPack, type CompiledSequence } from './compile';
import { createMatcher, matcherFromCompiled } from './index';
import type { Element } from './pattern';
import type { Match, Matcher } from './types';
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

/** Every sequence of a compiled pack (patterns and guards), in id order. */
function sequencesOf(compiled: CompiledPack): CompiledSequence[] {
  const byId = new Map<number, CompiledSequence>();
  for (const list of compiled.exact.values()) for (const s of list) byId.set(s.id, s);
  for (const bucket of compiled.stems.values()) for (const a of bucket) for (const s of a.sequences) byId.set(s.id, s);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

const FILLERS = ['the', 'and', 'said', 'one', 'its', 'и', 'на', 'што', 'ў', 'її', 'news', 'русский', 'believe', '2024'];
const STEM_ENDINGS = ['', 's', 'a', 'ian', 'ed', 'ов', 'ами', 'і', 'ці'];
const JOINS = [' ', ', ', ' — ', '\u00a0', '\n', ' «', '» ', '. ', '-', " '", '’ ', ' (', ') '];

/** One-letter edits: what the fuzzy stage tolerates in long words, and what it must not confuse. */
const typo = (w: string) =>
  fc
    .tuple(fc.nat({ max: w.length - 1 }), fc.constantFrom('delete', 'swap', 'a', 'о', 'x', 'insert'))
    .map(([i, edit]) => {
      if (edit === 'delete') return w.slice(0, i) + w.slice(i + 1);
      if (edit === 'swap') return w.slice(0, i) + w.slice(i + 1, i + 2) + w.slice(i, i + 1) + w.slice(i + 2);
      if (edit === 'insert') return w.slice(0, i) + 'e' + w.slice(i);
      return w.slice(0, i) + edit + w.slice(i + 1);
    });

/** A pack word as a page may write it: possessive, typo, near miss, or as is. */
function variant(w: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(w) },
    { weight: 1, arbitrary: fc.constantFrom("'s", '’s', 'ʼs', '`s').map((s) => w + s) },
    { weight: w.length >= 7 ? 2 : 0, arbitrary: typo(w) },
    { weight: 1, arbitrary: fc.constantFrom(w.slice(0, -1), `${w}x`, `x${w}`) },
  );
}

/** Case and the spellings normalisation undoes: ё for е, soft hyphens, zero-width spaces, apostrophes, marks. */
const decorate = (w: fc.Arbitrary<string>) =>
  fc
    .tuple(
      w,
      fc.constantFrom('as is', 'upper', 'title', 'alternating'),
      fc.boolean(),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom('\u00ad', '\u200b', '\u0301', '\u0308', '\ufe0f')) },
      ),
      fc.constantFrom("'", '’', 'ʼ'),
    )
    .map(([word, style, yo, insert, apostrophe]) => {
      let out = word;
      if (style === 'upper') out = out.toUpperCase();
      else if (style === 'title') out = out.charAt(0).toUpperCase() + out.slice(1);
      else if (style === 'alternating') out = [...out].map((ch, k) => (k % 2 ? ch.toUpperCase() : ch)).join('');
      if (yo) out = out.replace(/е/g, 'ё').replace(/Е/g, 'Ё');
      if (insert) {
        const at = insert[0] % (out.length + 1);
        out = out.slice(0, at) + insert[1] + out.slice(at);
      }
      return out.replace(/'/g, apostrophe);
    });

function elementWords(el: Element): fc.Arbitrary<string[]> {
  const stem = (s: string) => fc.constantFrom(...STEM_ENDINGS).chain((end) => variant(s + end));
  if (el.kind === 'gap') return fc.array(fc.constantFrom(...FILLERS), { minLength: el.min, maxLength: el.max + 1 });
  const word =
    el.kind === 'word'
      ? variant(el.value)
      : el.kind === 'stem'
        ? stem(el.value)
        : fc.oneof(...el.words.map(variant), ...el.stems.map(stem));
  return decorate(word).map((w) => [w]);
}

/** Text that renders one sequence of the pack, so matches (and near misses) actually occur. */
function sequenceText(compiled: CompiledPack): fc.Arbitrary<string> {
  const sequences = sequencesOf(compiled);
  return fc
    .nat({ max: sequences.length - 1 })
    .chain((i) => fc.tuple(...sequences[i]!.elements.map(elementWords)))
    .chain((parts) => {
      const words = parts.flat();
      return fc
        .array(fc.constantFrom(...JOINS), { minLength: words.length, maxLength: words.length })
        .map((joins) => words.map((w, k) => w + joins[k]).join(''));
    });
}

function blocksOf(compiled: CompiledPack): fc.Arbitrary<string[]> {
  const part = fc.oneof(
    { weight: 4, arbitrary: sequenceText(compiled) },
    { weight: 1, arbitrary: fc.array(decorate(fc.constantFrom(...FILLERS)), { maxLength: 6 }).map((w) => w.join(' ')) },
    { weight: 1, arbitrary: anyText },
  );
  return fc.array(
    fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' ')),
    { minLength: 1, maxLength: 4 },
  );
}

const realPack = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../packs/belarus-ukraine-troubled-period.json'), 'utf8'),
) as Pack;

describe.each([
  ['the test pack', compilePack(guarded)],
  ['the real pack', compilePack(realPack)],
])('prefilter on %s', (_name, compiled) => {
  const on = matcherFromCompiled(compiled);
  const off: Matcher = matcherFromCompiled(compiled, { prefilter: false });

  it('never changes the matches', () => {
    let blocksWithMatches = 0;
    fc.assert(
      fc.property(blocksOf(compiled), (blocks) => {
        const expected = off.scan(blocks);
        blocksWithMatches += new Set(expected.map((m) => m.block)).size;
        expect(on.scan(blocks)).toEqual(expected);
      }),
      { numRuns: 600 },
    );
    // The texts are built so that many blocks match: otherwise agreeing would prove little.
    expect(blocksWithMatches).toBeGreaterThan(200);
  });
});
