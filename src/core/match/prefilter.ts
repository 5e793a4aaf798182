import { codePointLength, normalizeCluster } from '../normalize/normalize';
import { isMark, isWordCodePoint } from '../normalize/tokenize';
import type { CompiledPack, CompiledSequence } from './compile';
import { FUZZY_MIN_LENGTH } from './fuzzy';
import type { Element } from './pattern';
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
 * per word) and segmenting exactly as the tokeniser does; each token is looked up by its first three
 * characters (and, for typo tolerance, by its first and last four) among the pack's words and stems, and
 * marks the token tests it meets. The block passes when some sequence has all of its tests marked.
 * Guards are left out: they only ever remove matches.
 *
 * Checking whole sequences rather than anchors alone matters: packs anchor some sequences on common
 * words ("one", "its", "most"), so more than half the text of ordinary English pages holds an anchor,
 * while hardly any holds a whole sequence's words. A combining mark anywhere makes the block pass (marks
 * merge with the character before them, which the table cannot know); so does an error on the safe side.
 */
export interface Prefilter {
  mayMatch(text: string): boolean;
}

/** Kinds of probe: a token equal to the text, a token starting with it, a token one edit away from it. */
const WORD = 0;
const STEM = 1;
const FUZZY = 2;

const TABLE_BITS = 15;
const NONE: readonly number[] = [];

/** First three characters (0 past the end): distinct for every three letters of one alphabet. */
function prefixHash(c0: number, c1: number, c2: number): number {
  return (c0 * 961 + c1 * 31 + c2) & ((1 << TABLE_BITS) - 1);
}

/** First letter and last four, as `VariantIndex` keys fuzzy words. */
function suffixHash(first: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(first, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca77);
  h = Math.imul(h ^ b, 0xc2b2ae3d);
  h = Math.imul(h ^ c, 0x27d4eb2f);
  return Math.imul(h ^ d, 0x165667b1) >>> (32 - TABLE_BITS);
}

/** The pack's non-guard sequences, each once. */
function patternSequences(compiled: CompiledPack): CompiledSequence[] {
  const seen = new Set<number>();
  const out: CompiledSequence[] = [];
  const add = (sequences: readonly CompiledSequence[]) => {
    for (let i = 0; i < sequences.length; i++) {
      const s = sequences[i]!;
      if (s.entry.guard || seen.has(s.id)) continue;
      seen.add(s.id);
      out.push(s);
    }
  };
  for (const sequences of compiled.exact.values()) add(sequences);
  for (const bucket of compiled.stems.values()) for (let i = 0; i < bucket.length; i++) add(bucket[i]!.sequences);
  return out;
}

/** How unlikely a token test is to be met by chance, for picking which test of a sequence to check first. */
function rarity(el: Element): number {
  if (el.kind === 'word' || el.kind === 'stem') return el.value.length;
  if (el.kind !== 'any') return 0;
  let min = Infinity;
  for (const w of el.words) min = Math.min(min, w.length);
  for (const s of el.stems) min = Math.min(min, s.length);
  return min;
}

/** `withinOneEdit` (variant-index.ts) between buffered token characters and a word. */
function withinOneEdit(buf: Uint16Array, n: number, w: string): boolean {
  const m = w.length;
  if (n - m > 1 || m - n > 1) return false;
  let i = 0;
  while (i < n && i < m && buf[i] === w.charCodeAt(i)) i++;
  if (i === n || i === m) return true;
  const rest = (from: number, wFrom: number) => {
    if (n - from !== m - wFrom) return false;
    for (let k = 0; from + k < n; k++) if (buf[from + k] !== w.charCodeAt(wFrom + k)) return false;
    return true;
  };
  if (n === m)
    return (
      rest(i + 1, i + 1) || (buf[i] === w.charCodeAt(i + 1) && buf[i + 1] === w.charCodeAt(i) && rest(i + 2, i + 2))
    );
  return n > m ? rest(i + 1, i) : rest(i, i + 1);
}

