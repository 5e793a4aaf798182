import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Pack } from '../pack/schema';
import { createMatcher, matcherFromCompiled } from './index';
import {
  keyedLineReader,
  keyedLines,
  matcherFromPrecompiled,
  matcherFromPrecompiledParts,
  parseAnchorTables,
  precompilePack,
  precompiledHasTypoWords,
  PrecompiledIndexError,
  restorePrecompiled,
  serializeAnchorTables,
  type AnchorTables,
  type PrecompiledIndex,
} from './precompiled';
import { buildPrefilterIndex, restorePrefilterIndex } from './prefilter-index';
import { compilePack } from './compile';
import { testPack } from './test-pack';

const pack = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../packs/belarus-ukraine-troubled-period.json'), 'utf8'),
) as Pack;

/** Every example and counter-example of the pack, in every language, plus text built from the patterns' words. */
function texts(): string[] {
  const out: string[] = [];
  for (const n of pack.narratives) {
    for (const list of [n.examples, n.counterExamples])
      for (const l of Object.values(list ?? {})) out.push(...(l ?? []));
    // Patterns themselves, with their operators dropped, read as text: they hit every anchor.
    for (const l of Object.values(n.patterns)) for (const p of l ?? []) out.push(p.replace(/[()|?*…{}0-9,]/g, ' '));
  }
  return out;
}

const roundTrip = (index: PrecompiledIndex): PrecompiledIndex => JSON.parse(JSON.stringify(index)) as PrecompiledIndex;

/** A copy of the index whose anchor tables were changed by `change`. */
function withTables(index: PrecompiledIndex, change: (tables: AnchorTables) => unknown): PrecompiledIndex {
  const tables = parseAnchorTables(index);
  change(tables);
  return { ...roundTrip(index), tables: serializeAnchorTables(tables) };
}

