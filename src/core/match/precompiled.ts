import type { Pack } from '../pack/schema';
import {
  expandPack,
  indexExpanded,
  packEntries,
  patternEntries,
  type AnchorIndex,
  type CompiledPack,
  type CompiledSequence,
  type PatternEntry,
  type StemAnchor,
} from './compile';
import { createFuzzyIndex, FUZZY_MIN_LENGTH, type FuzzyIndex } from './fuzzy';
import { createMatcher, matcherFromCompiled } from './matcher';
import {
  buildPrefilterIndex,
  restorePrefilterIndex,
  serializePrefilterIndex,
  type SerializedPrefilterIndex,
} from './prefilter-index';
import type { Matcher } from './types';
import type { Element } from './pattern';
import { sieveExpression, sieveSource } from './sieve';

/**
 * A pack's compiled anchor index as plain JSON, computed at build time for the bundled pack.
 *
 * Expanding patterns, choosing anchors and building the prefilter's tables is the costly part of making
 * a matcher (25–40 ms on a page, where the code runs cold), and it is the same on every page load. Even
 * rebuilding every sequence and hash map from the result took 6–10 ms of a page load, so the index holds
 * the anchor maps themselves, and a page builds only the entries its text looks up. The index names the
 * pack id and version it was made from, so a page never pairs it with a different pack.
 */
export interface PrecompiledIndex {
  format: 6;
  packId: string;
  packVersion: string;
  fuzzy: boolean;
  /** How many patterns and guards the pack has (a check that entries are numbered the same way). */
  entries: number;
  /**
   * The `AnchorTables`, as JSON text. They are parsed when a block first passes the prefilter: most pages
   * and frames never need them, and objects parsed at start-up but kept for later are copied by every young
   * generation collection until they are promoted (two of them landed in each first pass on real pages).
   */
  tables: string;
  /** The prefilter's tables for these sequences. */
  prefilter: SerializedPrefilterIndex;
  /** The sieve's regular expression over them (sieve.ts), or null when it would rule nothing out. */
  sieve: string | null;
}

/** The anchor index of a precompiled index. */
export interface AnchorTables {
  /** Distinct token tests and gaps; sequences share most of them. */
  elements: Element[];
  /** [indexes into elements, anchor position, index of the pattern among `packEntries`] per sequence. */
  sequences: [number[], number, number][];
  /** Exact-word anchors: the word and the sequences anchored on it, in the compiled maps' order. */
  exact: [string, number[]][];
  /** Stem anchors likewise, in buckets keyed by `firstThreeKey` of the stem. */
  stems: [number, [string, number[]][]][];
  /** The words the typo-tolerant stage compares page words with (none when `fuzzy` is off). */
  fuzzyWords: string[];
}

export class PrecompiledIndexError extends Error {
  override name = 'PrecompiledIndexError';
}

/** Expands the whole pack (every language, fuzzy matching on) into a serialisable index. */
export function precompilePack(pack: Pack): PrecompiledIndex {
  const expanded = expandPack(pack);
  const compiled = indexExpanded(expanded);
  const elementIds = new Map<string, number>();
  const elements: Element[] = [];
  const idOf = (el: Element): number => {
    const key = JSON.stringify(el);
    let id = elementIds.get(key);
    if (id === undefined) {
      id = elements.length;
      elementIds.set(key, id);
      elements.push(el);
    }
    return id;
  };
  const sequences = expanded.sequences.map((seq, i): [number[], number, number] => [
    seq.map(idOf),
    expanded.anchors[i]!,
    expanded.entries[i]!.order,
  ]);
  const ids = (list: readonly CompiledSequence[]) => list.map((s) => s.id);
  const fuzzyWords = new Set<string>();
  if (expanded.fuzzy)
    expanded.sequences.forEach((seq, i) => {
      if (expanded.entries[i]!.guard) return;
      for (const e of seq) {
        if (e.kind === 'word') fuzzyWords.add(e.value);
        else if (e.kind === 'any') for (const w of e.words) fuzzyWords.add(w);
      }
    });
  const tables: AnchorTables = {
    elements,
    sequences,
    exact: [...compiled.exact].map(([word, list]) => [word, ids(list)]),
    stems: [...compiled.stems].map(([key, bucket]) => [
      key,
      bucket.map((a): [string, number[]] => [a.stem, ids(a.sequences)]),
    ]),
    fuzzyWords: [...fuzzyWords],
  };
  const prefilterIndex = buildPrefilterIndex(compiled);
  return {
    format: 6,
    packId: pack.id,
    packVersion: pack.version,
    fuzzy: expanded.fuzzy,
    entries: packEntries(pack).length,
    tables: JSON.stringify(tables),
    prefilter: serializePrefilterIndex(prefilterIndex),
    sieve: sieveSource(prefilterIndex),
  };
}

