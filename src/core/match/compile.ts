import type { Language, Pack } from '../pack/schema';
import { createFuzzyIndex, type FuzzyIndex } from './fuzzy';
import { firstThreeKey } from './keys';
import { pickAnchors } from './anchor';
import { compilePattern, PatternError, type Element, type Sequence } from './pattern';

const FIELDS = ['patterns', 'guards'] as const;

/**
 * Compiles a whole pack into an anchor index. Every expanded sequence picks one required token as its
 * anchor; exact anchors go into a hash map and stem anchors into buckets keyed by their first three
 * letters. Scanning looks each page token up once in each, so the cost follows the length of the text,
 * not the number of patterns; only sequences whose anchor occurs are verified.
 */

export interface PatternEntry {
  narrativeIndex: number;
  narrativeId: string;
  lang: Language;
  /** The pattern as written in the pack. */
  pattern: string;
  /** Position among all patterns in pack order; lower wins ties. */
  order: number;
  guard: boolean;
}

export interface CompiledSequence {
  /** Unique per compiled pack; lets resolution compare occurrences of the same sequence. */
  id: number;
  elements: Element[];
  anchor: number;
  entry: PatternEntry;
}

/**
 * All sequences anchored on one stem. Stem anchors are bucketed by `firstThreeKey` (stems have at
 * least three characters): a token costs one Map lookup plus a `startsWith` per stem sharing its first
 * three letters, however many stems the pack has.
 */
export interface StemAnchor {
  stem: string;
  sequences: CompiledSequence[];
}

export interface CompiledPack {
  exact: Map<string, CompiledSequence[]>;
  stems: Map<number, StemAnchor[]>;
  fuzzy: FuzzyIndex | null;
}

/**
 * What scanning needs of a compiled pack: lookups only. A `CompiledPack` is one; the bundled pack's
 * precompiled index is another, which builds each entry the first time it is looked up.
 */
export interface AnchorIndex {
  exact: { get(word: string): readonly CompiledSequence[] | undefined };
  stems: { get(key: number): readonly StemAnchor[] | undefined };
  fuzzy: FuzzyIndex | null;
}

export interface CompileOptions {
  /** Compile only these languages' patterns and guards (default: all). */
  languages?: readonly Language[];
  /** Tolerate one-letter variants of long words (default: true). */
  fuzzy?: boolean;
}

function addExact(exact: Map<string, CompiledSequence[]>, word: string, sequence: CompiledSequence): void {
  const list = exact.get(word);
  if (list) list.push(sequence);
  else exact.set(word, [sequence]);
}

function addStem(stems: Map<number, StemAnchor[]>, stem: string, sequence: CompiledSequence): void {
  const key = firstThreeKey(stem);
  let bucket = stems.get(key);
  if (!bucket) stems.set(key, (bucket = []));
  for (let i = 0; i < bucket.length; i++)
    if (bucket[i]!.stem === stem) {
      bucket[i]!.sequences.push(sequence);
      return;
    }
  bucket.push({ stem, sequences: [sequence] });
}

/**
 * The pack's patterns expanded into sequences, each with its entry and anchor: everything an index is
 * built from. Plain data (JSON-safe), so a bundled pack's can be computed at build time.
 */
export interface ExpandedPack {
  sequences: Sequence[];
  /** entries[i] describes sequences[i] (entries of one pattern are shared). */
  entries: PatternEntry[];
  anchors: number[];
  fuzzy: boolean;
}

/**
 * One entry per pattern and guard of the pack, in pack order (narrative, then patterns before guards, then
 * file order, as in `packPatterns`), with the pattern's path for error messages.
 */
export function packEntries(pack: Pack, options: CompileOptions = {}): { entry: PatternEntry; path: string }[] {
  const out: { entry: PatternEntry; path: string }[] = [];
  forEachEntry(pack, options, (entry, field, j) =>
    out.push({ entry, path: `narratives[${entry.narrativeIndex}].${field}.${entry.lang}[${j}]` }),
  );
  return out;
}

/** The entries of `packEntries` without their paths (what a page needs: no strings built for errors). */
export function patternEntries(pack: Pack): PatternEntry[] {
  const out: PatternEntry[] = [];
  forEachEntry(pack, {}, (entry) => out.push(entry));
  return out;
}

