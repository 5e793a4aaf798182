import { normalizeWithOffsets } from './normalize';

/**
 * Word tokens over normalised text. JS `\b` only knows ASCII word characters, so it fails on every
 * Cyrillic word; instead a token is a run of letters, combining marks and digits (`\p{L}\p{M}\p{N}`).
 * An apostrophe between two letters stays inside the token, because in Ukrainian and Belarusian it is
 * part of the word («пам'ять», «з'явіцца»); elsewhere (quotes, a trailing `'`) it separates tokens.
 * Hyphens separate tokens: `pro-russian` is two tokens, in patterns and in text alike.
 */
export interface Tokens {
  /** Normalised token strings. */
  values: string[];
  /** For English possessives (`russia's`): the token without `'s`; otherwise undefined. */
  bases: (string | undefined)[];
  /** Original UTF-16 span of each token. */
  starts: number[];
  ends: number[];
}

const WORD = /[\p{L}\p{M}\p{N}]/u;
const wordCache = new Map<number, boolean>();

/** True for letters, marks and digits; a table for ASCII, a cache for the rest. */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a);
  let w = wordCache.get(cp);
  if (w === undefined) {
    w = WORD.test(String.fromCodePoint(cp));
    wordCache.set(cp, w);
  }
  return w;
}

/** Splits normalised text into tokens; `at(k)` maps normalised index k to original offsets. */
export function tokenizeNormalized(norm: string, origStarts: readonly number[], origEnds: readonly number[]): Tokens {
  const values: string[] = [];
  const bases: (string | undefined)[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const n = norm.length;
  let k = 0;
  while (k < n) {
    const cp = norm.codePointAt(k)!;
    if (!isWordCodePoint(cp)) {
      k += cp > 0xffff ? 2 : 1;
      continue;
    }
    const from = k;
    k += cp > 0xffff ? 2 : 1;
    for (;;) {
      if (k >= n) break;
      const c = norm.codePointAt(k)!;
      if (isWordCodePoint(c)) {
        k += c > 0xffff ? 2 : 1;
      } else if (c === 0x27 && k + 1 < n && isWordCodePoint(norm.codePointAt(k + 1)!)) {
        k += 1;
      } else break;
    }
    const value = norm.slice(from, k);
    values.push(value);
    bases.push(value.length > 2 && value.endsWith("'s") ? value.slice(0, -2) : undefined);
    starts.push(origStarts[from]!);
    ends.push(origEnds[k - 1]!);
  }
  return { values, bases, starts, ends };
}

/** Normalises and tokenises original text in one call. */
export function tokenize(text: string): Tokens {
  const norm = normalizeWithOffsets(text);
  return tokenizeNormalized(norm.text, norm.starts, norm.ends);
}