/** The index's anchor tables, parsed; a `PrecompiledIndexError` when they are not JSON of the right shape. */
export function parseAnchorTables(index: PrecompiledIndex): AnchorTables {
  let tables: Partial<AnchorTables> | null;
  try {
    tables = JSON.parse(index.tables) as Partial<AnchorTables> | null;
  } catch {
    throw new PrecompiledIndexError('the anchor tables of the precompiled index are not JSON');
  }
  if (
    !tables ||
    ![tables.elements, tables.sequences, tables.exact, tables.stems, tables.fuzzyWords].every(Array.isArray)
  )
    throw new PrecompiledIndexError('the precompiled index is missing its anchor tables');
  return tables as AnchorTables;
}

/** Checks that an index is of this format and made for this pack; returns the pack's entries. */
function checkedEntries(index: PrecompiledIndex, pack: Pack): PatternEntry[] {
  if (index?.format !== 6) throw new PrecompiledIndexError('unknown precompiled index format');
  const entries = patternEntries(pack);
  if (index.packId !== pack.id || index.packVersion !== pack.version || index.entries !== entries.length)
    throw new PrecompiledIndexError(
      `the precompiled index is for ${index.packId} ${index.packVersion} (${index.entries} patterns), not ${pack.id} ${pack.version} (${entries.length} patterns)`,
    );
  if (typeof index.tables !== 'string') throw new PrecompiledIndexError('the precompiled index is missing its tables');
  return entries;
}

/**
 * The anchor index held by a precompiled index. Sequences and map entries are built the first time a page
 * word looks them up (a page touches a few dozen of the pack's thousand sequences); each is checked then,
 * and a malformed one throws a `PrecompiledIndexError`.
 */
function lazyAnchorIndex(
  index: AnchorTables & { fuzzy: boolean },
  entries: PatternEntry[],
): AnchorIndex & { sequence(id: number): CompiledSequence } {
  const { elements } = index;
  const malformed = (what: string) => new PrecompiledIndexError(`${what} of the precompiled index is malformed`);
  const built: (CompiledSequence | undefined)[] = [];
  const sequence = (id: number): CompiledSequence => {
    const done = built[id];
    if (done) return done;
    const raw = Number.isInteger(id) ? index.sequences[id] : undefined;
    const ids = raw?.[0];
    const seq: Element[] = [];
    if (Array.isArray(ids))
      for (const e of ids) {
        const el = elements[e];
        if (!el) break;
        seq.push(el);
      }
    const anchor = raw?.[1] ?? -1;
    const entry = entries[raw?.[2] ?? -1];
    const anchorEl = seq[anchor];
    if (!ids || seq.length !== ids.length || !anchorEl || anchorEl.kind === 'gap' || !entry)
      throw malformed(`sequence ${id}`);
    return (built[id] = { id, elements: seq, anchor, entry });
  };

  // Each entry is checked when it is first looked up, not all of them up front.
  const isAnchor = (pair: unknown): pair is [string, number[]] =>
    Array.isArray(pair) && typeof pair[0] === 'string' && Array.isArray(pair[1]);
  let exactIds: Map<string, number[]>;
  let stemIds: Map<number, [string, number[]][]>;
  try {
    exactIds = new Map(index.exact);
    stemIds = new Map(index.stems);
  } catch {
    throw malformed('the anchor table');
  }

  let fuzzy: FuzzyIndex | null = null;
  const fuzzyWords = index.fuzzy ? index.fuzzyWords : [];
  const hasFuzzy = fuzzyWords.some((w) => typeof w === 'string' && w.length >= FUZZY_MIN_LENGTH);

  return {
    sequence,
    exact: builtOnLookup(exactIds, (ids, word) => {
      if (!Array.isArray(ids)) throw malformed(`the anchor ${word}`);
      return ids.map(sequence);
    }),
    stems: builtOnLookup(stemIds, (raw, key): StemAnchor[] => {
      if (!Array.isArray(raw) || !raw.every(isAnchor)) throw malformed(`the stem bucket ${key}`);
      return raw.map(([stem, ids]) => ({ stem, sequences: ids.map(sequence) }));
    }),
    // The typo stage's own index is built on its first lookup.
    fuzzy: hasFuzzy ? { lookup: (token) => (fuzzy ??= createFuzzyIndex(fuzzyWords)!).lookup(token) } : null,
  };
}

