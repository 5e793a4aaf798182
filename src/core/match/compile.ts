import { packPatterns } from '../pack/patterns';
import type { Language, Pack } from '../pack/schema';
import { createFuzzyIndex, type FuzzyIndex } from './fuzzy';
import { firstThreeKey } from './keys';
import { countKeys, pickAnchor } from './anchor';
import { compilePattern, PatternError, type Element, type Sequence } from './pattern';

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
  const anchor = bucket.find((a) => a.stem === stem);
  if (anchor) anchor.sequences.push(sequence);
  else bucket.push({ stem, sequences: [sequence] });
}

/** Compiles the pack; a pattern syntax error throws with the pattern's path in the message. */
export function compilePack(pack: Pack, options: CompileOptions = {}): CompiledPack {
  const wanted = options.languages ? new Set(options.languages) : null;
  const parsed: { entry: PatternEntry; sequences: Sequence[] }[] = [];
  let order = 0;
  for (const { path, narrativeIndex, lang, pattern, guard } of packPatterns(pack)) {
    if (wanted && !wanted.has(lang)) continue;
    const entry = {
      narrativeIndex,
      narrativeId: pack.narratives[narrativeIndex]!.id,
      lang,
      pattern,
      order: order++,
      guard,
    };
    try {
      parsed.push({ entry, sequences: compilePattern(pattern) });
    } catch (err) {
      if (err instanceof PatternError) throw new PatternError(`${path}: ${err.message}`);
      throw err;
    }
  }

  const counts = countKeys(parsed.flatMap((p) => p.sequences));
  const exact = new Map<string, CompiledSequence[]>();
  const stems = new Map<number, StemAnchor[]>();
  const words = new Set<string>();
  let sequenceId = 0;
  for (const { entry, sequences } of parsed) {
    for (const elements of sequences) {
      const anchor = pickAnchor(elements, counts);
      const compiled: CompiledSequence = { id: sequenceId++, elements, anchor, entry };
      const el = elements[anchor]!;
      if (el.kind === 'word') addExact(exact, el.value, compiled);
      else if (el.kind === 'stem') addStem(stems, el.value, compiled);
      else if (el.kind === 'any') {
        for (const w of el.words) addExact(exact, w, compiled);
        for (const s of el.stems) addStem(stems, s, compiled);
      }
      if (!entry.guard)
        for (const e of elements) {
          if (e.kind === 'word') words.add(e.value);
          else if (e.kind === 'any') for (const w of e.words) words.add(w);
        }
    }
  }
  return { exact, stems, fuzzy: options.fuzzy === false ? null : createFuzzyIndex(words) };
}
