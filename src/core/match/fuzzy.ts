import Fuse from 'fuse.js';

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
  for (const w of vocabulary) {
    add(w, w);
    for (const d of deletions(w)) add(d, w);
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
      if (token.length < FUZZY_MIN_LENGTH - 1 || vocabulary.has(token)) return NONE;
      let found = cache.get(token);
      if (found) return found;
      const proposed = new Set<string>();
      for (const key of [token, ...deletions(token)]) for (const w of byKey.get(key) ?? NONE) proposed.add(w);
      const result: string[] = [];
      for (const w of proposed) if (w[0] === token[0] && confirm(token, w)) result.push(w);
      found = result.length ? result : NONE;
      if (cache.size < 20_000) cache.set(token, found);
      return found;
    },
  };
}