/** A lookup that builds a key's value from its raw table entry the first time the key is asked for. */
function builtOnLookup<K, R, V>(raw: Map<K, R>, build: (entry: R, key: K) => V): { get(key: K): V | undefined } {
  const built = new Map<K, V>();
  return {
    get(key) {
      let value = built.get(key);
      if (value !== undefined) return value;
      const entry = raw.get(key);
      if (!entry) return undefined;
      value = build(entry, key);
      built.set(key, value);
      return value;
    },
  };
}

/**
 * Rebuilds the whole compiled pack from an index made by `precompilePack` for this same pack, checking every
 * sequence. Throws a `PrecompiledIndexError` when the index is of another format or another pack (id,
 * version or number of patterns), or is not well formed.
 */
export function restorePrecompiled(precompiled: PrecompiledIndex, pack: Pack): CompiledPack {
  const entries = checkedEntries(precompiled, pack);
  const index = { ...parseAnchorTables(precompiled), fuzzy: precompiled.fuzzy };
  const lazy = lazyAnchorIndex(index, entries);
  const exact = new Map<string, CompiledSequence[]>();
  for (const [word] of index.exact) exact.set(word, [...lazy.exact.get(word)!]);
  const stems = new Map<number, StemAnchor[]>();
  for (const [key] of index.stems) stems.set(key, [...lazy.stems.get(key)!]);
  // Sequences no anchor refers to are never used, but a well-formed index has none that is malformed.
  index.sequences.forEach((_, id) => lazy.sequence(id));
  const fuzzyWords = index.fuzzy ? index.fuzzyWords : [];
  return { exact, stems, fuzzy: createFuzzyIndex(fuzzyWords) };
}

/**
 * The matcher for a pack from its precompiled index. The index's header (format, pack, version, number of
 * patterns) and its prefilter tables are checked at once, and a mismatch throws a `PrecompiledIndexError`;
 * the anchor index is built piece by piece as the page's words look it up. Should a malformed piece turn up
 * then, the matcher compiles the pack itself (reporting the error through `onFallback`) and scans those
 * blocks again, so a damaged index costs time, never matches.
 */
export function matcherFromPrecompiled(
  index: PrecompiledIndex,
  pack: Pack,
  onFallback: (err: PrecompiledIndexError) => void = () => {},
): Matcher {
  const entries = checkedEntries(index, pack);
  let prefilterIndex;
  let sieve;
  try {
    prefilterIndex = restorePrefilterIndex(index.prefilter);
    if (index.sieve !== null && typeof index.sieve !== 'string') throw new Error('the sieve is malformed');
    sieve = index.sieve === null ? null : sieveExpression(index.sieve);
  } catch (err) {
    throw new PrecompiledIndexError(err instanceof Error ? err.message : String(err));
  }
  let matcher = matcherFromCompiled(
    () => lazyAnchorIndex({ ...parseAnchorTables(index), fuzzy: index.fuzzy }, entries),
    { prefilterIndex, sieve },
  );
  let fellBack = false;
  return {
    // After a fallback, the pack's own compiled matcher has no sieve: every block is scanned.
    sieve: () => matcher.sieve(),
    scan(blocks) {
      try {
        return matcher.scan(blocks);
      } catch (err) {
        if (fellBack || !(err instanceof PrecompiledIndexError)) throw err;
        fellBack = true;
        onFallback(err);
        matcher = createMatcher(pack);
        return matcher.scan(blocks);
      }
    },
  };
}
