import type { Pack } from '../pack/schema';
import {
  countPatternEntries,
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
import { createMatcher, matcherFromCompiled, type DeferredPart } from './matcher';
import {
  buildPrefilterIndex,
  restorePrefilterIndex,
  serializePrefilterIndex,
  type PrefilterIndex,
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
  format: 8;
  packId: string;
  packVersion: string;
  fuzzy: boolean;
  /** How many patterns and guards the pack has (a check that entries are numbered the same way). */
  entries: number;
  /** The `AnchorTables`, each part as JSON text parsed when a page first needs it. */
  tables: SerializedAnchorTables;
  /** The prefilter's tables for these sequences. */
  prefilter: SerializedPrefilterIndex;
  /** The sieve's regular expression over them (sieve.ts), or null when it would rule nothing out. */
  sieve: string | null;
}

/**
 * An index without its anchor tables: all a page needs to restore the prefilter, and to find out, for most
 * pages, that nothing in them can match (see `matcherFromPrecompiledParts`).
 */
export type PrecompiledIndexHead = Omit<PrecompiledIndex, 'tables'>;

/** What matching a block that passes the prefilter needs besides the head: the pack and the anchor tables. */
export interface PrecompiledBody {
  pack: Pack;
  tables: SerializedAnchorTables;
}

/**
 * The anchor tables as text. Nothing is parsed until a block first passes the prefilter: most pages and
 * frames never need the tables, and objects parsed at start-up but kept for later are copied by every
 * young generation collection until they are promoted. Even then a page needs little of them, and parses
 * only that: elements and sequences are written one JSON value per line, each line parsed the first time it
 * is used, and the two maps one entry per line (`keyedLines`), found by a binary search over the lines and
 * parsed when a page word looks it up. Parsing all 110 kB at once cost 10–14 ms of the first pass on pages
 * where a single block passed (Chromium, with its collections); a page touches a few dozen of the thousand
 * sequences. Parsing the two maps whole took 1.6 ms cold in Node and allocated about 300 kB, a
 * young-generation collection's worth in a page; cutting a table of a thousand lines takes about 0.2 ms.
 */
export interface SerializedAnchorTables {
  /** `AnchorTables.elements`, one JSON value per line. */
  elements: string;
  /** `AnchorTables.sequences`, one JSON value per line. */
  sequences: string;
  /** `AnchorTables.exact` as keyed lines (`keyedLines`). */
  exact: string;
  /** `AnchorTables.stems` as keyed lines, each bucket's key written as a decimal number. */
  stems: string;
  /** `AnchorTables.fuzzyWords` as JSON. */
  fuzzyWords: string;
}

const TABLE_PARTS = ['elements', 'sequences', 'exact', 'stems', 'fuzzyWords'] as const;

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
  // Only the words long enough for the typo stage (`createFuzzyIndex` keeps no other): a page parses the
  // list, and skips the stage where it is empty (the bundled pack writes its long words as stems).
  const fuzzyWords = new Set<string>();
  const addFuzzy = (w: string) => {
    if (w.length >= FUZZY_MIN_LENGTH) fuzzyWords.add(w);
  };
  if (expanded.fuzzy)
    expanded.sequences.forEach((seq, i) => {
      if (expanded.entries[i]!.guard) return;
      for (const e of seq) {
        if (e.kind === 'word') addFuzzy(e.value);
        else if (e.kind === 'any') for (const w of e.words) addFuzzy(w);
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
    format: 8,
    packId: pack.id,
    packVersion: pack.version,
    fuzzy: expanded.fuzzy,
    entries: packEntries(pack).length,
    tables: serializeAnchorTables(tables),
    prefilter: serializePrefilterIndex(prefilterIndex),
    sieve: sieveSource(prefilterIndex),
  };
}

/** Anchor tables as an index stores them. */
export function serializeAnchorTables(tables: AnchorTables): SerializedAnchorTables {
  // JSON text never holds a raw line break, so a line is one value.
  const lines = (list: unknown[]) => list.map((v) => JSON.stringify(v)).join('\n');
  return {
    elements: lines(tables.elements),
    sequences: lines(tables.sequences),
    exact: keyedLines(tables.exact),
    stems: keyedLines(tables.stems),
    fuzzyWords: JSON.stringify(tables.fuzzyWords),
  };
}

/**
 * Key–value pairs written one per line, each the key, a tab and the value as JSON, the lines in code unit
 * order, so that a key's line is found by a binary search (`keyedLineReader`). Keys are page words, stems
 * or numbers: a key holding a control character (a tab, a line break) is refused.
 */
export function keyedLines(pairs: readonly (readonly [string | number, unknown])[]): string {
  const lines = pairs.map(([key, value]) => {
    const k = String(key);
    // A control character would sort before the tab that ends the key (see `keyedLineReader`).
    if ([...k].some((ch) => ch < ' ')) throw new Error(`an anchor key holds a control character: ${JSON.stringify(k)}`);
    return `${k}\t${JSON.stringify(value)}`;
  });
  return lines.sort().join('\n');
}

/** One part of the anchor tables, parsed; a `PrecompiledIndexError` when it is not JSON. */
function parsePart(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PrecompiledIndexError(`${what} of the precompiled index is not JSON`);
  }
}

/** A part written one JSON value per line, as a list (empty text: no values). */
const parseLines = (text: string, what: string): unknown[] =>
  text === '' ? [] : text.split('\n').map((line, i) => parsePart(line, `${what} ${i}`));

/**
 * The lines of keyed lines (`keyedLines`), checked: a line without a tab, or lines out of order, throw a
 * `PrecompiledIndexError`.
 */
function keyedLineList(text: string, what: string): string[] {
  const lines = text === '' ? [] : text.split('\n');
  for (let i = 0; i < lines.length; i++)
    if (lines[i]!.indexOf('\t') < 0 || (i > 0 && !(lines[i - 1]! < lines[i]!)))
      throw new PrecompiledIndexError(`${what} of the precompiled index is malformed`);
  return lines;
}

/** Keyed lines as pairs; a `PrecompiledIndexError` when they are malformed or a value is not JSON. */
function parseKeyedLines(text: string, what: string, key: (k: string) => string | number): unknown[] {
  return keyedLineList(text, what).map((line) => {
    const tab = line.indexOf('\t');
    return [key(line.slice(0, tab)), parsePart(line.slice(tab + 1), what)];
  });
}

/**
 * The index's anchor tables, all parsed at once; a `PrecompiledIndexError` when a part is not JSON or not a
 * list. (A page parses only what it uses, see `lazyAnchorIndex`.)
 */
export function parseAnchorTables(index: PrecompiledIndex): AnchorTables {
  const { tables } = index;
  const parsed = {
    elements: parseLines(tables.elements, 'element'),
    sequences: parseLines(tables.sequences, 'sequence'),
    exact: parseKeyedLines(tables.exact, 'the exact anchor table', String),
    stems: parseKeyedLines(tables.stems, 'the stem anchor table', Number),
    fuzzyWords: parsePart(tables.fuzzyWords, 'the typo word list'),
  };
  for (const part of TABLE_PARTS)
    if (!Array.isArray(parsed[part]))
      throw new PrecompiledIndexError(`the ${part} table of the precompiled index is malformed`);
  return parsed as AnchorTables;
}

/**
 * Values of a part written one JSON value per line, each parsed the first time it is asked for (undefined
 * for a line that does not exist). The text is cut into lines on the first call, with one native `split`:
 * finding the line starts with an `indexOf` loop took twice as long, cold (0.33–0.44 against 0.18 ms for the
 * bundled pack's 1,040 sequences in Node), and the first lookup is on the way to a page's first highlight.
 */
function lineReader(text: string, what: string): { get(i: number): unknown } {
  let lines: string[] | null = null;
  const parsed: unknown[] = [];
  return {
    get(i) {
      lines ??= text === '' ? [] : text.split('\n');
      if (!Number.isInteger(i) || i < 0 || i >= lines.length) return undefined;
      let value = parsed[i];
      if (value === undefined) value = parsed[i] = parsePart(lines[i]!, `${what} ${i}`);
      return value;
    },
  };
}

/**
 * Looks keys up in keyed lines (`keyedLines`): the text is cut into lines and checked on the first lookup
 * (malformed lines throw a `PrecompiledIndexError`: the matcher then compiles the pack); a key's line is
 * found by a binary search and its value parsed (undefined: no such key).
 */
export function keyedLineReader(text: string, what: string): { get(key: string): unknown } {
  let lines: string[] | null = null;
  return {
    get(key) {
      lines ??= keyedLineList(text, what);
      // A line sorts before `key` and a tab exactly when its key sorts before `key` (a tab sorts before any
      // character of a key), and the line of `key` itself starts with them.
      const probe = `${key}\t`;
      let lo = 0;
      let hi = lines.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (lines[mid]! < probe) lo = mid + 1;
        else hi = mid;
      }
      const line = lines[lo];
      if (line === undefined || !line.startsWith(probe)) return undefined;
      return parsePart(line.slice(probe.length), `${what}: ${key}`);
    },
  };
}