class PackPrefilter implements Prefilter {
  /** Probe index + 1 by prefix hash (0: none), chained through `next`. */
  private readonly head = new Int32Array(1 << TABLE_BITS);
  private readonly next: number[] = [];
  /** Fuzzy probes again, by first letter and last four; null when the pack has none. */
  private suffixHead: Int32Array | null = null;
  private readonly suffixNext: number[] = [];
  private readonly texts: string[] = [];
  private readonly kinds: number[] = [];
  /** Token tests (element ids) each probe meets. */
  private readonly meets: number[][] = [];
  /** Element ids of each distinct sequence. */
  private readonly signatures: number[][] = [];
  /** Per element id, the signatures checked when it is met (each signature under one of its elements). */
  private readonly triggers: (readonly number[])[] = [];
  /** Per element id, the block (epoch) in which it was last met. */
  private readonly seen: Uint32Array;
  /** Elements met in the current block, in order. */
  private readonly hits: Int32Array;
  private hitCount = 0;
  private epoch = 0;
  /** The open token's normalised characters. */
  private buf = new Uint16Array(256);

  constructor(compiled: CompiledPack) {
    const elementIds = new Map<Element, number>();
    const elements: Element[] = [];
    const signatureKeys = new Set<string>();
    for (const sequence of patternSequences(compiled)) {
      const ids: number[] = [];
      for (const el of sequence.elements) {
        if (el.kind === 'gap') continue;
        let id = elementIds.get(el);
        if (id === undefined) {
          id = elements.length;
          elementIds.set(el, id);
          elements.push(el);
        }
        if (!ids.includes(id)) ids.push(id);
      }
      ids.sort((a, b) => a - b);
      const key = ids.join(' ');
      if (signatureKeys.has(key)) continue;
      signatureKeys.add(key);
      this.signatures.push(ids);
    }

    const probeIds = new Map<string, number>();
    const fuzzy = compiled.fuzzy !== null;
    const addProbe = (kind: number, text: string, element: number) => {
      const key = `${kind}${text}`;
      let p = probeIds.get(key);
      if (p === undefined) {
        p = this.texts.length;
        probeIds.set(key, p);
        this.texts.push(text);
        this.kinds.push(kind);
        this.meets.push([]);
        const h = prefixHash(text.charCodeAt(0), text.charCodeAt(1) || 0, text.charCodeAt(2) || 0);
        this.next.push(this.head[h]!);
        this.head[h] = p + 1;
        if (kind === FUZZY) {
          const n = text.length;
          const s = suffixHash(
            text.charCodeAt(0),
            text.charCodeAt(n - 4),
            text.charCodeAt(n - 3),
            text.charCodeAt(n - 2),
            text.charCodeAt(n - 1),
          );
          this.suffixHead ??= new Int32Array(1 << TABLE_BITS);
          while (this.suffixNext.length < p) this.suffixNext.push(0);
          this.suffixNext[p] = this.suffixHead[s]!;
          this.suffixHead[s] = p + 1;
        }
      }
      const meets = this.meets[p]!;
      if (!meets.includes(element)) meets.push(element);
    };
    const addWord = (w: string, e: number) => {
      addProbe(WORD, w, e);
      // The tokeniser gives "russia's" the base "russia", and a word test accepts either.
      addProbe(WORD, `${w}'s`, e);
      if (fuzzy && w.length >= FUZZY_MIN_LENGTH) addProbe(FUZZY, w, e);
    };
    for (let e = 0; e < elements.length; e++) {
      const el = elements[e]!;
      if (el.kind === 'word') addWord(el.value, e);
      else if (el.kind === 'stem') addProbe(STEM, el.value, e);
      else if (el.kind === 'any') {
        for (const w of el.words) addWord(w, e);
        for (const s of el.stems) addProbe(STEM, s, e);
      }
    }

    const triggers: number[][] = elements.map(() => []);
    for (let s = 0; s < this.signatures.length; s++) {
      const ids = this.signatures[s]!;
      let best = ids[0]!;
      for (const id of ids) if (rarity(elements[id]!) > rarity(elements[best]!)) best = id;
      triggers[best]!.push(s);
    }
    for (let e = 0; e < elements.length; e++) this.triggers.push(triggers[e]!.length ? triggers[e]! : NONE);
    this.seen = new Uint32Array(elements.length);
    this.hits = new Int32Array(elements.length);
  }