/** How many patterns and guards `patternEntries` gives, without making them. */
export function countPatternEntries(pack: Pack): number {
  let count = 0;
  for (const narrative of pack.narratives)
    for (const field of FIELDS)
      for (const patterns of Object.values(narrative[field] ?? {})) count += patterns?.length ?? 0;
  return count;
}

function forEachEntry(
  pack: Pack,
  options: CompileOptions,
  visit: (entry: PatternEntry, field: (typeof FIELDS)[number], indexInList: number) => void,
): void {
  const wanted = options.languages ? new Set(options.languages) : null;
  let order = 0;
  for (let narrativeIndex = 0; narrativeIndex < pack.narratives.length; narrativeIndex++) {
    const narrative = pack.narratives[narrativeIndex]!;
    for (const field of FIELDS) {
      for (const [lang, patterns] of Object.entries(narrative[field] ?? {}) as [Language, string[] | undefined][]) {
        if (!patterns || (wanted && !wanted.has(lang))) continue;
        for (let j = 0; j < patterns.length; j++) {
          const entry: PatternEntry = {
            narrativeIndex,
            narrativeId: narrative.id,
            lang,
            pattern: patterns[j]!,
            order: order++,
            guard: field === 'guards',
          };
          visit(entry, field, j);
        }
      }
    }
  }
}

/** Expands and anchors the pack's patterns; a pattern syntax error throws with the pattern's path. */
export function expandPack(pack: Pack, options: CompileOptions = {}): ExpandedPack {
  const all: Sequence[] = [];
  const entries: PatternEntry[] = [];
  /** Pattern sources already compiled, for the same pattern written in several narratives. */
  const compiledSources = new Map<string, Sequence[]>();
  for (const { entry, path } of packEntries(pack, options)) {
    let sequences = compiledSources.get(entry.pattern);
    if (!sequences) {
      try {
        sequences = compilePattern(entry.pattern);
      } catch (err) {
        if (err instanceof PatternError) throw new PatternError(`${path}: ${err.message}`);
        throw err;
      }
      compiledSources.set(entry.pattern, sequences);
    }
    for (let k = 0; k < sequences.length; k++) {
      all.push(sequences[k]!);
      entries.push(entry);
    }
  }
  return { sequences: all, entries, anchors: pickAnchors(all), fuzzy: options.fuzzy !== false };
}

/** Builds the anchor index (and the fuzzy index) over expanded sequences. */
export function indexExpanded(expanded: ExpandedPack): CompiledPack {
  const { sequences: all, entries, anchors, fuzzy: withFuzzy } = expanded;
  const exact = new Map<string, CompiledSequence[]>();
  const stems = new Map<number, StemAnchor[]>();
  const words = new Set<string>();
  for (let id = 0; id < all.length; id++) {
    const elements = all[id]!;
    const entry = entries[id]!;
    const anchor = anchors[id]!;
    const compiled: CompiledSequence = { id, elements, anchor, entry };
    const el = elements[anchor]!;
    if (el.kind === 'word') addExact(exact, el.value, compiled);
    else if (el.kind === 'stem') addStem(stems, el.value, compiled);
    else if (el.kind === 'any') {
      for (let k = 0; k < el.words.length; k++) addExact(exact, el.words[k]!, compiled);
      for (let k = 0; k < el.stems.length; k++) addStem(stems, el.stems[k]!, compiled);
    }
    if (withFuzzy && !entry.guard)
      for (let k = 0; k < elements.length; k++) {
        const e = elements[k]!;
        if (e.kind === 'word') words.add(e.value);
        else if (e.kind === 'any') for (let w = 0; w < e.words.length; w++) words.add(e.words[w]!);
      }
  }
  return { exact, stems, fuzzy: withFuzzy ? createFuzzyIndex(words) : null };
}

/** Compiles the pack; a pattern syntax error throws with the pattern's path in the message. */
export function compilePack(pack: Pack, options: CompileOptions = {}): CompiledPack {
  return indexExpanded(expandPack(pack, options));
}
