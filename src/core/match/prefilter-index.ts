import type { CompiledPack, CompiledSequence } from './compile';
import { FUZZY_MIN_LENGTH } from './fuzzy';
import type { Element } from './pattern';

/**
 * What the prefilter looks for, built once per compiled pack: every token test (element) of the pack's
 * pattern sequences, the probes that meet them (a word, a stem, a long word's one-edit variants) hashed
 * by their first three characters, and each distinct sequence as the list of its elements. Flat typed
 * arrays throughout: the lookups run per token of every block, and pattern words are often slices of
 * longer strings, which V8 reads more slowly one character at a time.
 */

/** A token equal to the probe, or to the probe and `'s` (the tokeniser gives "russia's" the base "russia"). */
export const WORD = 0;
/** A token starting with the probe. */
export const STEM = 1;
/** A token one edit from the probe, with the same first letter (fuzzy.ts). */
export const FUZZY = 2;

const TABLE_BITS = 15;
const TABLE_MASK = (1 << TABLE_BITS) - 1;

/** First three characters (0 past the end): distinct for any three letters of one alphabet. */
export function prefixHash(c0: number, c1: number, c2: number): number {
  return (c0 * 961 + c1 * 31 + c2) & TABLE_MASK;
}

/** First letter and last four, which `VariantIndex` also keys fuzzy words by. */
export function suffixHash(first: number, a: number, b: number, c: number, d: number): number {
  let h = Math.imul(first, 0x9e3779b1);
  h = Math.imul(h ^ a, 0x85ebca77);
  h = Math.imul(h ^ b, 0xc2b2ae3d);
  h = Math.imul(h ^ c, 0x27d4eb2f);
  return Math.imul(h ^ d, 0x165667b1) >>> (32 - TABLE_BITS);
}

/** A token length's bit in a mask of the lengths a bucket's probes accept (bit 31: 31 or more). */
export function lengthBit(len: number): number {
  return 1 << (len < 31 ? len : 31);
}

export interface PrefilterIndex {
  /** Per prefix hash: first probe + 1 (0: none), chained through `next`. */
  head: Int32Array;
  /**
   * Per prefix hash: the lengths of one-run tokens its probes accept, so that most tokens sharing a prefix
   * with a probe ("only" and "one") stop here.
   */
  lengths: Int32Array;
  next: Int32Array;
  /** The same for fuzzy probes by suffix hash; null when the pack tolerates no typos. */
  suffixHead: Int32Array | null;
  suffixLengths: Int32Array;
  suffixNext: Int32Array;
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
  /** Per element: the sequences to check when it is met (each sequence under one of its elements). */
  triggerFrom: Int32Array;
  triggers: Int32Array;
  elementCount: number;
  probeCount: number;
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

/** How unlikely a token test is to be met by chance: its shortest word or stem. */
function rarity(el: Element): number {
  if (el.kind === 'word' || el.kind === 'stem') return el.value.length;
  if (el.kind !== 'any') return 0;
  let min = Infinity;
  for (const w of el.words) min = Math.min(min, w.length);
  for (const s of el.stems) min = Math.min(min, s.length);
  return min;
}

/** Flattens lists into a pool and start offsets (one more than the lists, the last being the end). */
function flatten(lists: readonly (readonly number[])[]): { from: Int32Array; pool: Int32Array } {
  const from = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) from[i + 1] = from[i]! + lists[i]!.length;
  const pool = new Int32Array(from[lists.length]!);
  for (let i = 0; i < lists.length; i++) pool.set(lists[i]!, from[i]!);
  return { from, pool };
}

export function buildPrefilterIndex(compiled: CompiledPack): PrefilterIndex {
  const elementIds = new Map<Element, number>();
  const elements: Element[] = [];
  const signatureKeys = new Set<string>();
  const signatureLists: number[][] = [];
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
    signatureLists.push(ids);
  }

  const head = new Int32Array(1 << TABLE_BITS);
  const lengths = new Int32Array(1 << TABLE_BITS);
  const suffixLengths = new Int32Array(1 << TABLE_BITS);
  let suffixHead: Int32Array | null = null;
  const next: number[] = [];
  const suffixNext: number[] = [];
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
      let accepted = 0;
      // Only a token with an apostrophe can be a possessive: `token` looks those up whatever their length.
      if (kind === WORD) accepted = lengthBit(m);
      else if (kind === FUZZY) accepted = lengthBit(m - 1) | lengthBit(m) | lengthBit(m + 1);
      else for (let len = m; len <= 31; len++) accepted |= lengthBit(len);
      const h = prefixHash(text.charCodeAt(0), text.charCodeAt(1) || 0, text.charCodeAt(2) || 0);
      next.push(head[h]!);
      head[h] = p + 1;
      lengths[h]! |= accepted;
      suffixNext.push(0);
      if (kind === FUZZY) {
        const s = suffixHash(
          text.charCodeAt(0),
          text.charCodeAt(m - 4),
          text.charCodeAt(m - 3),
          text.charCodeAt(m - 2),
          text.charCodeAt(m - 1),
        );
        suffixHead ??= new Int32Array(1 << TABLE_BITS);
        suffixNext[p] = suffixHead[s]!;
        suffixHead[s] = p + 1;
        suffixLengths[s]! |= accepted;
      }
    }
    const meets = meetLists[p]!;
    if (!meets.includes(element)) meets.push(element);
  };
  const fuzzy = compiled.fuzzy !== null;
  const addWord = (w: string, e: number) => {
    addProbe(WORD, w, e);
    // A word probe also takes the possessive, but a word shorter than three letters has it under another key.
    if (w.length < 3) addProbe(WORD, `${w}'s`, e);
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
    const ids = signatureLists[s]!;
    let best = ids[0]!;
    for (const id of ids) if (rarity(elements[id]!) > rarity(elements[best]!)) best = id;
    triggerLists[best]!.push(s);
  }

  const meets = flatten(meetLists);
  const signatures = flatten(signatureLists);
  const triggers = flatten(triggerLists);
  return {
    head,
    lengths,
    next: Int32Array.from(next),
    suffixHead,
    suffixLengths,
    suffixNext: Int32Array.from(suffixNext),
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
  };
}
