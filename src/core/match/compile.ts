import type { Language, Pack } from '../pack/schema';
import { createFuzzyIndex, type FuzzyIndex } from './fuzzy';
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

/** All sequences anchored on one stem. */
export interface StemAnchor {
  stem: string;
  sequences: CompiledSequence[];
}

/**
 * Stem anchors bucketed by their first three UTF-16 units (stems have at least three characters), as a
 * number so the lookup allocates nothing: a token costs one Map lookup plus a `startsWith` per stem
 * sharing its first three letters, however many stems the pack has.
 */
export function stemKey(s: string): number {
  return (s.charCodeAt(0) * 65536 + s.charCodeAt(1)) * 65536 + s.charCodeAt(2);
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
  const key = stemKey(stem);
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
  pack.narratives.forEach((narrative, narrativeIndex) => {
    const groups: [string, Partial<Record<Language, string[]>> | undefined, boolean][] = [
      ['patterns', narrative.patterns, false],
      ['guards', narrative.guards, true],
    ];
    for (const [field, perLanguage, guard] of groups) {
      for (const [lang, patterns] of Object.entries(perLanguage ?? {}) as [Language, string[] | undefined][]) {
        if (wanted && !wanted.has(lang)) continue;
        (patterns ?? []).forEach((pattern, j) => {
          try {
            const entry = { narrativeIndex, narrativeId: narrative.id, lang, pattern, order: order++, guard };
            parsed.push({ entry, sequences: compilePattern(pattern) });
          } catch (err) {
            if (err instanceof PatternError)
              throw new PatternError(`narratives[${narrativeIndex}].${field}.${lang}[${j}]: ${err.message}`);
            throw err;
          }
        });
      }
    }
  });

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
