/**
 * Candidate generation for the fuzzy stage: which pattern words could a page token be one edit
 * (insertion, deletion, substitution, adjacent swap) away from?
 *
 * Pigeonhole: for words of ≥ 8 letters, one edit leaves either the first 3 letters or the last 4
 * untouched (an edit at position ≥ 3 spares the prefix; an edit before that, even a swap of letters
 * 2 and 3, spares the last 4, which start at position ≥ 4). So words are indexed under both, as numbers,
 * and a token costs two numeric Map lookups, with no string built, before any comparison.
 */
import { firstThreeKey } from './keys';

export const MIN_VARIANT_LENGTH = 8;

/** The first letter (which must agree anyway) and the last four, hashed to 32 bits. */
function suffixKey(s: string): number {
  let h = s.charCodeAt(0);
  for (let k = s.length - 4; k < s.length; k++) h = (Math.imul(h, 0x01000193) + s.charCodeAt(k)) | 0;
  return h;
}

/** True when a and b differ by at most one insertion, deletion, substitution or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === a.length || i === b.length) return true;
  const same = (x: string, xFrom: number, y: string, yFrom: number) => x.slice(xFrom) === y.slice(yFrom);
  if (a.length === b.length)
    return same(a, i + 1, b, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && same(a, i + 2, b, i + 2));
  return a.length > b.length ? same(a, i + 1, b, i) : same(a, i, b, i + 1);
}

export class VariantIndex {
  private readonly byPrefix = new Map<number, string[]>();
  private readonly bySuffix = new Map<number, string[]>();

  /** Indexes words of ≥ 8 UTF-16 units; shorter ones are ignored. */
  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length < MIN_VARIANT_LENGTH) continue;
      push(this.byPrefix, firstThreeKey(w), w);
      push(this.bySuffix, suffixKey(w), w);
    }
  }

  /** Indexed words with the token's first letter that are at most one edit from it (never the token itself). */
  candidates(token: string): string[] {
    if (token.length < MIN_VARIANT_LENGTH - 1) return [];
    const a = this.byPrefix.get(firstThreeKey(token));
    const b = this.bySuffix.get(suffixKey(token));
    if (!a && !b) return [];
    const out: string[] = [];
    for (const list of [a, b]) {
      for (const w of list ?? []) {
        if (w !== token && w[0] === token[0] && !out.includes(w) && withinOneEdit(token, w)) out.push(w);
      }
    }
    return out;
  }

  /** Cheap pre-check: false when no indexed word shares the token's prefix or suffix key. */
  mayMatch(token: string): boolean {
    return (
      token.length >= MIN_VARIANT_LENGTH - 1 &&
      (this.byPrefix.has(firstThreeKey(token)) || this.bySuffix.has(suffixKey(token)))
    );
  }
}

function push(map: Map<number, string[]>, key: number, word: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [word]);
  else if (!list.includes(word)) list.push(word);
}