describe('precompiled pack index', () => {
  it('gives exactly the matches of a pack compiled on the spot, after a trip through JSON', () => {
    const blocks = texts();
    const fresh = createMatcher(pack).scan(blocks);
    const restored = matcherFromCompiled(restorePrecompiled(roundTrip(precompilePack(pack)), pack)).scan(blocks);
    expect(fresh.length).toBeGreaterThan(300);
    expect(restored).toEqual(fresh);
    const withPrefilter = matcherFromPrecompiled(roundTrip(precompilePack(pack)), pack).scan(blocks);
    expect(withPrefilter).toEqual(fresh);
  });

  it('builds the anchor index only once a block passes the prefilter, and only once', () => {
    let builds = 0;
    const matcher = matcherFromCompiled(
      () => {
        builds++;
        return compilePack(pack);
      },
      { prefilterIndex: restorePrefilterIndex(precompilePack(pack).prefilter) },
    );
    expect(matcher.scan(['The weather in Lisbon was mild.', 'Markets closed higher on Tuesday.'])).toEqual([]);
    expect(builds).toBe(0);
    const matches = matcher.scan(texts());
    expect(matches).toEqual(createMatcher(pack).scan(texts()));
    matcher.scan(texts());
    expect(builds).toBe(1);
  });

  it('carries the prefilter tables exactly as they are built from the pack', () => {
    const restored = restorePrefilterIndex(roundTrip(precompilePack(pack)).prefilter);
    expect(restored).toEqual(buildPrefilterIndex(compilePack(pack)));
    expect(restored.probeCount).toBeGreaterThan(100);
  });

  it('stores each pattern once and names the pack it was made from', () => {
    const index = precompilePack(pack);
    const patterns = pack.narratives.reduce(
      (n, x) =>
        n +
        Object.values(x.patterns).reduce((m, l) => m + (l?.length ?? 0), 0) +
        Object.values(x.guards ?? {}).reduce((m, l) => m + (l?.length ?? 0), 0),
      0,
    );
    expect(index.entries).toBe(patterns);
    const tables = parseAnchorTables(index);
    expect(tables.sequences.length).toBeGreaterThan(patterns);
    // Sequences share their token tests: each distinct one is stored once.
    expect(new Set(tables.elements.map((e) => JSON.stringify(e))).size).toBe(tables.elements.length);
    expect([index.packId, index.packVersion]).toEqual([pack.id, pack.version]);
  });

  it('refuses an index made for another version of the pack', () => {
    const index = precompilePack(pack);
    expect(() => restorePrecompiled(index, { ...pack, version: '9.9.9' })).toThrow(PrecompiledIndexError);
    expect(() => restorePrecompiled(index, { ...pack, version: '9.9.9' })).toThrow(
      /not belarus-ukraine-troubled-period 9\.9\.9/,
    );
  });

  it('parses its anchor tables only once a block passes the prefilter, and only the entries looked up', () => {
    const index = roundTrip(precompilePack(pack));
    const tables = parseAnchorTables(index);
    const lines = (text: string) => new Set(text.split('\n'));
    const sequenceLines = lines(index.tables.sequences);
    const elementLines = lines(index.tables.elements);
    const values = (text: string) => new Set(text.split('\n').map((line) => line.slice(line.indexOf('\t') + 1)));
    const exactValues = values(index.tables.exact);
    const stemValues = values(index.tables.stems);
    const parsed: string[] = [];
    const parse = JSON.parse;
    vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof parse>[1]) => {
      parsed.push(text);
      return parse(text, reviver) as unknown;
    });
    try {
      const matcher = matcherFromPrecompiled(index, pack);
      expect(matcher.scan(['The weather in Lisbon was mild.', 'Markets closed higher on Tuesday.'])).toEqual([]);
      expect(parsed).toEqual([]);
      const text = ['Belarusian tanks will move south, the commentator claimed.'];
      const matches = matcher.scan(text);
      expect(matches).toEqual(createMatcher(pack).scan(text));
      expect(matches.length).toBeGreaterThan(0);
      // Of the maps, the entries of the sentence's words; of the sequences and elements, a few lines.
      const exactRead = parsed.filter((t) => exactValues.has(t));
      const stemsRead = parsed.filter((t) => stemValues.has(t));
      expect(exactRead.length + stemsRead.length).toBeGreaterThan(0);
      expect(exactRead.length).toBeLessThan(tables.exact.length / 10);
      expect(stemsRead.length).toBeLessThan(tables.stems.length / 10);
      // No part is parsed whole. The bundled pack has no word long enough for the typo stage: its list is
      // empty, and the stage is left out.
      expect(index.tables.fuzzyWords).toBe('[]');
      for (const part of ['exact', 'stems', 'sequences', 'elements', 'fuzzyWords'] as const)
        expect(parsed).not.toContain(index.tables[part]);
      const sequencesRead = parsed.filter((t) => sequenceLines.has(t));
      const elementsRead = parsed.filter((t) => elementLines.has(t));
      expect(sequencesRead.length).toBeGreaterThan(0);
      expect(sequencesRead.length).toBeLessThan(tables.sequences.length / 10);
      expect(elementsRead.length).toBeGreaterThan(0);
      expect(elementsRead.length).toBeLessThan(tables.elements.length / 10);
      // Nothing is parsed twice.
      const before = parsed.length;
      expect(matcher.scan(text)).toEqual(matches);
      expect(parsed.length).toBe(before);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('finds each key of a map written as keyed lines, and nothing for any other key', () => {
    const tables = parseAnchorTables(roundTrip(precompilePack(pack)));
    for (const pairs of [tables.exact, tables.stems] as [string | number, unknown][][]) {
      const reader = keyedLineReader(keyedLines(pairs), 'a table');
      const keys = new Set(pairs.map(([key]) => String(key)));
      for (const [key, value] of pairs) expect(reader.get(String(key))).toEqual(value);
      // Keys one letter shorter or longer, which sort right beside a key, are not it.
      for (const key of keys)
        for (const other of [key.slice(0, -1), `${key}a`, `${key}я`, `${key}0`, `${key} `, ''])
          if (!keys.has(other)) expect(reader.get(other)).toBeUndefined();
    }
    const few = keyedLines([
      ['b', 2],
      ['a', 1],
      ['ab', [3]],
    ]);
    expect(few).toBe('a\t1\nab\t[3]\nb\t2');
    expect(keyedLineReader(few, 'x').get('ab')).toEqual([3]);
    expect(keyedLineReader('', 'x').get('a')).toBeUndefined();
    expect(() => keyedLines([['a\tb', 1]])).toThrow(/control character/);
    expect(() => keyedLines([['a\nb', 1]])).toThrow(/control character/);
    expect(() => keyedLines([['a\u0001', 1]])).toThrow(/control character/);
  });

  it('falls back to compiling the pack when a piece of the index turns out malformed, with the same matches', () => {
    const index = roundTrip(precompilePack(pack));
    const fresh = createMatcher(pack).scan(texts());
    for (const damage of [
      (t: AnchorTables) => (t.sequences[3]![1] = 99),
      (t: AnchorTables) => (t.sequences[5]![0] = [...t.sequences[5]![0], t.elements.length]),
      (t: AnchorTables) => (t.exact[2]![1] = [t.sequences.length + 7]),
      (t: AnchorTables) => ((t.stems[0]![1] as unknown[])[0] = 'not a pair'),
      (t: AnchorTables) => ((t.elements as unknown[])[t.sequences[0]![0][0]!] = 7),
    ]) {
      const bad = withTables(index, damage);
      const errors: Error[] = [];
      const matcher = matcherFromPrecompiled(bad, pack, (err) => errors.push(err));
      expect(matcher.scan(texts())).toEqual(fresh);
      expect(matcher.scan(texts())).toEqual(fresh);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(PrecompiledIndexError);
      expect(errors[0]!.message).toMatch(/malformed/);
    }
  });

  it('refuses a malformed index with a clear error', () => {
    const index = roundTrip(precompilePack(pack));
    expect(() => restorePrecompiled({ ...index, format: 3 } as unknown as PrecompiledIndex, pack)).toThrow(
      /unknown precompiled index format/,
    );
    const badAnchor = withTables(index, (t) => (t.sequences[3]![1] = 99));
    expect(() => restorePrecompiled(badAnchor, pack)).toThrow(/sequence 3 .* malformed/);
    const badElement = withTables(index, (t) => (t.sequences[5]![0] = [...t.sequences[5]![0], t.elements.length]));
    expect(() => restorePrecompiled(badElement, pack)).toThrow(/sequence 5 .* malformed/);
    expect(() => restorePrecompiled({ ...index, tables: { ...index.tables, stems: '[[' } }, pack)).toThrow(
      /stem anchor table of the precompiled index is malformed/,
    );
    const reversed = index.tables.exact.split('\n').reverse().join('\n');
    expect(() => restorePrecompiled({ ...index, tables: { ...index.tables, exact: reversed } }, pack)).toThrow(
      /exact anchor table of the precompiled index is malformed/,
    );
    expect(() =>
      restorePrecompiled({ ...index, tables: { ...index.tables, stems: `${index.tables.stems}\n7\t[[` } }, pack),
    ).toThrow(/stem anchor table of the precompiled index is not JSON/);
    expect(() =>
      restorePrecompiled({ ...index, tables: { ...index.tables, sequences: `${index.tables.sequences}\n[1,` } }, pack),
    ).toThrow(/sequence \d+ of the precompiled index is not JSON/);
    expect(() => restorePrecompiled({ ...index, tables: { ...index.tables, exact: '{}' } }, pack)).toThrow(
      /exact anchor table of the precompiled index is malformed/,
    );
    // Tables that are not there are refused at once (the page then compiles the pack).
    for (const tables of [null, 'null', { ...index.tables, elements: undefined }])
      expect(() => matcherFromPrecompiled({ ...index, tables } as unknown as PrecompiledIndex, pack)).toThrow(
        'the precompiled index is missing its anchor tables',
      );
    // A part that is not JSON, or keyed lines that are not (a line without its tab, lines out of order, a
    // value that is not JSON), is found only once a block needs it: the matcher then compiles the pack, with
    // the same matches.
    const damagedParts: [keyof PrecompiledIndex['tables'], string, RegExp][] = [
      ...(['fuzzyWords', 'sequences', 'elements'] as const).map(
        (part): [keyof PrecompiledIndex['tables'], string, RegExp] => [part, `{${index.tables[part]}`, /not JSON/],
      ),
      ['exact', index.tables.exact.replace('\t', ' '), /exact anchor table .* malformed/],
      ['stems', index.tables.stems.split('\n').reverse().join('\n'), /stem anchor table .* malformed/],
      ['exact', index.tables.exact.replaceAll('\t[', '\t{['), /exact anchor table: .* not JSON/],
      ['stems', index.tables.stems.replaceAll('\t[', '\t{['), /stem anchor table: .* not JSON/],
    ];
    for (const [part, text, message] of damagedParts) {
      const errors: Error[] = [];
      const broken = { ...index, tables: { ...index.tables, [part]: text } };
      const matcher = matcherFromPrecompiled(broken, pack, (err) => errors.push(err));
      expect(matcher.scan(texts())).toEqual(createMatcher(pack).scan(texts()));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(message);
    }
    const badPrefilter = roundTrip(index);
    badPrefilter.prefilter.chars = badPrefilter.prefilter.chars.slice(0, -1);
    expect(() => matcherFromPrecompiled(badPrefilter, pack)).toThrow(PrecompiledIndexError);
    expect(() => matcherFromPrecompiled(badPrefilter, pack)).toThrow(/probe characters is malformed/);
    // A hash table's slots are written where its pairs say: a slot outside the table, or not a whole
    // number, or a pair cut short is refused, naming the table (a typed array would drop the write silently).
    const mask = index.prefilter.tables[0]![0];
    for (const [part, bad] of [
      [1, [mask + 1, 1]],
      [1, [-1, 1]],
      [2, [0.5, 1]],
      [2, ['3', 1]],
      [1, [0]],
    ] as const) {
      const broken = roundTrip(index);
      (broken.prefilter.tables[0]![part] as unknown[]).push(...bad);
      expect(() => matcherFromPrecompiled(broken, pack)).toThrow(/prefilter index: wide is malformed/);
    }
    // A pattern added to the pack without a new version renumbers the entries: refused too.
    const grown = structuredClone(pack);
    grown.narratives[0]!.patterns.en = [...(grown.narratives[0]!.patterns.en ?? []), 'extra pattern'];
    expect(() => restorePrecompiled(index, grown)).toThrow(/\(\d+ patterns\)/);
  });

  it('tells a page whether the typo stage has words to look for, so that it loads the scorer first', () => {
    const long = precompilePack(testPack([{ id: 'leader', patterns: { en: ['lukashenko regime'] } }]));
    expect(precompiledHasTypoWords(roundTrip(long))).toBe(true);
    expect(precompiledHasTypoWords({ ...long, fuzzy: false })).toBe(false);
    const short = precompilePack(testPack([{ id: 'tanks', patterns: { en: ['russian tanks'] } }]));
    expect(precompiledHasTypoWords(short)).toBe(false);
    // A damaged word list: the matcher finds that out itself, and compiles the pack (test above).
    expect(precompiledHasTypoWords({ ...long, tables: { ...long.tables, fuzzyWords: '["lukash' } })).toBe(false);
    // The same answer as compiling the pack (the bundled pack writes its long words as stems: none today).
    expect(precompiledHasTypoWords(precompilePack(pack))).toBe(compilePack(pack).fuzzy !== null);
    // The list holds only the words long enough for the stage, and is empty without any.
    expect(JSON.parse(long.tables.fuzzyWords)).toEqual(['lukashenko']);
    expect(short.tables.fuzzyWords).toBe('[]');
  });
});

describe('precompiled pack index in two parts: the head at once, the body when a block needs it', () => {
  const index = roundTrip(precompilePack(pack));
  const { tables, ...head } = index;
  const unrelated = ['The weather in Lisbon was mild.', 'Markets closed higher on Tuesday.'];

  /** A body loader (a mock, counting its calls) that hands over `body` a microtask later, or fails with it. */
  function bodyLoader(body: { pack: Pack; tables: typeof tables } | Error = { pack, tables }) {
    const load = vi.fn(async () => {
      await Promise.resolve();
      if (body instanceof Error) throw body;
      return body;
    });
    return load;
  }

  it('loads the body only for blocks that pass the prefilter, then matches as the pack compiled on the spot', async () => {
    const load = bodyLoader();
    const matcher = matcherFromPrecompiledParts(head, load);
    expect(matcher.sieve()).toEqual(matcherFromPrecompiled(index, pack).sieve());
    // Nothing passes: no body needed, and scanning needs none.
    expect(matcher.pending!(unrelated)).toBeNull();
    expect(matcher.scan(unrelated)).toEqual([]);
    expect(load).not.toHaveBeenCalled();
    const blocks = texts();
    const waiting = matcher.pending!(blocks);
    expect(waiting).toBeInstanceOf(Promise);
    // Asked again while it loads: the same load.
    expect(matcher.pending!(blocks)).toBe(waiting);
    await waiting;
    expect(load).toHaveBeenCalledTimes(1);
    expect(matcher.pending!(blocks)).toBeNull();
    expect(matcher.scan(blocks)).toEqual(createMatcher(pack).scan(blocks));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('refuses to scan a block that needs the body before it is in', () => {
    const matcher = matcherFromPrecompiledParts(head, bodyLoader());
    expect(() => matcher.scan(texts())).toThrow(/await pending\(\) first/);
    // Blocks that need none are matched (to nothing) all the same.
    expect(matcher.scan(unrelated)).toEqual([]);
  });

  it('leaves the blocks that need a body it could not load unmatched, and stops asking for it', async () => {
    const load = bodyLoader(new Error('storage is gone'));
    const matcher = matcherFromPrecompiledParts(head, load);
    await expect(matcher.pending!(texts())).resolves.toBeUndefined();
    expect(matcher.pending!(texts())).toBeNull();
    expect(matcher.scan(texts())).toEqual([]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('compiles the pack, with the same matches, when the body is not the head’s', async () => {
    const grown = structuredClone(pack);
    grown.narratives[0]!.patterns.en = [...(grown.narratives[0]!.patterns.en ?? []), 'extra pattern'];
    const errors: Error[] = [];
    const matcher = matcherFromPrecompiledParts(head, bodyLoader({ pack: grown, tables }), (err) => errors.push(err));
    await matcher.pending!(texts());
    expect(matcher.scan(texts())).toEqual(createMatcher(grown).scan(texts()));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/\(\d+ patterns\)/);
    // A body without its tables is refused the same way.
    const tableless = matcherFromPrecompiledParts(head, bodyLoader({ pack, tables: {} as typeof tables }));
    await tableless.pending!(texts());
    expect(tableless.scan(texts())).toEqual(createMatcher(pack).scan(texts()));
  });

  it('refuses a head of another format at once', () => {
    expect(() => matcherFromPrecompiledParts({ ...head, format: 7 as 8 }, bodyLoader())).toThrow(PrecompiledIndexError);
    expect(() =>
      matcherFromPrecompiledParts({ ...head, prefilter: { ...head.prefilter, kind: [] } }, bodyLoader()),
    ).toThrow(PrecompiledIndexError);
  });
});
