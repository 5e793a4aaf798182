import { codePointLength, normalizeCluster } from '../normalize/normalize';
import { isMark, isWordCodePoint } from '../normalize/tokenize';
import type { CompiledPack } from './compile';
import { FUZZY_MIN_LENGTH } from './fuzzy';
import {
  buildPrefilterIndex,
  FUZZY,
  lengthBit,
  narrowHash,
  suffixHash,
  wideHash,
  WORD,
  type ChainTable,
  type PrefilterIndex,
} from './prefilter-index';
import {
  APOSTROPHE,
  classifyUnit,
  IGNORABLE,
  LETTER,
  MARK,
  SEPARATOR,
  UNKNOWN,
  unitClass,
  unitLower,
} from './unit-table';

/**
 * A test run on a block's original text before it is tokenised: false only when no pattern can match
 * anywhere in the block, so the block can be skipped with no change to the matches.
 *
 * A pattern sequence matches only where every one of its token tests is met by some token of the block.
 * So the prefilter reads the block once, unit by unit, normalising through a table (no string is built
 * per word) and segmenting exactly as the tokeniser does; each token is looked up by its first characters
 * (and, for typo tolerance, by its first and last four) among the pack's words and stems (prefilter-index.ts),
 * and marks the token tests it meets. The block passes when some sequence has all of its tests marked.
 * Guards are left out, since they only remove matches, and so are tests of common function words, which
 * count as met.
 *
 * Checking whole sequences rather than anchors alone matters: packs anchor some sequences on common
 * words ("one", "its", "most"), so more than half the text of ordinary English pages holds an anchor,
 * while hardly any holds a whole sequence's words. A combining mark anywhere makes the block pass (marks
 * merge with the character before them, which the table cannot know).
 */
export interface Prefilter {
  mayMatch(text: string): boolean;
}

/** `withinOneEdit` (variant-index.ts) between the buffered token and a probe's characters. */
function withinOneEdit(buf: Uint16Array, n: number, chars: Uint16Array, from: number, m: number): boolean {
  if (n - m > 1 || m - n > 1) return false;
  let i = 0;
  while (i < n && i < m && buf[i] === chars[from + i]) i++;
  if (i === n || i === m) return true;
  const rest = (k: number, w: number) => {
    if (n - k !== m - w) return false;
    for (; k < n; k++, w++) if (buf[k] !== chars[from + w]) return false;
    return true;
  };
  if (n === m)
    return (
      rest(i + 1, i + 1) || (buf[i] === chars[from + i + 1] && buf[i + 1] === chars[from + i] && rest(i + 2, i + 2))
    );
  return n > m ? rest(i + 1, i) : rest(i, i + 1);
}

class PackPrefilter implements Prefilter {
  private readonly index: PrefilterIndex;
  /** Per element, the block (epoch) in which it was last met. */
  private readonly seen: Uint32Array;
  /** Per probe, the block in which it was last met: a word repeated in a block is compared once. */
  private readonly probeSeen: Uint32Array;
  /** Elements met in the current block, in order. */
  private readonly hits: Int32Array;
  private hitCount = 0;
  /** Hits whose sequences were already checked early in this block. */
  private checked = 0;
  private epoch = 0;
  /** The open token's normalised characters, once it is more than one run of letters. */
  private buf = new Uint16Array(256);
  /** The buffered token's length and pending apostrophe after `cluster`. */
  private openLength = 0;
  private openPending = false;

  constructor(index: PrefilterIndex) {
    this.index = index;
    this.seen = new Uint32Array(this.index.elementCount);
    this.probeSeen = new Uint32Array(this.index.probeCount);
    this.hits = new Int32Array(this.index.elementCount);
  }

