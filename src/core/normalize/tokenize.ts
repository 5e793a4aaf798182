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

/**
 * The code points below U+0530 (Latin, IPA, Greek, Cyrillic) that are not letters, marks or digits: ASCII and
 * Latin-1 punctuation and symbols, modifier symbols, Greek punctuation, ҂, and a few unassigned points.
 */
const NOT_WORD_BELOW_0530: readonly (readonly [number, number])[] = [
  [0x0, 0x2f],
  [0x3a, 0x40],
  [0x5b, 0x60],
  [0x7b, 0xa9],
  [0xab, 0xb1],
  [0xb4, 0xb4],
  [0xb6, 0xb8],
  [0xbb, 0xbb],
  [0xbf, 0xbf],
  [0xd7, 0xd7],
  [0xf7, 0xf7],
  [0x2c2, 0x2c5],
  [0x2d2, 0x2df],
  [0x2e5, 0x2eb],
  [0x2ed, 0x2ed],
  [0x2ef, 0x2ff],
  [0x375, 0x375],
  [0x378, 0x379],
  [0x37e, 0x37e],
  [0x380, 0x385],
  [0x387, 0x387],
  [0x38b, 0x38b],
  [0x38d, 0x38d],
  [0x3a2, 0x3a2],
  [0x3f6, 0x3f6],
  [0x482, 0x482],
];
const wordBelow0530 = new Uint8Array(0x530).fill(1);
for (const [from, to] of NOT_WORD_BELOW_0530) wordBelow0530.fill(0, from, to + 1);

/**
 * True for letters, marks and digits. Below U+0530 and in General Punctuation (which has none) the answer
 * comes from rules that a unit test compares with the regular expression: the first test of a `\p{…}`
 * class compiles it, about a millisecond on a cold page, and these blocks are nearly all the text of the
 * pages we read. Other code points are tested once and cached.
 */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x530) return wordBelow0530[cp] === 1;
  if (cp >= 0x2000 && cp <= 0x206f) return false;
  let w = wordCache.get(cp);
  if (w === undefined) {
    w = WORD.test(String.fromCodePoint(cp));
    wordCache.set(cp, w);
  }
  return w;
}

/**
 * `isCombiningMark`, by rule where that is easy (below U+0530 the marks are U+0300–U+036F and U+0483–U+0489;
 * General Punctuation has none), so text in those blocks never compiles the `\p{M}` expression.
 */
export function isMark(cp: number): boolean {
  if (cp < 0x530) return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x483 && cp <= 0x489);
  if (cp >= 0x2000 && cp <= 0x206f) return false;
  return isCombiningMark(cp);
}

/** Class 0 means "not classified yet". A word character whose normalisation is its own lower case (one character, no context). */
const SIMPLE_WORD = 1;
/** A separator that normalisation leaves alone. */
const SIMPLE_SEPARATOR = 2;
/** Anything else: needs per-cluster normalisation. */
const COMPLEX = 3;
/** Per UTF-16 code unit, filled lazily: pages use a few hundred distinct characters. */
const classes = new Uint8Array(0x10000);

/** The class of a code unit, found by normalising it (the reference; costly the first time a page runs it). */
export function computeClass(c: number): number {
  if ((c >= 0xd800 && c <= 0xdfff) || c === 0x03a3 /* Σ lower-cases by context */) return COMPLEX;
  const s = String.fromCharCode(c);
  const n = normalizeCluster(s);
  if (isWordCodePoint(c))
    return !isMark(c) && n.length === 1 && n === s.toLowerCase() && isWordCodePoint(n.charCodeAt(0))
      ? SIMPLE_WORD
      : COMPLEX;
  return n === s && c !== 0x27 ? SIMPLE_SEPARATOR : COMPLEX;
}

/**
 * The same class by rule, for ASCII and Cyrillic (0 elsewhere), following SIMPLE_UNIT in normalize.ts: every
 * unit there is simple except the backtick (an apostrophe), `Ё`, `ё` (→ `е`) and the combining signs
 * U+0483–U+0489; controls normalise to themselves. A unit test checks it against `computeClass`.
 */
export function ruleClass(c: number): number {
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) return SIMPLE_WORD;
    return c === 0x27 || c === 0x60 ? COMPLEX : SIMPLE_SEPARATOR;
  }
  if (c >= 0x400 && c <= 0x4ff) {
    if (c === 0x401 || c === 0x451 || (c >= 0x483 && c <= 0x489)) return COMPLEX;
    return c === 0x482 ? SIMPLE_SEPARATOR : SIMPLE_WORD;
  }
  return 0;
}

// Filled by rule at load: classifying by normalisation costs two `normalize` calls and a regular expression,
// and a cold first scan used to pay that for every distinct unit of the page.
for (let c = 0; c < 0x80; c++) classes[c] = ruleClass(c);
for (let c = 0x400; c < 0x500; c++) classes[c] = ruleClass(c);

function classify(c: number): number {
  return (classes[c] = computeClass(c));
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
      if (j < n && isMark(text.codePointAt(j)!)) j--;
      if (j > i) {
        out.addWord(text.slice(i, j).toLowerCase(), i, j);
        i = j;
        continue;
      }
    } else if (cls === SIMPLE_SEPARATOR && !(i + 1 < n && isMark(text.codePointAt(i + 1)!))) {
      out.addSeparator(false);
      i++;
      continue;
    }
    let j = i + codePointLength(text, i);
    while (j < n && isMark(text.codePointAt(j)!)) j += codePointLength(text, j);
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
