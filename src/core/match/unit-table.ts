import { IGNORED, normalizeCluster } from '../normalize/normalize';
import { isMark, isWordCodePoint } from '../normalize/tokenize';

/**
 * What a UTF-16 unit of page text normalises to when no combining mark follows it, for the prefilter's
 * character loop: the tokeniser normalises a character together with the marks after it, and otherwise
 * on its own, so a unit's own normalisation is exact wherever the next unit is not a mark.
 *
 * Unlike the tokeniser's table this one also gives `ё`, `Ё`, apostrophes, dashes, no-break spaces and
 * soft hyphens a cheap class: they are common in the Russian, Ukrainian and Belarusian pages the packs
 * are written for, and the prefilter must not give up on them.
 */

/** Not classified yet. */
export const UNKNOWN = 0;
/** Normalises to one word character, `unitLower[c]`. */
export const LETTER = 1;
/** Normalises to characters that are neither word characters nor the apostrophe: ends a token. */
export const SEPARATOR = 2;
/** Normalises to `'`: joins two words into one token, otherwise separates. */
export const APOSTROPHE = 3;
/** Dropped by normalisation (soft hyphen, zero-width characters): invisible to tokens. */
export const IGNORABLE = 4;
/** A surrogate, or a unit that normalises to several characters (`ﬁ`, `①`): normalised one at a time. */
export const CLUSTER = 5;
/** A combining mark: it changes the character before it, so the prefilter gives up on the block. */
export const MARK = 6;

export const unitClass = new Uint8Array(0x10000);
export const unitLower = new Uint16Array(0x10000);

/** Class and lower-cased unit packed as `class | lower << 3`: the reference, found by normalising. */
export function computeUnit(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return CLUSTER;
  if (isMark(c)) return MARK;
  if (IGNORED.has(c)) return IGNORABLE;
  const piece = normalizeCluster(String.fromCharCode(c));
  if (piece.length === 0) return IGNORABLE;
  if (piece.length === 1) {
    const p = piece.charCodeAt(0);
    if (isWordCodePoint(p)) return LETTER | (p << 3);
    return p === 0x27 ? APOSTROPHE : SEPARATOR;
  }
  for (let k = 0; k < piece.length; k++) {
    const p = piece.codePointAt(k)!;
    if (p === 0x27 || isWordCodePoint(p)) return CLUSTER;
    if (p > 0xffff) k++;
  }
  return SEPARATOR;
}

/**
 * The same by rule for ASCII, Cyrillic, General Punctuation and a few Latin-1 units, or -1 elsewhere (a
 * unit test compares every one with `computeUnit`). Lower case comes from `toLowerCase`, exact for the
 * simple units of SIMPLE_UNIT in normalize.ts; `Ё` and `ё` become `е`.
 */
export function ruleUnit(c: number): number {
  // No-break space, « and », common in Russian text, and the soft hyphen.
  if (c === 0xa0 || c === 0xab || c === 0xbb) return SEPARATOR;
  if (c === 0xad) return IGNORABLE;
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return LETTER | (c << 3);
    if (c >= 0x41 && c <= 0x5a) return LETTER | ((c + 0x20) << 3);
    return c === 0x27 || c === 0x60 ? APOSTROPHE : SEPARATOR;
  }
  if (c >= 0x400 && c <= 0x4ff) {
    if (c >= 0x483 && c <= 0x489) return MARK;
    if (c === 0x482) return SEPARATOR;
    if (c === 0x401 || c === 0x451) return LETTER | (0x435 << 3);
    return LETTER | (String.fromCharCode(c).toLowerCase().charCodeAt(0) << 3);
  }
  if (c >= 0x2000 && c <= 0x206f) {
    if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060) return IGNORABLE;
    if (c === 0x2018 || c === 0x2019) return APOSTROPHE;
    // ‗ and ‾ normalise to a space and a combining mark.
    return c === 0x2017 || c === 0x203e ? CLUSTER : SEPARATOR;
  }
  return -1;
}

function store(c: number, packed: number): number {
  unitLower[c] = packed >>> 3;
  return (unitClass[c] = packed & 7);
}

/** Classifies a unit met for the first time; returns its class. */
export function classifyUnit(c: number): number {
  return store(c, computeUnit(c));
}

// By rule at load, so a cold first scan normalises no unit of these blocks.
for (let c = 0; c < 0x80; c++) store(c, ruleUnit(c));
for (let c = 0x400; c < 0x500; c++) store(c, ruleUnit(c));
for (let c = 0x2000; c < 0x2070; c++) store(c, ruleUnit(c));
for (const c of [0xa0, 0xab, 0xad, 0xbb]) store(c, ruleUnit(c));