  mayMatch(text: string): boolean {
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    this.hitCount = 0;
    const n = text.length;
    // A token is never longer than its block, so the buffer needs no bounds checks.
    if (this.buf.length < n) this.buf = new Uint16Array(n);
    const buf = this.buf;
    const classes = unitClass;
    const lower = unitLower;
    /** Characters of the open token so far (0: no token open). */
    let len = 0;
    /** An apostrophe right after the open token, which joins it to a word that follows. */
    let pending = false;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      const k = classes[c]!;
      if (k === LETTER) {
        if (pending) {
          buf[len++] = 0x27;
          pending = false;
        }
        // A run of letters, most of any text: the tightest loop.
        do {
          buf[len++] = lower[c]!;
          if (++i === n) break;
          c = text.charCodeAt(i);
        } while (classes[c] === LETTER);
      } else if (k === SEPARATOR) {
        if (len) this.token(len);
        len = 0;
        pending = false;
        i++;
      } else if (k === APOSTROPHE) {
        if (len && !pending) pending = true;
        else {
          if (len) this.token(len);
          len = 0;
          pending = false;
        }
        i++;
      } else if (k === IGNORABLE) {
        i++;
      } else if (k === UNKNOWN) {
        classifyUnit(c);
      } else if (k === MARK) {
        return true;
      } else {
        // A surrogate or a unit that normalises to several characters: normalise it as the tokeniser does.
        const size = codePointLength(text, i);
        if (size === 2 && isMark(text.codePointAt(i)!)) return true;
        const piece = normalizeCluster(text.slice(i, i + size));
        i += size;
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
      }
    }
    if (len) this.token(len);
    return this.complete();
  }

  /** Looks up one finished token (its first characters are in `buf`) and marks the tests it meets. */
  private token(len: number): void {
    const buf = this.buf;
    const c0 = buf[0]!;
    const c1 = len > 1 ? buf[1]! : 0;
    const c2 = len > 2 ? buf[2]! : 0;
    for (let p = this.head[prefixHash(c0, c1, c2)]! - 1; p >= 0; p = this.next[p]! - 1)
      if (this.probe(p, len)) this.mark(p);
    const suffixHead = this.suffixHead;
    if (suffixHead !== null && len >= FUZZY_MIN_LENGTH - 1) {
      const h = suffixHash(c0, buf[len - 4]!, buf[len - 3]!, buf[len - 2]!, buf[len - 1]!);
      for (let p = suffixHead[h]! - 1; p >= 0; p = this.suffixNext[p]! - 1) if (this.probe(p, len)) this.mark(p);
    }
  }

  /** Whether the buffered token meets probe p. */
  private probe(p: number, len: number): boolean {
    const text = this.texts[p]!;
    const m = text.length;
    const kind = this.kinds[p]!;
    const buf = this.buf;
    if (kind === FUZZY) return buf[0] === text.charCodeAt(0) && withinOneEdit(buf, len, text);
    if (kind === WORD ? len !== m : len < m) return false;
    for (let k = 0; k < m; k++) if (buf[k] !== text.charCodeAt(k)) return false;
    return true;
  }

  private mark(p: number): void {
    const meets = this.meets[p]!;
    for (let i = 0; i < meets.length; i++) {
      const e = meets[i]!;
      if (this.seen[e] !== this.epoch) {
        this.seen[e] = this.epoch;
        this.hits[this.hitCount++] = e;
      }
    }
  }

  /** Whether some sequence has every token test met in this block. */
  private complete(): boolean {
    const seen = this.seen;
    const epoch = this.epoch;
    for (let h = 0; h < this.hitCount; h++) {
      const triggered = this.triggers[this.hits[h]!]!;
      for (let t = 0; t < triggered.length; t++) {
        const ids = this.signatures[triggered[t]!]!;
        let all = true;
        for (let k = 0; all && k < ids.length; k++) all = seen[ids[k]!] === epoch;
        if (all) return true;
      }
    }
    return false;
  }
}

/** Builds the prefilter for a compiled pack (once per matcher). */
export function createPrefilter(compiled: CompiledPack): Prefilter {
  return new PackPrefilter(compiled);
}
