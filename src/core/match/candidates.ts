import type { Tokens } from '../normalize/tokenize';
import type { AnchorIndex, CompiledSequence, PatternEntry } from './compile';
import { firstThreeKey } from './keys';
import { FUZZY_MIN_LENGTH } from './fuzzy';
import type { Element } from './pattern';

/** A verified occurrence of one sequence: tokens [start, end) of one block. */
export interface Candidate {
  start: number;
  end: number;
  entry: PatternEntry;
  sequence: number;
}

const NO_TOKENS: Tokens = { values: [], bases: [], starts: [], ends: [] };

/**
 * Finds every pattern and guard occurrence in one tokenised block at a time. Each token is looked up
 * once in the exact-anchor map (also under its possessive base) and once in the stem buckets; only the
 * sequences anchored there are verified, outward from the anchor, with lazy gaps (the nearest fit wins).
 * One scanner is reused for every block (a class, so the hot path allocates no closures).
 */
export class CandidateScanner {
  private tokens: Tokens = NO_TOKENS;
  private found: Candidate[] = [];
  private guards: Candidate[] = [];

  constructor(private readonly compiled: AnchorIndex) {}

  /** Fills `found` (pattern occurrences) and `guards` (guard occurrences) for one block. */
  scan(tokens: Tokens, found: Candidate[], guards: Candidate[]): void {
    this.tokens = tokens;
    this.found = found;
    this.guards = guards;
    const { exact, stems, fuzzy } = this.compiled;
    const { values, bases } = tokens;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      const hits = exact.get(v);
      if (hits) this.verify(hits, i);
      const base = bases[i];
      if (base !== undefined) {
        const baseHits = exact.get(base);
        if (baseHits) this.verify(baseHits, i);
      }
      if (v.length >= 3) {
        const bucket = stems.get(firstThreeKey(v));
        if (bucket) for (const anchor of bucket) if (v.startsWith(anchor.stem)) this.verify(anchor.sequences, i);
      }
      if (fuzzy && !hits && v.length >= FUZZY_MIN_LENGTH - 1) {
        for (const w of fuzzy.lookup(v)) {
          const fuzzyHits = exact.get(w);
          if (fuzzyHits) this.verify(fuzzyHits, i);
        }
      }
    }
    this.tokens = NO_TOKENS;
  }

  private testWord(word: string, t: number): boolean {
    const { values, bases } = this.tokens;
    if (values[t] === word || bases[t] === word) return true;
    const fuzzy = this.compiled.fuzzy;
    return fuzzy !== null && word.length >= FUZZY_MIN_LENGTH && fuzzy.lookup(values[t]!).includes(word);
  }

  private test(el: Element, t: number): boolean {
    if (el.kind === 'word') return this.testWord(el.value, t);
    const v = this.tokens.values[t]!;
    if (el.kind === 'stem') return v.startsWith(el.value);
    if (el.kind === 'any') {
      for (const w of el.words) if (this.testWord(w, t)) return true;
      for (const s of el.stems) if (v.startsWith(s)) return true;
    }
    return false;
  }

  /** End (exclusive) of the nearest fit of els[e…] starting at token t, or -1. */
  private forward(els: Element[], e: number, t: number): number {
    if (e === els.length) return t;
    const el = els[e]!;
    const n = this.tokens.values.length;
    if (el.kind === 'gap') {
      for (let g = el.min; g <= el.max && t + g < n; g++) {
        const end = this.forward(els, e + 1, t + g);
        if (end >= 0) return end;
      }
      return -1;
    }
    return t < n && this.test(el, t) ? this.forward(els, e + 1, t + 1) : -1;
  }

  /** Start of the nearest fit of els[…e] ending before token t, or -1. */
  private backward(els: Element[], e: number, t: number): number {
    if (e < 0) return t;
    const el = els[e]!;
    if (el.kind === 'gap') {
      for (let g = el.min; g <= el.max && t - g > 0; g++) {
        const start = this.backward(els, e - 1, t - g);
        if (start >= 0) return start;
      }
      return -1;
    }
    return t > 0 && this.test(el, t - 1) ? this.backward(els, e - 1, t - 1) : -1;
  }

  private verify(sequences: readonly CompiledSequence[], i: number): void {
    for (const seq of sequences) {
      const start = this.backward(seq.elements, seq.anchor - 1, i);
      if (start < 0) continue;
      const end = this.forward(seq.elements, seq.anchor + 1, i + 1);
      if (end < 0) continue;
      (seq.entry.guard ? this.guards : this.found).push({ start, end, entry: seq.entry, sequence: seq.id });
    }
  }
}
