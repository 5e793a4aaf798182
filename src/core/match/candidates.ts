import type { Tokens } from '../normalize/tokenize';
import type { CompiledPack, CompiledSequence, PatternEntry } from './compile';
import type { Element } from './pattern';
import { FUZZY_MIN_LENGTH } from './fuzzy';

/** A verified occurrence of one sequence: tokens [start, end) of one block. */
export interface Candidate {
  start: number;
  end: number;
  entry: PatternEntry;
  sequence: number;
}

/**
 * Finds every pattern and guard occurrence in one tokenised block. Each token is looked up once in the
 * exact-anchor map (also under its possessive base) and walks the stem trie once; only the sequences
 * anchored there are verified, outward from the anchor, with lazy gaps (the nearest fit wins).
 */
export function findCandidates(compiled: CompiledPack, tokens: Tokens, found: Candidate[], guards: Candidate[]): void {
  const { values, bases } = tokens;
  const n = values.length;
  const fuzzy = compiled.fuzzy;
  let fuzzyCache: (readonly string[] | undefined)[] | null = null;

  const fuzzyAt = (t: number): readonly string[] => {
    fuzzyCache ??= new Array(n);
    let words = fuzzyCache[t];
    if (words === undefined) words = fuzzyCache[t] = fuzzy!.lookup(values[t]!);
    return words;
  };

  const testWord = (word: string, t: number): boolean =>
    values[t] === word ||
    bases[t] === word ||
    (fuzzy !== null && word.length >= FUZZY_MIN_LENGTH && fuzzyAt(t).includes(word));

  const test = (el: Element, t: number): boolean => {
    if (el.kind === 'word') return testWord(el.value, t);
    if (el.kind === 'stem') return values[t]!.startsWith(el.value);
    if (el.kind === 'any') {
      for (const w of el.words) if (testWord(w, t)) return true;
      const v = values[t]!;
      for (const s of el.stems) if (v.startsWith(s)) return true;
    }
    return false;
  };

  const forward = (els: Element[], e: number, t: number): number => {
    if (e === els.length) return t;
    const el = els[e]!;
    if (el.kind === 'gap') {
      for (let g = el.min; g <= el.max && t + g < n; g++) {
        const end = forward(els, e + 1, t + g);
        if (end >= 0) return end;
      }
      return -1;
    }
    return t < n && test(el, t) ? forward(els, e + 1, t + 1) : -1;
  };

  const backward = (els: Element[], e: number, t: number): number => {
    if (e < 0) return t;
    const el = els[e]!;
    if (el.kind === 'gap') {
      for (let g = el.min; g <= el.max && t - g > 0; g++) {
        const start = backward(els, e - 1, t - g);
        if (start >= 0) return start;
      }
      return -1;
    }
    return t > 0 && test(el, t - 1) ? backward(els, e - 1, t - 1) : -1;
  };

  const verify = (sequences: readonly CompiledSequence[], i: number): void => {
    for (const seq of sequences) {
      const start = backward(seq.elements, seq.anchor - 1, i);
      if (start < 0) continue;
      const end = forward(seq.elements, seq.anchor + 1, i + 1);
      if (end < 0) continue;
      (seq.entry.guard ? guards : found).push({ start, end, entry: seq.entry, sequence: seq.id });
    }
  };

  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const hits = compiled.exact.get(v);
    if (hits) verify(hits, i);
    const base = bases[i];
    if (base !== undefined) {
      const baseHits = compiled.exact.get(base);
      if (baseHits) verify(baseHits, i);
    }
    let node = compiled.stems.next.get(v.charCodeAt(0));
    for (let k = 1; node; k++) {
      if (node.sequences) verify(node.sequences, i);
      if (k >= v.length) break;
      node = node.next.get(v.charCodeAt(k));
    }
    if (fuzzy && !hits && v.length >= FUZZY_MIN_LENGTH - 1) {
      for (const w of fuzzyAt(i)) {
        const fuzzyHits = compiled.exact.get(w);
        if (fuzzyHits) verify(fuzzyHits, i);
      }
    }
  }
}