  mayMatch(text: string): boolean {
    if (this.index.always) return true;
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.probeSeen.fill(0);
      this.epoch = 1;
    }
    this.hitCount = 0;
    this.checked = 0;
    const n = text.length;
    // Letters and apostrophes add one character per unit, so a buffer as long as the block needs no bounds
    // checks; only a cluster, which may normalise to several characters, grows it.
    if (this.buf.length < n) this.buf = new Uint16Array(n);
    let buf = this.buf;
    const classes = unitClass;
    const lower = unitLower;
    const { wide, narrow } = this.index;
    const wideLengths = wide.lengths;
    const wideMask = wide.mask;
    const narrowLengths = narrow.used ? narrow.lengths : null;
    const narrowMask = narrow.mask;
    const typos = this.index.suffix.used;
    // The open token is either plain, one run of letters [start, end) read in place (nearly every token), or
    // buffered: its normalised characters copied into `buf` once an apostrophe, an ignorable unit or a
    // cluster continues it.
    let start = -1;
    let end = 0;
    /** A plain token's first four characters, normalised (0 past its end). */
    let first = 0;
    let second = 0;
    let third = 0;
    let fourth = 0;
    /** Characters of a buffered token (0: none). */
    let len = 0;
    /** An apostrophe right after the open token, which joins it to a word that follows. */
    let pending = false;
    // Each unit is read once: `c` is the unit at i, loaded by whichever step moved i. The end of the block
    // reads as a separator, to close the last token.
    let i = 0;
    let c = n ? text.charCodeAt(0) : 0;
    for (;;) {
      const k = i < n ? classes[c]! : SEPARATOR;
      if (k === LETTER) {
        if (start < 0 && len === 0) {
          // A new token. Its first four characters are kept for the lookup; the rest of the run is only
          // classified, the loop nearly every character goes through.
          start = i;
          first = lower[c]!;
          second = third = fourth = 0;
          if (++i < n && classes[(c = text.charCodeAt(i))] === LETTER) {
            second = lower[c]!;
            if (++i < n && classes[(c = text.charCodeAt(i))] === LETTER) {
              third = lower[c]!;
              if (++i < n && classes[(c = text.charCodeAt(i))] === LETTER) {
                fourth = lower[c]!;
                while (++i < n && classes[(c = text.charCodeAt(i))] === LETTER);
              }
            }
          }
          end = i;
          continue;
        }
        if (start >= 0) {
          len = this.copy(text, start, end);
          start = -1;
        }
        if (pending) {
          buf[len++] = 0x27;
          pending = false;
        }
        do buf[len++] = lower[c]!;
        while (++i < n && classes[(c = text.charCodeAt(i))] === LETTER);
        continue;
      }
      if (k === SEPARATOR) {
        if (start >= 0) {
          // `plain`'s first tests (wideHash, narrowHash, lengthBit) written out: before the code is optimised,
          // a call per token costs more than the tests, which rule out nearly every token.
          const size = end - start;
          const bit = 1 << (size < 31 ? size : 31);
          if (
            (wideLengths[(first * 29791 + second * 961 + third * 31 + fourth) & wideMask]! & bit) !== 0 ||
            (narrowLengths !== null &&
              (narrowLengths[(first * 961 + second * 31 + third) & narrowMask]! & bit) !== 0) ||
            (typos && size >= FUZZY_MIN_LENGTH - 1)
          ) {
            this.plain(text, start, end);
            if (this.hitCount > this.checked && this.complete(this.checked)) return true;
          }
        } else if (len) {
          this.token(len);
          if (this.hitCount > this.checked && this.complete(this.checked)) return true;
        }
        if (i >= n) return this.complete(0);
        start = -1;
        len = 0;
        pending = false;
      } else if (k === APOSTROPHE) {
        if ((start >= 0 || len) && !pending) pending = true;
        else {
          if (start >= 0) this.plain(text, start, end);
          else if (len) this.token(len);
          start = -1;
          len = 0;
          pending = false;
        }
      } else if (k === UNKNOWN) {
        classifyUnit(c);
        continue;
      } else if (k === MARK) {
        return true;
      } else if (k !== IGNORABLE) {
        // A surrogate or a unit that normalises to several characters: rare, so handled out of line, on the
        // buffered token.
        if (start >= 0) {
          len = this.copy(text, start, end);
          start = -1;
        }
        const size = this.cluster(text, i, len, pending);
        if (size === 0) return true;
        len = this.openLength;
        pending = this.openPending;
        buf = this.buf;
        i += size - 1;
      }
      if (++i < n) c = text.charCodeAt(i);
    }
  }

  /**
   * Feeds the cluster at i (a surrogate pair, or a unit whose normalisation is several characters) to the
   * buffered token of `len` characters, as the tokeniser would; the token's state is left in `openLength`
   * and `openPending`. Returns the units read, or 0 for a combining mark (the block must pass).
   */
  private cluster(text: string, i: number, len: number, pending: boolean): number {
    const size = codePointLength(text, i);
    if (size === 2 && isMark(text.codePointAt(i)!)) return 0;
    const piece = normalizeCluster(text.slice(i, i + size));
    if (len + 1 + piece.length > this.buf.length) {
      const grown = new Uint16Array(2 * (len + 1 + piece.length) + text.length);
      grown.set(this.buf);
      this.buf = grown;
    }
    const buf = this.buf;
    for (let q = 0; q < piece.length;) {
      const p = piece.codePointAt(q)!;
      const units = p > 0xffff ? 2 : 1;
      if (isWordCodePoint(p)) {
        if (pending) {
          buf[len++] = 0x27;
          pending = false;
        }
        for (let u = 0; u < units; u++) buf[len++] = piece.charCodeAt(q + u);
      } else if (p === 0x27 && len && !pending) pending = true;
      else {
        if (len) this.token(len);
        len = 0;
        pending = false;
      }
      q += units;
    }
    this.openLength = len;
    this.openPending = pending;
    return size;
  }

  /** Copies a plain token's normalised characters into `buf`; returns their number. */
  private copy(text: string, start: number, end: number): number {
    const buf = this.buf;
    for (let k = start; k < end; k++) buf[k - start] = unitLower[text.charCodeAt(k)]!;
    return end - start;
  }

  /**
   * `token` for a plain token, read in place: its characters are only copied for the typo check. Most
   * tokens stop at the length masks; a word met earlier in the block stops at `probeSeen`.
   */
  private plain(text: string, start: number, end: number): void {
    const { wide, narrow, suffix } = this.index;
    const len = end - start;
    const bit = lengthBit(len);
    const c0 = unitLower[text.charCodeAt(start)]!;
    const c1 = len > 1 ? unitLower[text.charCodeAt(start + 1)]! : 0;
    const c2 = len > 2 ? unitLower[text.charCodeAt(start + 2)]! : 0;
    const c3 = len > 3 ? unitLower[text.charCodeAt(start + 3)]! : 0;
    this.walkPlain(wide, wideHash(c0, c1, c2, c3) & wide.mask, bit, text, start, len);
    if (narrow.used && len >= 3) this.walkPlain(narrow, narrowHash(c0, c1, c2) & narrow.mask, bit, text, start, len);
    if (suffix.used && len >= FUZZY_MIN_LENGTH - 1) {
      const h = suffixHash(
        c0,
        unitLower[text.charCodeAt(end - 4)]!,
        unitLower[text.charCodeAt(end - 3)]!,
        unitLower[text.charCodeAt(end - 2)]!,
        unitLower[text.charCodeAt(end - 1)]!,
      );
      if ((suffix.lengths[h & suffix.mask]! & bit) !== 0) {
        this.copy(text, start, end);
        this.walk(suffix, h & suffix.mask, len);
      }
    }
  }

  /** Checks a plain token against one bucket's probes. */
  private walkPlain(table: ChainTable, h: number, bit: number, text: string, start: number, len: number): void {
    if ((table.lengths[h]! & bit) === 0) return;
    const { kind, from, chars } = this.index;
    for (let p = table.head[h]! - 1; p >= 0; p = table.next[p]! - 1) {
      if (this.probeSeen[p] === this.epoch) continue;
      const k = kind[p]!;
      const at = from[p]!;
      const m = from[p + 1]! - at;
      // One run of letters holds no apostrophe, so a word probe needs the same length.
      if (k === FUZZY) {
        this.copy(text, start, start + len);
        if (this.meets(p, len)) this.met(p);
      } else if (k === WORD ? len === m : len >= m) {
        let same = true;
        for (let i = 0; same && i < m; i++) same = unitLower[text.charCodeAt(start + i)] === chars[at + i];
        if (same) this.met(p);
      }
    }
  }

  /** Looks up one finished token, its normalised characters in `buf`, and marks the elements it meets. */
  private token(len: number): void {
    const { wide, narrow, suffix } = this.index;
    const buf = this.buf;
    const c0 = buf[0]!;
    const c1 = len > 1 ? buf[1]! : 0;
    const c2 = len > 2 ? buf[2]! : 0;
    this.walk(wide, wideHash(c0, c1, c2, len > 3 ? buf[3]! : 0) & wide.mask, len);
    if (narrow.used && len >= 3) this.walk(narrow, narrowHash(c0, c1, c2) & narrow.mask, len);
    if (suffix.used && len >= FUZZY_MIN_LENGTH - 1)
      this.walk(suffix, suffixHash(c0, buf[len - 4]!, buf[len - 3]!, buf[len - 2]!, buf[len - 1]!) & suffix.mask, len);
  }

  /** Checks the buffered token against one bucket's probes (whatever their lengths: it may be a possessive). */
  private walk(table: ChainTable, h: number, len: number): void {
    for (let p = table.head[h]! - 1; p >= 0; p = table.next[p]! - 1) this.probe(p, len);
  }

  private probe(p: number, len: number): void {
    if (this.probeSeen[p] !== this.epoch && this.meets(p, len)) this.met(p);
  }

  /** Marks probe p and its elements as met in this block. */
  private met(p: number): void {
    this.probeSeen[p] = this.epoch;
    const { meets, meetsFrom } = this.index;
    for (let i = meetsFrom[p]!; i < meetsFrom[p + 1]!; i++) {
      const e = meets[i]!;
      if (this.seen[e] !== this.epoch) {
        this.seen[e] = this.epoch;
        this.hits[this.hitCount++] = e;
      }
    }
  }

  /** Whether the buffered token meets probe p. */
  private meets(p: number, len: number): boolean {
    const { kind, from, chars } = this.index;
    const buf = this.buf;
    const start = from[p]!;
    const m = from[p + 1]! - start;
    const k = kind[p]!;
    if (k === FUZZY) return buf[0] === chars[start] && withinOneEdit(buf, len, chars, start, m);
    if (k === WORD) {
      if (len === m + 2) {
        if (buf[m] !== 0x27 || buf[m + 1] !== 0x73) return false;
      } else if (len !== m) return false;
    } else if (len < m) return false;
    for (let i = 0; i < m; i++) if (buf[i] !== chars[start + i]) return false;
    return true;
  }

  /**
   * Whether some sequence checked under the elements met since hit `from` has every element met. Each
   * sequence is checked under its last element, usually met last: checked as each token is met, a block
   * that holds a pattern passes there; checked from 0 at the block's end, every sequence is seen.
   */
  private complete(from: number): boolean {
    const { triggerFrom, triggers, signatureFrom, signatures } = this.index;
    const seen = this.seen;
    const epoch = this.epoch;
    this.checked = this.hitCount;
    for (let h = from; h < this.hitCount; h++) {
      const e = this.hits[h]!;
      for (let t = triggerFrom[e]!; t < triggerFrom[e + 1]!; t++) {
        const s = triggers[t]!;
        let all = true;
        for (let i = signatureFrom[s]!; all && i < signatureFrom[s + 1]!; i++) all = seen[signatures[i]!] === epoch;
        if (all) return true;
      }
    }
    return false;
  }
}

/** The prefilter for a compiled pack (built once per matcher), or over its index made ahead of time. */
export function createPrefilter(source: CompiledPack | PrefilterIndex): Prefilter {
  return new PackPrefilter('probeCount' in source ? source : buildPrefilterIndex(source));
}