/** Checks that an index is of this format and made for this pack (its entries are made when needed). */
function checkHeader(index: PrecompiledIndex, pack: Pack): void {
  checkFormat(index);
  checkBody(index, { pack, tables: index.tables });
}

function checkFormat(index: PrecompiledIndexHead): void {
  if (index?.format !== 8) throw new PrecompiledIndexError('unknown precompiled index format');
}

/** Checks that the pack is the one the index was made for, and that the index's anchor tables are there. */
function checkBody(index: PrecompiledIndexHead, { pack, tables: given }: PrecompiledBody): void {
  const count = countPatternEntries(pack);
  if (index.packId !== pack.id || index.packVersion !== pack.version || index.entries !== count)
    throw new PrecompiledIndexError(
      `the precompiled index is for ${index.packId} ${index.packVersion} (${index.entries} patterns), not ${pack.id} ${pack.version} (${count} patterns)`,
    );
  const tables = given as unknown as Partial<Record<string, unknown>> | null;
  if (!tables || typeof tables !== 'object' || !TABLE_PARTS.every((part) => typeof tables[part] === 'string'))
    throw new PrecompiledIndexError('the precompiled index is missing its anchor tables');
}

/**
 * Whether the typo stage has words to look for in this index (long pattern words, fuzzy.ts), so that a
 * page must load its scorer before matching. False for a malformed word list: the matcher then finds that
 * out itself, and compiles the pack.
 */
