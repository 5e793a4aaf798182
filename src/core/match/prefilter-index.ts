import type { CompiledPack, CompiledSequence } from './compile';
import { STOP_WORDS } from './anchor';
import { FUZZY_MIN_LENGTH } from './fuzzy';
import type { Element } from './pattern';

/**
 * What the prefilter looks for, built once per compiled pack: every token test (element) of the pack's
 * pattern sequences, the probes that meet them (a word, a stem, a long word's one-edit variants) hashed
 * by their first characters, and each distinct sequence as the list of its elements. Flat typed arrays
 * throughout: the lookups run per token of every block, and pattern words are often slices of longer
 * strings, which V8 reads more slowly one character at a time.
 *
 * Words and stems of four or more characters are keyed by their first four characters, a token by its
 * first four (0 past its end), so that a large pack's many words sharing three letters ("per…") do not
 * make one long chain; three-letter stems and the typo check, which only guarantees the first three
 * letters, have a table keyed by three.
 */

/** A token equal to the probe, or to the probe and `'s` (the tokeniser gives "russia's" the base "russia"). */
export const WORD = 0;
/** A token starting with the probe. */
export const STEM = 1;
/** A token one edit from the probe, with the same first letter (fuzzy.ts). */
export const FUZZY = 2;

/** First four characters (0 past the end), before the table's mask. Written out again in the prefilter's loop. */
export function wideHash(c0: number, c1: number, c2: number, c3: number): number {
  return c0 * 29791 + c1 * 961 + c2 * 31 + c3;
}

/** First three characters, before the table's mask: distinct for any three letters of one alphabet. */
export function narrowHash(c0: number, c1: number, c2: number): number {
  return c0 * 961 + c1 * 31 + c2;
}

/** First letter and last four, which `VariantIndex` also keys fuzzy words by. */
export function suffixHash(first: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(first, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca77);
  h = Math.imul(h ^ b, 0xc2b2ae3d);
  h = Math.imul(h ^ c, 0x27d4eb2f);
  return Math.imul(h ^ d, 0x165667b1) >>> 8;
}

/** A token length's bit in a mask of the lengths a bucket's probes accept (bit 31: 31 or more). */
export function lengthBit(len: number): number {
  return 1 << (len < 31 ? len : 31);
}

/**
 * Probes chained by a hash: bucket `h & mask` starts at `head[…]` (first probe + 1, 0: none), and `next[p]`
 * is the probe after p (+ 1). `lengths[…]` has a bit (`lengthBit`) for each length of a one-run token that
 * the bucket's probes accept, so most tokens that merely share a bucket with a probe ("only" and "one")
 * stop there. About four buckets per probe, so a small pack's tables stay small.
 */
export interface ChainTable {
  mask: number;
  head: Int32Array;
  lengths: Int32Array;
  next: Int32Array;
  /** Whether any probe is in the table. */
  used: boolean;
}

export interface PrefilterIndex {
  /** Words, and stems of four or more characters, by `wideHash`. */
  wide: ChainTable;
  /** Three-letter stems and fuzzy words by `narrowHash`. */
  narrow: ChainTable;
  /** Fuzzy words by `suffixHash`. */
  suffix: ChainTable;
  /** Per probe: its kind and its characters, `chars[from[p] … from[p + 1])`. */
  kind: Uint8Array;
  from: Int32Array;
  chars: Uint16Array;
  /** Per probe: the elements it meets, `meets[meetsFrom[p] … meetsFrom[p + 1])`. */
  meetsFrom: Int32Array;
  meets: Int32Array;
  /** Per distinct sequence: its elements, `signatures[signatureFrom[s] … signatureFrom[s + 1])`. */
  signatureFrom: Int32Array;
  signatures: Int32Array;
  /** Per element: the sequences to check when it is met (each sequence under its last element). */
  triggerFrom: Int32Array;
  triggers: Int32Array;
  elementCount: number;
  probeCount: number;
  /** Some sequence has only common words: every block may match. */
  always: boolean;
}

/**
 * An element with one of the function words anchor.ts scores anchors by among its alternatives is taken as
 * met without looking: looking for "the" in every block costs more than the few blocks it would rule out.
 */
function isCommon(el: Element): boolean {
  if (el.kind === 'word') return STOP_WORDS.has(el.value);
  return el.kind === 'any' && el.words.some((w) => STOP_WORDS.has(w));
}

/** The pack's non-guard sequences (guards only ever remove matches), each once. */
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

function chainTable(entries: readonly (readonly [number, number, number])[], probeCount: number): ChainTable {
  let bits = 8;
  while (bits < 16 && 1 << bits < 4 * entries.length) bits++;
  const mask = (1 << bits) - 1;
  const head = new Int32Array(mask + 1);
  const lengths = new Int32Array(mask + 1);
  const next = new Int32Array(probeCount);
  for (const [h, p, accepted] of entries) {
    next[p] = head[h & mask]!;
    head[h & mask] = p + 1;
    lengths[h & mask]! |= accepted;
  }
  return { mask, head, lengths, next, used: entries.length > 0 };
}

