import Fuse from 'fuse.js';
import { DeletionHashSet } from './deletion-hash';

/**
 * Typo and spelling-variant tolerance for long pattern words ("lukashenko" also finds "Lukashenka",
 * "Lukaschenko"; "belorussia" finds "Byelorussia").
 *
 * Running fuse.js over every word of a page would cost more than the rest of the engine together, so
 * it is only a last stage. A page token is first checked against a bit mask (first letter × length)
 * and a Bloom filter of the words' one-deletion hashes, in O(length) integer work with nothing
 * allocated; only the few tokens that pass are compared (one-edit test) with the words of the same first
 * letter and a length within one, and fuse.js scores each surviving pair. Results are cached per token.
 * Only words of ≥ 8 characters take part and the first letter must agree: short words have too many
 * innocent neighbours ("russian"/"prussian").
 */
export const FUZZY_MIN_LENGTH = 8;
/** fuse.js score (0 = identical); one edit in an 8–12 letter word scores 0.08–0.13. */
export const FUZZY_THRESHOLD = 0.2;

export interface FuzzyIndex {
  /** Pattern words that `token` is a close variant of (never the token itself). */
  lookup(token: string): readonly string[];
}

const NONE: readonly string[] = [];
const CACHE_LIMIT = 50_000;

/** True when a and b differ by at most one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length || i === b.length) return true;
  const rest = (x: string, from: number, y: string, yFrom: number) => x.slice(from) === y.slice(yFrom);
  if (a.length === b.length)
    return rest(a, i + 1, b, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2, b, i + 2));
  return a.length > b.length ? rest(a, i + 1, b, i) : rest(a, i, b, i + 1);
}

function bucketKey(first: number, length: number): number {
  return first * 128 + Math.min(length, 127);
}

/** Builds the index over the given pattern words; returns null when no word is long enough. */
export function createFuzzyIndex(words: Iterable<string>): FuzzyIndex | null {
  const vocabulary = new Set<string>();
  for (const w of words) if (w.length >= FUZZY_MIN_LENGTH) vocabulary.add(w);
  if (vocabulary.size === 0) return null;

  const variants = new DeletionHashSet(vocabulary.size);
  const buckets = new Map<number, string[]>();
  const lengthMasks = new Map<number, number>();
  const bit = (length: number) => 1 << Math.min(length, 31);
  for (const w of vocabulary) {
    variants.addWithDeletions(w);
    const first = w.charCodeAt(0);
    const key = bucketKey(first, w.length);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(w);
    else buckets.set(key, [w]);
    lengthMasks.set(first, (lengthMasks.get(first) ?? 0) | bit(w.length - 1) | bit(w.length) | bit(w.length + 1));
  }

  const cache = new Map<string, readonly string[]>();
  const confirm = (token: string, word: string): boolean => {
    const [best] = new Fuse([word], { includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true }).search(
      token,
    );
    return best !== undefined && (best.score ?? 1) <= FUZZY_THRESHOLD;
  };

  return {
    lookup(token) {
      const first = token.charCodeAt(0);
      const mask = lengthMasks.get(first);
      if (mask === undefined || !(mask & bit(token.length)) || !variants.mayShareVariant(token)) return NONE;
      if (vocabulary.has(token)) return NONE;
      let found = cache.get(token);
      if (found) return found;
      const confirmed: string[] = [];
      for (let length = token.length - 1; length <= token.length + 1; length++) {
        for (const w of buckets.get(bucketKey(first, length)) ?? NONE)
          if (withinOneEdit(token, w) && confirm(token, w)) confirmed.push(w);
      }
      found = confirmed.length ? confirmed : NONE;
      if (cache.size < CACHE_LIMIT) cache.set(token, found);
      return found;
    },
  };
}
