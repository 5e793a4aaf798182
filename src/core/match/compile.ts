import type { Language, Pack } from '../pack/schema';
import { createFuzzyIndex, type FuzzyIndex } from './fuzzy';
import { countKeys, pickAnchor } from './anchor';
import { compilePattern, PatternError, type Element, type Sequence } from './pattern';

/**
 * Compiles a whole pack into an anchor index. Every expanded sequence picks one required token as its
 * anchor; exact anchors go into a hash map and stem anchors into a character trie. Scanning then looks
 * each page token up once in the map and walks the trie once along the token, so the cost follows the
 * length of the text, not the number of patterns; only sequences whose anchor occurs are verified.
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

export interface TrieNode {
  next: Map<number, TrieNode>;
  sequences: CompiledSequence[] | null;
}

export interface CompiledPack {
  exact: Map<string, CompiledSequence[]>;
  stems: TrieNode;
  fuzzy: FuzzyIndex | null;
}

export interface CompileOptions {
  /** Compile only these languages' patterns and guards (default: all). */
  languages?: readonly Language[];
  /** Tolerate one-letter variants of long words (default: true). */
  fuzzy?: boolean;
}

function newNode(): TrieNode {
  return { next: new Map(), sequences: null };
}

function addExact(exact: Map<string, CompiledSequence[]>, word: string, sequence: CompiledSequence): void {
  const list = exact.get(word);
  if (list) list.push(sequence);
  else exact.set(word, [sequence]);
}

function addStem(root: TrieNode, stem: string, sequence: CompiledSequence): void {
  let node = root;
  for (let k = 0; k < stem.length; k++) {
    const code = stem.charCodeAt(k);
    let child = node.next.get(code);
    if (!child) node.next.set(code, (child = newNode()));
    node = child;
  }
  (node.sequences ??= []).push(sequence);
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
  const stems = newNode();
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