/** Flattens lists into a pool and start offsets (one more than the lists, the last being the end). */
function flatten(lists: readonly (readonly number[])[]): { from: Int32Array; pool: Int32Array } {
  const from = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) from[i + 1] = from[i]! + lists[i]!.length;
  const pool = new Int32Array(from[lists.length]!);
  for (let i = 0; i < lists.length; i++) pool.set(lists[i]!, from[i]!);
  return { from, pool };
}

/** An element's content, so that the same test written in many patterns is one element (met once per block). */
function elementKey(el: Element): string {
  if (el.kind === 'word') return `w${el.value}`;
  if (el.kind === 'stem') return `s${el.value}`;
  if (el.kind !== 'any') return '';
  return `a${[...el.words].sort().join(' ')}*${[...el.stems].sort().join(' ')}`;
}

export function buildPrefilterIndex(compiled: CompiledPack): PrefilterIndex {
  /** Ids by element object, then by content: expanded sequences share their element objects. */
  const elementIds = new Map<Element, number>();
  const keyIds = new Map<string, number>();
  const elements: Element[] = [];
  const signatureKeys = new Set<string>();
  const signatureLists: number[][] = [];
  /** Per signature, its last element in text order: it is usually met last, so checking there ends early. */
  const lastElements: number[] = [];
  for (const sequence of patternSequences(compiled)) {
    const ids: number[] = [];
    for (const el of sequence.elements) {
      if (el.kind === 'gap' || isCommon(el)) continue;
      let id = elementIds.get(el);
      if (id === undefined) {
        const key = elementKey(el);
        id = keyIds.get(key);
        if (id === undefined) {
          id = elements.length;
          keyIds.set(key, id);
          elements.push(el);
        }
        elementIds.set(el, id);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    const last = ids[ids.length - 1];
    ids.sort((a, b) => a - b);
    const key = ids.join(' ');
    if (signatureKeys.has(key)) continue;
    signatureKeys.add(key);
    signatureLists.push(ids);
    lastElements.push(last ?? -1);
  }

  /** [hash, probe, accepted lengths] per table, hashed once the number of probes is known. */
  const wide: [number, number, number][] = [];
  const narrow: [number, number, number][] = [];
  const suffix: [number, number, number][] = [];
  const kinds: number[] = [];
  const texts: string[] = [];
  const meetLists: number[][] = [];
  const probeIds = new Map<string, number>();
  const addProbe = (kind: number, text: string, element: number) => {
    const key = `${kind}${text}`;
    let p = probeIds.get(key);
    if (p === undefined) {
      p = texts.length;
      probeIds.set(key, p);
      texts.push(text);
      kinds.push(kind);
      meetLists.push([]);
      const m = text.length;
      const code = (k: number) => (k < m ? text.charCodeAt(k) : 0);
      if (kind === WORD) wide.push([wideHash(code(0), code(1), code(2), code(3)), p, lengthBit(m)]);
      else if (kind === STEM) {
        let accepted = 0;
        for (let len = m; len <= 31; len++) accepted |= lengthBit(len);
        if (m >= 4) wide.push([wideHash(code(0), code(1), code(2), code(3)), p, accepted]);
        else narrow.push([narrowHash(code(0), code(1), code(2)), p, accepted]);
      } else {
        const accepted = lengthBit(m - 1) | lengthBit(m) | lengthBit(m + 1);
        narrow.push([narrowHash(code(0), code(1), code(2)), p, accepted]);
        suffix.push([suffixHash(code(0), code(m - 4), code(m - 3), code(m - 2), code(m - 1)), p, accepted]);
      }
    }
    const meets = meetLists[p]!;
    if (!meets.includes(element)) meets.push(element);
  };
  const fuzzy = compiled.fuzzy !== null;
  const addWord = (w: string, e: number) => {
    addProbe(WORD, w, e);
    // A word probe also takes the possessive, but a word shorter than four letters has it under another key.
    if (w.length < 4) addProbe(WORD, `${w}'s`, e);
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

  const from = new Int32Array(texts.length + 1);
  for (let p = 0; p < texts.length; p++) from[p + 1] = from[p]! + texts[p]!.length;
  const chars = new Uint16Array(from[texts.length]!);
  for (let p = 0; p < texts.length; p++) {
    const text = texts[p]!;
    for (let k = 0; k < text.length; k++) chars[from[p]! + k] = text.charCodeAt(k);
  }

  const triggerLists: number[][] = elements.map(() => []);
  for (let s = 0; s < signatureLists.length; s++) {
    if (lastElements[s]! >= 0) triggerLists[lastElements[s]!]!.push(s);
  }

  const meets = flatten(meetLists);
  const signatures = flatten(signatureLists);
  const triggers = flatten(triggerLists);
  return {
    wide: chainTable(wide, texts.length),
    narrow: chainTable(narrow, texts.length),
    suffix: chainTable(suffix, texts.length),
    kind: Uint8Array.from(kinds),
    from,
    chars,
    meetsFrom: meets.from,
    meets: meets.pool,
    signatureFrom: signatures.from,
    signatures: signatures.pool,
    triggerFrom: triggers.from,
    triggers: triggers.pool,
    elementCount: elements.length,
    probeCount: texts.length,
    always: signatureLists.some((ids) => ids.length === 0),
  };
}

/** A prefilter index as plain JSON: typed arrays as number arrays, for the build-time pack index. */
export interface SerializedPrefilterIndex {
  /** Per table: mask, head and lengths (sparse: index, value, index, value…), next, used. */
  tables: [number, number[], number[], number[], boolean][];
  kind: number[];
  from: number[];
  /** The probes' characters as one string (a quarter of the size of a list of their codes). */
  chars: string;
  meetsFrom: number[];
  meets: number[];
  signatureFrom: number[];
  signatures: number[];
  triggerFrom: number[];
  triggers: number[];
  elementCount: number;
  probeCount: number;
  always: boolean;
}

const TABLES = ['wide', 'narrow', 'suffix'] as const;

function charString(codes: Uint16Array): string {
  let out = '';
  for (let k = 0; k < codes.length; k += 4096) out += String.fromCharCode(...codes.subarray(k, k + 4096));
  return out;
}

export function serializePrefilterIndex(index: PrefilterIndex): SerializedPrefilterIndex {
  const list = (a: ArrayLike<number>) => Array.from(a);
  // Heads and length masks have about four slots per probe, most of them empty.
  const sparse = (a: Int32Array) => {
    const out: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) out.push(i, a[i]!);
    return out;
  };
  return {
    tables: TABLES.map((name) => {
      const t = index[name];
      return [t.mask, sparse(t.head), sparse(t.lengths), list(t.next), t.used];
    }),
    kind: list(index.kind),
    from: list(index.from),
    chars: charString(index.chars),
    meetsFrom: list(index.meetsFrom),
    meets: list(index.meets),
    signatureFrom: list(index.signatureFrom),
    signatures: list(index.signatures),
    triggerFrom: list(index.triggerFrom),
    triggers: list(index.triggers),
    elementCount: index.elementCount,
    probeCount: index.probeCount,
    always: index.always,
  };
}

/**
 * The index back from `serializePrefilterIndex`. Checks the sizes the prefilter's loops rely on and
 * throws a plain Error naming the first that is off (a corrupt index must not read past an array).
 */
export function restorePrefilterIndex(data: SerializedPrefilterIndex): PrefilterIndex {
  const { elementCount, probeCount } = data;
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`prefilter index: ${what} is malformed`);
  };
  check(Number.isInteger(elementCount) && Number.isInteger(probeCount), 'counts');
  const ends = (from: number[], pool: { length: number }, count: number, what: string) =>
    check(from.length === count + 1 && from[count] === pool.length, what);
  ends(data.from, data.chars, probeCount, 'probe characters');
  ends(data.meetsFrom, data.meets, probeCount, 'probe elements');
  ends(data.triggerFrom, data.triggers, elementCount, 'element triggers');
  check(data.signatureFrom[data.signatureFrom.length - 1] === data.signatures.length, 'signatures');
  check(data.kind.length === probeCount, 'probe kinds');
  check(data.tables.length === TABLES.length, 'tables');
  // One check after the loop rather than a call per pair: this runs on every page before its first pass,
  // while its code is still cold, where a closure call per pair made it several times slower.
  const dense = (pairs: number[], size: number, what: string) => {
    const out = new Int32Array(size);
    const n = pairs.length;
    let ok = n % 2 === 0;
    for (let k = 0; ok && k < n; k += 2) {
      const at = pairs[k]!;
      // False for fractions, negatives, NaN and anything not a number.
      ok = at >>> 0 === at && at < size;
      if (ok) out[at] = pairs[k + 1]!;
    }
    check(ok, what);
    return out;
  };
  const tables = data.tables.map(([mask, head, lengths, next, used], i): ChainTable => {
    const name = TABLES[i]!;
    check(Number.isInteger(mask) && mask >= 0 && mask < 1 << 20 && next.length === probeCount, name);
    return {
      mask,
      head: dense(head, mask + 1, name),
      lengths: dense(lengths, mask + 1, name),
      next: Int32Array.from(next),
      used,
    };
  });
  const chars = new Uint16Array(data.chars.length);
  for (let k = 0; k < chars.length; k++) chars[k] = data.chars.charCodeAt(k);
  return {
    wide: tables[0]!,
    narrow: tables[1]!,
    suffix: tables[2]!,
    kind: Uint8Array.from(data.kind),
    from: Int32Array.from(data.from),
    chars,
    meetsFrom: Int32Array.from(data.meetsFrom),
    meets: Int32Array.from(data.meets),
    signatureFrom: Int32Array.from(data.signatureFrom),
    signatures: Int32Array.from(data.signatures),
    triggerFrom: Int32Array.from(data.triggerFrom),
    triggers: Int32Array.from(data.triggers),
    elementCount,
    probeCount,
    always: data.always,
  };
}
