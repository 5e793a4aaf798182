/**
 * Text normalisation with an exact map back to the original text.
 *
 * Patterns and page text are compared after: NFKC, lower-casing, `ё`→`е`, apostrophe variants → `'`,
 * dash variants → `-`, and dropping soft hyphens / zero-width characters. NFKC can change lengths
 * (`ﬁ` → `fi`, `е` + U+0308 → `ё`), so it is applied per cluster (a code point plus the combining marks
 * that follow it) and every output character remembers the [start, end) of the cluster it came from.
 * That keeps highlights exact even when a page uses decomposed Cyrillic or ligatures.
 */

/** Characters that page authors sprinkle inside words (hyphenation hints, joiners, BOM). */
export const IGNORED = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
/** ’ ' ʼ ` ‘ ʹ ＇: Ukrainian and Belarusian write the same apostrophe in all of these ways. */
const APOSTROPHES = new Set([0x0027, 0x2019, 0x2018, 0x02bc, 0x0060, 0x02b9, 0xff07]);
/** Hyphens, en/em dashes, minus, small and full-width hyphen-minus. */
const DASHES = new Set([
  0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d, 0x2e3a, 0x2e3b,
]);
const COMBINING = /\p{M}/u;

export interface NormalizedText {
  /** The normalised text. */
  text: string;
  /** starts[i] / ends[i]: the original UTF-16 span that produced normalised character i. */
  starts: number[];
  ends: number[];
}

/** Maps single characters of NFKC + lower-cased output to their final form. */
function finish(s: string): string {
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x0451) out += '\u0435';
    else if (APOSTROPHES.has(c)) out += "'";
    else if (DASHES.has(c)) out += '-';
    else if (IGNORED.has(c)) continue;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // Keep well-formed pairs; a lone surrogate becomes a space so it can never join a token.
      const next = s.charCodeAt(k + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s[k]! + s[k + 1]!;
        k++;
      } else out += ' ';
    } else out += s[k]!;
  }
  return out;
}

const clusterCache = new Map<string, string>();

/** Normalises one cluster; results are cached because pages repeat the same few hundred characters. */
export function normalizeCluster(cluster: string): string {
  let out = clusterCache.get(cluster);
  if (out === undefined) {
    out = finish(cluster.normalize('NFKC').toLowerCase().normalize('NFKC'));
    if (clusterCache.size < 50_000) clusterCache.set(cluster, out);
  }
  return out;
}

const markCache = new Map<number, boolean>();

export function isCombiningMark(code: number): boolean {
  if (code < 0x0300) return false;
  let m = markCache.get(code);
  if (m === undefined) {
    m = COMBINING.test(String.fromCodePoint(code));
    markCache.set(code, m);
  }
  return m;
}

/** Length in code units of the code point at i (2 only for a well-formed surrogate pair). */
export function codePointLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Normalises text and records, for each output character, the original span it came from. */
export function normalizeWithOffsets(input: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const n = input.length;
  let i = 0;
  while (i < n) {
    const c = input.charCodeAt(i);
    const next = i + 1 < n ? input.charCodeAt(i + 1) : 0;
    // Fast path: ASCII not followed by a possible combining mark.
    if (c < 0x80 && next < 0x0300) {
      const ch = c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : c === 0x60 ? "'" : input[i]!;
      text += ch;
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    let j = i + codePointLength(input, i);
    while (j < n && isCombiningMark(input.codePointAt(j)!)) j += codePointLength(input, j);
    const out = IGNORED.has(c) && j === i + 1 ? '' : normalizeCluster(input.slice(i, j));
    for (let k = 0; k < out.length; k++) {
      starts.push(i);
      ends.push(j);
    }
    text += out;
    i = j;
  }
  return { text, starts, ends };
}

/**
 * Code units that normalise to their own lower case when they stand alone (a unit test checks every one):
 * printable ASCII except the backtick, and Cyrillic except `Ё`, `ё` and the combining signs U+0483–U+0489. None
 * lower-cases by context (as `Σ` does), so a run of them is normalised by one `toLowerCase`.
 */
export const SIMPLE_UNIT = /[\x20-\x5f\x61-\x7e\u0400\u0402-\u0450\u0452-\u0482\u048a-\u04ff]/;
const NOT_SIMPLE_UNIT = /[^\x20-\x5f\x61-\x7e\u0400\u0402-\u0450\u0452-\u0482\u048a-\u04ff]/g;

/**
 * Normalised text only, for callers that need no offsets (pattern words, dictionary keys); the same
 * string as `normalizeWithOffsets(input).text`. Runs of simple code units are found by a regular
 * expression and lower-cased at once; only the rest goes through per-cluster normalisation.
 */
export function normalizeText(input: string): string {
  let text = '';
  const n = input.length;
  let i = 0;
  while (i < n) {
    NOT_SIMPLE_UNIT.lastIndex = i;
    let j = NOT_SIMPLE_UNIT.test(input) ? NOT_SIMPLE_UNIT.lastIndex - 1 : n;
    // A combining mark after the run belongs to the run's last character: leave that one to the cluster path.
    if (j < n && j > i && isCombiningMark(input.codePointAt(j)!)) j--;
    if (j > i) text += input.slice(i, j).toLowerCase();
    if (j === n) break;
    let k = j + codePointLength(input, j);
    while (k < n && isCombiningMark(input.codePointAt(k)!)) k += codePointLength(input, k);
    if (!(IGNORED.has(input.charCodeAt(j)) && k === j + 1)) text += normalizeCluster(input.slice(j, k));
    i = k;
  }
  return text;
}
