import { MIN_VARIANT_LENGTH, VariantIndex } from './variant-index';

/**
 * Typo and spelling-variant tolerance for long pattern words ("lukashenko" also finds "Lukashenka",
 * "Lukaschenko"; "belorussia" finds "Byelorussia").
 *
 * Running fuse.js over every word of a page would cost more than the rest of the engine together, so
 * it is only a last stage: a page token first needs a word of the same first letter and a length
 * within one (a bit mask per letter), then a word sharing its first 3 or last 4 letters (two numeric
 * lookups), then a one-edit comparison; fuse.js scores only the pairs that survive. Results are cached
 * per token. Only words of ≥ 8 characters take part and the first letter must agree: short words have
 * too many innocent neighbours ("russian"/"prussian").
 *
 * fuse.js itself is not imported here but given to `useVariantConfirm` (fuse-confirm.ts): the core's
 * entry point (index.ts) gives it at once, while a page gets it only for a pack that has such words, as a
 * script of its own (src/content/variant-confirm.ts). The bundled pack has none, and a content script is
 * compiled on every page load, in every frame.
 */
export const FUZZY_MIN_LENGTH = MIN_VARIANT_LENGTH;
/** fuse.js score (0 = identical); one edit in an 8–12 letter word scores 0.08–0.13. */
export const FUZZY_THRESHOLD = 0.2;

export interface FuzzyIndex {
  /** Pattern words that `token` is a close variant of (never the token itself). */
  lookup(token: string): readonly string[];
}

const NONE: readonly string[] = [];
const CACHE_LIMIT = 50_000;

/** True when `token` is close enough to the pattern word `word`, which is one edit away from it. */
export type VariantConfirm = (token: string, word: string) => boolean;

let confirmVariant: VariantConfirm | null = null;

/** Sets how a candidate is scored (fuse-confirm.ts), for every index; null takes it away again (tests). */
export function useVariantConfirm(confirm: VariantConfirm | null): void {
  confirmVariant = confirm;
}

/** Whether a scorer has been given (a page loads it before matching a pack that needs it). */
export function variantConfirmGiven(): boolean {
  return confirmVariant !== null;
}

/** Builds the index over the given pattern words; returns null when no word is long enough. */
export function createFuzzyIndex(words: Iterable<string>): FuzzyIndex | null {
  const vocabulary = new Set<string>();
  for (const w of words) if (w.length >= FUZZY_MIN_LENGTH) vocabulary.add(w);
  if (vocabulary.size === 0) return null;

  const variants = new VariantIndex(vocabulary);
  const lengthMasks = new Map<number, number>();
  const bit = (length: number) => 1 << Math.min(length, 31);
  for (const w of vocabulary) {
    const first = w.charCodeAt(0);
    lengthMasks.set(first, (lengthMasks.get(first) ?? 0) | bit(w.length - 1) | bit(w.length) | bit(w.length + 1));
  }

  const cache = new Map<string, readonly string[]>();
  // Without a scorer (should a page match such a pack before its script has loaded), a word one edit away is
  // taken as it is: what fuse.js would also refuse is rare (two letters swapped in a word of 8 or 9), and
  // missing the variant altogether would lose more.
  const confirm = (token: string, word: string): boolean => (confirmVariant ? confirmVariant(token, word) : true);

  return {
    lookup(token) {
      const mask = lengthMasks.get(token.charCodeAt(0));
      if (mask === undefined || !(mask & bit(token.length)) || !variants.mayMatch(token)) return NONE;
      let found = cache.get(token);
      if (found) return found;
      const confirmed = variants.candidates(token).filter((w) => confirm(token, w));
      found = confirmed.length ? confirmed : NONE;
      if (cache.size < CACHE_LIMIT) cache.set(token, found);
      return found;
    },
  };
}