export function precompiledHasTypoWords(index: Pick<PrecompiledIndex, 'fuzzy' | 'tables'>): boolean {
  if (!index.fuzzy) return false;
  try {
    const words = JSON.parse(index.tables.fuzzyWords) as unknown;
    return Array.isArray(words) && words.some((w) => typeof w === 'string' && w.length >= FUZZY_MIN_LENGTH);
  } catch {
    return false;
  }
}

/** The prefilter's tables restored; a malformed one throws a `PrecompiledIndexError`. */
function restoredPrefilter(index: PrecompiledIndexHead): PrefilterIndex {
  try {
    return restorePrefilterIndex(index.prefilter);
  } catch (err) {
    throw new PrecompiledIndexError(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The anchor index held by a precompiled index. Each part of the tables is parsed when first needed, and
 * sequences and map entries are built the first time a page word looks them up (a page touches a few dozen
 * of the pack's thousand sequences); each is checked then, and a malformed one throws a
 * `PrecompiledIndexError`.
 */
function lazyAnchorIndex(
  tables: SerializedAnchorTables,
  fuzzyOn: boolean,
  entries: PatternEntry[],
): AnchorIndex & { sequence(id: number): CompiledSequence } {
  const malformed = (what: string) => new PrecompiledIndexError(`${what} of the precompiled index is malformed`);
  const elements = lineReader(tables.elements, 'element');
  const sequences = lineReader(tables.sequences, 'sequence');
  const isElement = (el: unknown): el is Element =>
    typeof el === 'object' && el !== null && typeof (el as { kind?: unknown }).kind === 'string';
  const built: (CompiledSequence | undefined)[] = [];
  const sequence = (id: number): CompiledSequence => {
    const done = built[id];
    if (done) return done;
    const raw = sequences.get(id) as [unknown, unknown, unknown] | undefined;
    const ids = Array.isArray(raw) ? raw[0] : undefined;
    const seq: Element[] = [];
    if (Array.isArray(ids))
      for (const e of ids) {
        const el = elements.get(e as number);
        if (!isElement(el)) break;
        seq.push(el);
      }
    const anchor = Array.isArray(raw) && Number.isInteger(raw[1]) ? (raw[1] as number) : -1;
    const entry = Array.isArray(raw) && Number.isInteger(raw[2]) ? entries[raw[2] as number] : undefined;
    const anchorEl = seq[anchor];
    if (!Array.isArray(ids) || seq.length !== ids.length || !anchorEl || anchorEl.kind === 'gap' || !entry)
      throw malformed(`sequence ${id}`);
    return (built[id] = { id, elements: seq, anchor, entry });
  };

  // Each entry is checked when it is first looked up, not all of them up front.
  const isAnchor = (pair: unknown): pair is [string, number[]] =>
    Array.isArray(pair) && typeof pair[0] === 'string' && Array.isArray(pair[1]);
  let fuzzy: FuzzyIndex | null = null;
  const fuzzyIndex = (): FuzzyIndex => {
    if (fuzzy) return fuzzy;
    const words = parsePart(tables.fuzzyWords, 'the typo word list');
    if (!Array.isArray(words) || !words.every((w) => typeof w === 'string')) throw malformed('the typo word list');
    return (fuzzy = createFuzzyIndex(words as string[]) ?? { lookup: () => [] });
  };

  return {
    sequence,
    exact: builtOnLookup(keyedLineReader(tables.exact, 'the exact anchor table'), (ids, word: string) => {
      if (!Array.isArray(ids)) throw malformed(`the anchor ${word}`);
      return ids.map(sequence);
    }),
    stems: builtOnLookup(keyedLineReader(tables.stems, 'the stem anchor table'), (raw, key: number): StemAnchor[] => {
      if (!Array.isArray(raw) || !raw.every(isAnchor)) throw malformed(`the stem bucket ${key}`);
      return raw.map(([stem, ids]) => ({ stem, sequences: ids.map(sequence) }));
    }),
    // The typo stage's own index is built on its first lookup; without words, there is no stage.
    fuzzy: fuzzyOn && tables.fuzzyWords !== '[]' ? { lookup: (token) => fuzzyIndex().lookup(token) } : null,
  };
}

/**
 * A lookup that builds a key's value from its raw table entry the first time the key is asked for, and
 * remembers keys that have none (a page asks for the same common words again and again).
 */
function builtOnLookup<K extends string | number, V>(
  raw: { get(key: string): unknown },
  build: (entry: unknown, key: K) => V,
): { get(key: K): V | undefined } {
  const built = new Map<K, V | null>();
  return {
    get(key) {
      let value = built.get(key);
      if (value !== undefined) return value ?? undefined;
      const entry = raw.get(String(key));
      value = entry === undefined ? null : build(entry, key);
      built.set(key, value);
      return value ?? undefined;
    },
  };
}

/**
 * Rebuilds the whole compiled pack from an index made by `precompilePack` for this same pack, checking every
 * sequence. Throws a `PrecompiledIndexError` when the index is of another format or another pack (id,
 * version or number of patterns), or is not well formed.
 */
export function restorePrecompiled(precompiled: PrecompiledIndex, pack: Pack): CompiledPack {
  checkHeader(precompiled, pack);
  const tables = parseAnchorTables(precompiled);
  const lazy = lazyAnchorIndex(precompiled.tables, precompiled.fuzzy, patternEntries(pack));
  const exact = new Map<string, CompiledSequence[]>();
  for (const [word] of tables.exact) exact.set(word, [...lazy.exact.get(word)!]);
  const stems = new Map<number, StemAnchor[]>();
  for (const [key] of tables.stems) stems.set(key, [...lazy.stems.get(key)!]);
  // Sequences no anchor refers to are never used, but a well-formed index has none that is malformed.
  tables.sequences.forEach((_, id) => lazy.sequence(id));
  const fuzzyWords = precompiled.fuzzy ? tables.fuzzyWords : [];
  return { exact, stems, fuzzy: createFuzzyIndex(fuzzyWords) };
}

/**
 * The matcher for a pack from its precompiled index. The index's header (format, pack, version, number of
 * patterns) and its prefilter tables are checked at once, and a mismatch throws a `PrecompiledIndexError`;
 * the pack's entries and the anchor index are made when a block first passes the prefilter, the anchor index
 * piece by piece as the page's words look it up. Should a malformed piece turn up then, the matcher compiles
 * the pack itself (reporting the error through `onFallback`) and scans those blocks again, so a damaged index
 * costs time, never matches.
 */
export function matcherFromPrecompiled(
  index: PrecompiledIndex,
  pack: Pack,
  onFallback: (err: PrecompiledIndexError) => void = () => {},
): Matcher {
  checkHeader(index, pack);
  const body = { pack, tables: index.tables };
  return restoredMatcher(index, () => body, undefined, onFallback);
}

/**
 * The matcher from an index's head, with the pack and the anchor tables (the body) loaded only when a block
 * first passes the prefilter: on most pages where the sieve finds a place, none does, and the body (three
 * quarters of a stored copy) is never read. The head's format and prefilter are checked at once (a
 * `PrecompiledIndexError`); the body's pack is checked against the head when it arrives, and like a
 * malformed piece of the tables, a mismatch makes the matcher compile that pack.
 *
 * Callers await `pending(blocks)` before scanning blocks: it starts `loadBody` (once) when one of them
 * passes the prefilter. A body that cannot be loaded (`loadBody` rejects, having reported why) leaves the
 * blocks that need it unmatched.
 */
export function matcherFromPrecompiledParts(
  head: PrecompiledIndexHead,
  loadBody: () => Promise<PrecompiledBody>,
  onFallback: (err: PrecompiledIndexError) => void = () => {},
): Matcher {
  checkFormat(head);
  let body: PrecompiledBody | null = null;
  let state: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  let loading: Promise<void> | null = null;
  const deferred: DeferredPart = {
    state: () => state,
    load: () =>
      (loading ??= (async () => {
        state = 'loading';
        try {
          body = await loadBody();
          state = 'ready';
        } catch {
          state = 'failed';
        }
      })()),
  };
  return restoredMatcher(
    head,
    () => {
      if (!body) throw new Error('the precompiled index’s body is not loaded');
      return body;
    },
    deferred,
    onFallback,
  );
}

function restoredMatcher(
  head: PrecompiledIndexHead,
  body: () => PrecompiledBody,
  deferred: DeferredPart | undefined,
  onFallback: (err: PrecompiledIndexError) => void,
): Matcher {
  const prefilterIndex = restoredPrefilter(head);
  if (head.sieve !== null && typeof head.sieve !== 'string') throw new PrecompiledIndexError('the sieve is malformed');
  const sieve = head.sieve === null ? null : sieveExpression(head.sieve);
  const anchorIndex = () => {
    const { pack, tables } = body();
    // Checked already when the body came with the head; one that came later is checked here.
    if (deferred) checkBody(head, { pack, tables });
    return lazyAnchorIndex(tables, head.fuzzy, patternEntries(pack));
  };
  let matcher = matcherFromCompiled(anchorIndex, { prefilterIndex, sieve, deferred });
  let fellBack = false;
  return {
    // After a fallback, the pack's own compiled matcher has no sieve: every block is scanned.
    sieve: () => matcher.sieve(),
    pending: (blocks) => matcher.pending?.(blocks) ?? null,
    scan(blocks) {
      try {
        return matcher.scan(blocks);
      } catch (err) {
        if (fellBack || !(err instanceof PrecompiledIndexError)) throw err;
        fellBack = true;
        onFallback(err);
        matcher = createMatcher(body().pack);
        return matcher.scan(blocks);
      }
    },
  };
}
