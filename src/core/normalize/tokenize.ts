import { codePointLength, IGNORED, isCombiningMark, normalizeCluster } from './normalize';

/**
 * Word tokens over normalised text. JS `\b` only knows ASCII word characters, so it fails on every
 * Cyrillic word; instead a token is a run of letters, combining marks and digits (`\p{L}\p{M}\p{N}`).
 * An apostrophe between two letters stays inside the token, because in Ukrainian and Belarusian it is
 * part of the word («пам'ять», «з'явіцца»); elsewhere (quotes, a trailing `'`) it separates tokens.
 * Hyphens separate tokens: `pro-russian` is two tokens, in patterns and in text alike.
 *
 * The result is exactly what tokenising `normalizeWithOffsets(text)` would give, but computed in one
 * pass over the original text: runs of characters whose normalisation is plain lower-casing are
 * sliced and lower-cased at once, and only the rest goes through per-cluster NFKC. This is the
 * engine's hot path.
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

/** Class 0 means "not classified yet". A word character whose normalisation is its own lower case (one character, no context). */
const SIMPLE_WORD = 1;
/** A separator that normalisation leaves alone. */
const SIMPLE_SEPARATOR = 2;
/** Anything else: needs per-cluster normalisation. */
const COMPLEX = 3;
/** Per UTF-16 code unit, filled lazily: pages use a few hundred distinct characters. */
const classes = new Uint8Array(0x10000);

function classify(c: number): number {
  let cls = COMPLEX;
  if ((c < 0xd800 || c > 0xdfff) && c !== 0x03a3 /* Σ lower-cases by context */) {
    const s = String.fromCharCode(c);
    const n = normalizeCluster(s);
    if (isWordCodePoint(c)) {
      if (!isCombiningMark(c) && n.length === 1 && n === s.toLowerCase() && isWordCodePoint(n.charCodeAt(0)))
        cls = SIMPLE_WORD;
    } else if (n === s && c !== 0x27) cls = SIMPLE_SEPARATOR;
  }
  classes[c] = cls;
  return cls;
}

/** Accumulates tokens; a class rather than closures so the hot loop allocates one object per call. */
class TokenBuilder implements Tokens {
  values: string[] = [];
  bases: (string | undefined)[] = [];
  starts: number[] = [];
  ends: number[] = [];
  private value = '';
  private tokenStart = -1;
  private tokenEnd = -1;
  private pendingApostrophe = false;

  close(): void {
    if (this.tokenStart >= 0) {
      const value = this.value;
      this.values.push(value);
      this.bases.push(value.length > 2 && value.endsWith("'s") ? value.slice(0, -2) : undefined);
      this.starts.push(this.tokenStart);
      this.ends.push(this.tokenEnd);
      this.tokenStart = -1;
    }
    this.pendingApostrophe = false;
  }

  addWord(piece: string, from: number, to: number): void {
    if (this.tokenStart < 0) {
      this.tokenStart = from;
      this.value = piece;
    } else {
      this.value += this.pendingApostrophe ? `'${piece}` : piece;
      this.pendingApostrophe = false;
    }
    this.tokenEnd = to;
  }

  /** An apostrophe right after a word may join it to the next word; any other separator ends the token. */
  addSeparator(apostrophe: boolean): void {
    if (apostrophe && this.tokenStart >= 0 && !this.pendingApostrophe) this.pendingApostrophe = true;
    else this.close();
  }

  result(): Tokens {
    this.close();
    return { values: this.values, bases: this.bases, starts: this.starts, ends: this.ends };
  }
}

/** Normalises and tokenises original text in one pass. */
export function tokenize(text: string): Tokens {
  const out = new TokenBuilder();
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cls = classes[c] || classify(c);
    if (cls === SIMPLE_WORD) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if ((classes[d] || classify(d)) !== SIMPLE_WORD) break;
        j++;
      }
      // A combining mark after the run belongs to the run's last character: leave that one to the cluster path.
      if (j < n && isCombiningMark(text.codePointAt(j)!)) j--;
      if (j > i) {
        out.addWord(text.slice(i, j).toLowerCase(), i, j);
        i = j;
        continue;
      }
    } else if (cls === SIMPLE_SEPARATOR && !(i + 1 < n && isCombiningMark(text.codePointAt(i + 1)!))) {
      out.addSeparator(false);
      i++;
      continue;
    }
    let j = i + codePointLength(text, i);
    while (j < n && isCombiningMark(text.codePointAt(j)!)) j += codePointLength(text, j);
    const piece = j === i + 1 && IGNORED.has(c) ? '' : normalizeCluster(text.slice(i, j));
    for (let k = 0; k < piece.length;) {
      const cp = piece.codePointAt(k)!;
      const size = cp > 0xffff ? 2 : 1;
      if (isWordCodePoint(cp)) out.addWord(piece.slice(k, k + size), i, j);
      else out.addSeparator(cp === 0x27);
      k += size;
    }
    i = j;
  }
  return out.result();
}
