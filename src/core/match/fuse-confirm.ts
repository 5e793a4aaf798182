import Fuse from 'fuse.js';
import { FUZZY_THRESHOLD } from './fuzzy';

/**
 * fuse.js's score for a page token against the one pattern word it is one edit away from (fuzzy.ts gives
 * only such pairs): the second opinion of the typo stage, given to it with `useVariantConfirm`.
 */
export function fuseConfirm(token: string, word: string): boolean {
  const [best] = new Fuse([word], { includeScore: true, threshold: FUZZY_THRESHOLD, ignoreLocation: true }).search(
    token,
  );
  return best !== undefined && (best.score ?? 1) <= FUZZY_THRESHOLD;
}
