import Fuse from 'fuse.js';
import { DeletionHashSet } from './deletion-hash';

/**
 * Typo and spelling-variant tolerance for long pattern words ("lukashenko" also finds "Lukashenka",
 * "Lukaschenko"; "belorussia" finds "Byelorussia").
 *
 * Running fuse.js over every word of a page would cost more than the rest of the engine together, so
 * it is only a second stage: a symmetric-deletion index (every word and each of its one-character
 * deletions, hashed) proposes candidates in O(token length) hash lookups, whatever the number of
 * patterns, and fuse.js scores the rare proposed pair. Only words of ≥ 8 characters take part and the
 * first letter must agree: short words have too many innocent neighbours ("russian"/"prussian").
 */
export const FUZZY_MIN_LENGTH = 8;
/** fuse.js score (0 = identical); one edit in an 8–12 letter word scores 0.08–0.13. */
export const FUZZY_THRESHOLD = 0.2;

export interface FuzzyIndex {
  /** Pattern words that `token` is a close variant of (never the token itself). */
  lookup(token: string): readonly string[];
}

const NONE: readonly string[] = [];

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < word.length; k++) out.push(word.slice(0, k) + word.slice(k + 1));
  return out;
}

/** Builds the index over the given pattern words; returns null when no word is long enough. */
export function createFuzzyIndex(words: Iterable<string>): FuzzyIndex | null {
  const vocabulary = new Set<string>();
  for (const w of words) if (w.length >= FUZZY_MIN_LENGTH) vocabulary.add(w);
  if (vocabulary.size === 0) return null;
  const byKey = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = byKey.get(key);
    if (!list) byKey.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  const variants = new DeletionHashSet(vocabulary.size);
  for (const w of vocabulary) {
    add(w, w);
    for (const d of deletions(w)) add(d, w);
    variants.addWithDeletions(w);
  }
  // Prefilter: per first letter, a bit mask of token lengths that could be one edit from a word.
  // Most page tokens fail it with one Map lookup and no string work.
  const lengthMasks = new Map<number, number>();
  const bit = (length: number) => 1 << Math.min(length, 31);
  for (const w of vocabulary) {
    const first = w.charCodeAt(0);
    lengthMasks.set(first, (lengthMasks.get(first) ?? 0) | bit(w.length - 1) | bit(w.length) | bit(w.length + 1));
  }
  const cache = new Map<string, readonly string[]>();
  const confirm = (token: string, word: string): boolean => {
    const [best] = new Fuse([word], { includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true }).search(
      token,
    );
    return best !== undefined && (best.score ?? 1) <= FUZZY_THRESHOLD;
  };
  const propose = (key: string, token: string, out: string[]) => {
    const words = byKey.get(key);
    if (words) for (const w of words) if (w[0] === token[0] && !out.includes(w)) out.push(w);
  };
  return {
    lookup(token) {
      const mask = lengthMasks.get(token.charCodeAt(0));
      if (mask === undefined || !(mask & bit(token.length)) || !variants.mayShareVariant(token)) return NONE;
      if (vocabulary.has(token)) return NONE;
      let found = cache.get(token);
      if (found) return found;
      const proposed: string[] = [];
      propose(token, token, proposed);
      for (let k = 0; k < token.length; k++) propose(token.slice(0, k) + token.slice(k + 1), token, proposed);
      const confirmed = proposed.filter((w) => confirm(token, w));
      found = confirmed.length ? confirmed : NONE;
      if (cache.size < 50_000) cache.set(token, found);
      return found;
    },
  };
}
