import { normalizeCluster } from '../normalize/normalize';
import type { Pack } from '../pack/schema';
import { FUZZY, STEM, WORD, type PrefilterIndex } from './prefilter-index';
import { APOSTROPHE, CLUSTER, IGNORABLE, LETTER, MARK, SEPARATOR, computeUnit } from './unit-table';

/**
 * The sieve: one regular expression that finds, in a page's text read as one string (an element's
 * `textContent`), every place where a pattern of the pack could start to match. The browser reads the
 * characters in native code; the page engine then walks only the blocks around the places found, and the
 * matcher does the exact work there. On pages about something else most of the text is never walked.
 *
 * It must never miss a place the matcher could match, whatever the page's markup:
 *
 * - **Keys.** Every pattern sequence has elements that a block's tokens must all meet (prefilter-index.ts).
 *   The sieve takes one of them per sequence, its key, chosen greedily so that few keys cover every
 *   sequence and each is unlikely in unrelated text (long words and stems over short words).
 * - **No word boundaries.** `textContent` joins the text of neighbouring blocks with nothing between them
 *   ("…in Minsk" + "Belarus…" reads "MinskBelarus"), so a key is looked for anywhere, not only at the start
 *   of a word: the sieve lets more through, never less.
 * - **Letters exactly as normalisation reads them.** A key letter matches the units that normalise to it
 *   on their own and that its case pair covers (`[eEёЁ]` for `е`…). Any other unit that could become a key
 *   letter or an apostrophe (full-width forms, ligatures, a combining mark that composes with the letter
 *   before it, a mathematical letter written as a surrogate pair) and any unit normalisation drops (soft
 *   hyphens, zero-width joiners) is a place on its own: the matcher decides.
 * - **Every start.** After each place the search goes on from the next character, not from the end of
 *   what matched there (`findPlaces`), so a place never takes up the letters of the next one.
 * - **Typos.** A long word also meets tokens one edit away that share its first letter and its first three
 *   or last four letters (fuzzy.ts); both shapes are looked for, with the token length they allow.
 *
 * A key is looked for by at most its first PREFIX letters; the prefilter and the matcher check the rest.
 */

/**
 * Letters of a word or stem the sieve looks for. Seven, not five: with five, "contingent" was looked for
 * as "conti" and found in every "continue" and "continent", "breakthrough" as "break" in every "break", and
 * the real-page corpus had 778 places; with seven it has 324 (with eight or more, 391–397).
 */
const PREFIX = 7;

/** Class and lower-cased unit (`class | lower << 3`) of every UTF-16 unit, as unit-table.ts computes them. */
function allUnits(): Int32Array {
  const units = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = computeUnit(c);
  return units;
}

const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;

/** A character class's contents for the given units, as ranges. */
function classOf(units: Iterable<number>): string {
  const sorted = [...new Set(units)].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out += j > i ? `${hex(sorted[i]!)}${j > i + 1 ? '-' : ''}${hex(sorted[j]!)}` : hex(sorted[i]!);
    i = j + 1;
  }
  return out;
}

/**
 * What a probe lets through, roughly, as the sieve looks for it anywhere in the text: a word or stem of
 * five letters or more rarely occurs inside unrelated words, a short one often does ("nato" in "senator",
 * "ally" in "really"), and one that occurs inside a common word (by the letters looked for) lets through
 * much of every page.
 */
function probeCost(kind: number, text: string): number {
  const looked = text.slice(0, kind === FUZZY ? 3 : PREFIX);
  const base = kind === FUZZY ? 4 : looked.length >= 5 ? 1 : looked.length === 4 ? 4 : looked.length === 3 ? 12 : 40;
  return COMMON_WORDS.some((w) => w.includes(looked)) ? base * 20 : base;
}

/**
 * Words frequent in news of any subject. A probe found inside one of them would send the engine walking
 * a large share of every page, so keys are chosen elsewhere wherever a sequence allows ("fsb" rather than
 * "general" in "generals are FSB agents").
 */
const COMMON_WORDS = (
  'general generally generation government office officer officers official officials north northern south ' +
  'through throughout call called calls recall really finally usually especially actually totally nearly ' +
  'bridge break breaking outbreak council counsel construction constitution consider continue contact ' +
  'reference referred preferred spring command comment commercial community invite invited invitation ' +
  'nation national international senator programme program report special service services work order ' +
  'country countries account county counter encounter check checked couple group groups operation operate ' +
  'cooperation front confront farm harm alarm bring brought plot explore explain broke broken burst asset ' +
  'assets crime agent agency agenda border rifle rebel smash mole molecule ' +
  'против отношения пункт центр проект программа правительство президент предложение продолжает процесс ' +
  'провести прошлом генеральный офис север северный через звонок называют мост перерыв совет'
).split(' ');

/**
 * The keys: elements such that every sequence has one, chosen greedily by the number of sequences each
 * covers per cost. Null when some sequence has no element (only common words): every block may match.
 */
function coveringKeys(index: PrefilterIndex, cost: readonly number[]): number[] | null {
  const sequences = index.signatureFrom.length - 1;
  const sequencesOf: number[][] = Array.from({ length: index.elementCount }, () => []);
  for (let s = 0; s < sequences; s++) {
    if (index.signatureFrom[s] === index.signatureFrom[s + 1]) return null;
    for (let i = index.signatureFrom[s]!; i < index.signatureFrom[s + 1]!; i++)
      sequencesOf[index.signatures[i]!]!.push(s);
  }
  const uncovered = sequencesOf.map((list) => list.length);
  const covered = new Uint8Array(sequences);
  let left = sequences;
  const keys: number[] = [];
  while (left > 0) {
    let best = -1;
    for (let e = 0; e < uncovered.length; e++) {
      if (uncovered[e]! > 0 && (best < 0 || uncovered[e]! / cost[e]! > uncovered[best]! / cost[best]!)) best = e;
    }
    keys.push(best);
    for (const s of sequencesOf[best]!) {
      if (covered[s]) continue;
      covered[s] = 1;
      left--;
      for (let i = index.signatureFrom[s]!; i < index.signatureFrom[s + 1]!; i++) uncovered[index.signatures[i]!]!--;
    }
  }
  return keys;
}

/** Whether a piece of normalised text holds a character that `accepts` accepts. */
const holdsAny = (text: string, accepts: (c: number) => boolean): boolean => {
  for (let k = 0; k < text.length; k++) if (accepts(text.charCodeAt(k))) return true;
  return false;
};

/**
 * The sieve's regular expression source for a prefilter index (used with the flag `g` only), or null when
 * it could rule nothing out (a sequence with only common words).
 */
export function sieveSource(index: PrefilterIndex): string | null {
  if (index.always) return null;
  const probesOf: number[][] = Array.from({ length: index.elementCount }, () => []);
  for (let p = 0; p < index.probeCount; p++)
    for (let i = index.meetsFrom[p]!; i < index.meetsFrom[p + 1]!; i++) probesOf[index.meets[i]!]!.push(p);
  const text = (p: number, from: number, to: number) =>
    String.fromCharCode(...index.chars.subarray(index.from[p]! + from, index.from[p]! + to));
  const cost = probesOf.map((probes) =>
    probes.reduce((sum, p) => sum + probeCost(index.kind[p]!, text(p, 0, index.from[p + 1]! - index.from[p]!)), 0),
  );
  const keys = coveringKeys(index, cost);
  if (keys === null) return null;

  /** What each alternative looks for, in normalised letters. */
  const starts = new Set<string>();
  const fuzzy: { head: string; tail: string; m: number }[] = [];
  for (const e of keys) {
    for (const p of probesOf[e]!) {
      const m = index.from[p + 1]! - index.from[p]!;
      const kind = index.kind[p]!;
      if (kind === FUZZY) fuzzy.push({ head: text(p, 0, 3), tail: text(p, m - 4, m), m });
      else if (kind === WORD || kind === STEM) starts.add(text(p, 0, Math.min(m, PREFIX)));
    }
  }
  // A start that begins with a shorter start adds nothing.
  const sorted = [...starts].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const s of sorted) if (!kept.some((k) => s.startsWith(k))) kept.push(s);

  const keyChars = new Set<number>();
  for (const s of [...kept, ...fuzzy.flatMap((f) => [f.head, f.tail])])
    for (let k = 0; k < s.length; k++) keyChars.add(s.charCodeAt(k));
  const inKeys = (c: number) => keyChars.has(c);

  const units = allUnits();
  const classOfUnit = (c: number) => units[c]! & 7;
  const lowerOf = (c: number) => units[c]! >>> 3;
  const apostrophes: number[] = [];
  const separators: number[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (classOfUnit(c) === APOSTROPHE) apostrophes.push(c);
    else if (classOfUnit(c) === SEPARATOR) separators.push(c);
  }
  // Each key character's class: itself and its case pair, where those normalise to it; for the apostrophe,
  // every unit that normalises to it.
  const letterClass = new Map<number, number[]>();
  for (const x of keyChars) {
    const ch = String.fromCharCode(x);
    const pair = [x, ch.toUpperCase().charCodeAt(0), ch.toLowerCase().charCodeAt(0)];
    if (x === 0x435) pair.push(0x401, 0x451);
    letterClass.set(x, x === 0x27 ? apostrophes : pair.filter((c) => classOfUnit(c) === LETTER && lowerOf(c) === x));
  }
  const covered = new Set<number>();
  for (const list of letterClass.values()) for (const c of list) covered.add(c);

  // Units that are places on their own, and the letters a combining mark could turn into a key letter.
  const places: number[] = [];
  const bases: number[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const k = classOfUnit(c);
    if (k === IGNORABLE) places.push(c);
    else if (k === LETTER && inKeys(lowerOf(c))) {
      if (!covered.has(c)) places.push(c);
      bases.push(c);
    } else if (k === CLUSTER) {
      // Ligatures and compatibility forms: several characters from one unit.
      const piece = normalizeCluster(String.fromCharCode(c));
      if (holdsAny(piece, (x) => x !== 0x20)) places.push(c);
    }
    // A unit whose decomposition starts with another unit can be written as that unit and a mark.
    const nfd = String.fromCharCode(c).normalize('NFD');
    if (nfd.length > 1 && holdsAny(normalizeCluster(String.fromCharCode(c)), inKeys)) bases.push(nfd.charCodeAt(0));
  }
  for (let m = 0; m < 0x10000; m++) {
    if (classOfUnit(m) !== MARK || (m >= 0xd800 && m <= 0xdfff)) continue;
    const mark = String.fromCharCode(m);
    const alone = normalizeCluster(mark);
    for (const b of bases) {
      const base = String.fromCharCode(b);
      if (normalizeCluster(base + mark) !== normalizeCluster(base) + alone) {
        places.push(m);
        break;
      }
    }
  }
  // Surrogate pairs (planes 1 to 3) that normalise to anything holding a word character.
  const pairs = new Map<number, number[]>();
  for (let cp = 0x10000; cp < 0x40000; cp++) {
    const s = String.fromCodePoint(cp);
    const piece = normalizeCluster(s);
    if (piece === s) continue;
    let relevant = false;
    for (let k = 0; k < piece.length; k++) {
      const x = piece.charCodeAt(k);
      if (x !== 0x20 && (x < 0xd800 || x > 0xdfff) && (computeUnit(x) & 7) !== SEPARATOR) relevant = true;
    }
    if (!relevant) continue;
    const high = s.charCodeAt(0);
    let list = pairs.get(high);
    if (!list) pairs.set(high, (list = []));
    list.push(s.charCodeAt(1));
  }

  const notSeparator = `[^${classOf(separators)}]`;
  const literal = (s: string) =>
    [...s]
      .map((ch) => {
        const list = letterClass.get(ch.charCodeAt(0))!;
        return list.length === 1 ? hex(list[0]!) : `[${classOf(list)}]`;
      })
      .join('');
  // Keys that share their first letters share one branch: the engine then tries each branch once per
  // position instead of every key (several times faster on long pages).
  const trie = (words: string[], depth: number): string => {
    const byLetter = new Map<string, string[]>();
    for (const w of words) {
      if (w.length === depth) return '';
      const ch = w[depth]!;
      let list = byLetter.get(ch);
      if (!list) byLetter.set(ch, (list = []));
      list.push(w);
    }
    const branches = [...byLetter].map(([ch, list]) => literal(ch) + trie(list, depth + 1));
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  // Parts by the script of the unit each alternative starts with (see `sieveParts`).
  const scriptOf = (c: number): 'latin' | 'cyrillic' | 'other' =>
    c < 0x80 ? 'latin' : c >= 0x400 && c <= 0x52f ? 'cyrillic' : 'other';
  const parts: string[] = [];
  for (const script of ['latin', 'cyrillic', 'other'] as const) {
    const keysOf = kept.filter((k) => scriptOf(k.charCodeAt(0)) === script);
    const alternatives = [
      ...(keysOf.length ? [trie(keysOf, 0)] : []),
      ...fuzzy
        .filter(({ head }) => scriptOf(head.charCodeAt(0)) === script)
        .flatMap(({ head, tail, m }) => [
          // First three letters kept: at least m - 1 units from the token's start.
          `${literal(head)}${notSeparator}{${m - 4}}`,
          // Else the first letter and the last four, m - 6 or more units between them.
          `${literal(head[0]!)}${notSeparator}{${m - 6},}${literal(tail)}`,
        ]),
    ];
    if (alternatives.length) parts.push(alternatives.join('|'));
  }
  if (pairs.size) parts.push([...pairs].map(([high, lows]) => `${hex(high)}[${classOf(lows)}]`).join('|'));
  // Many ranges, high up (the bundled pack's span from U+00A8 to U+FFE3): a lookahead for the span rules
  // out most text (ASCII) at once.
  if (places.length) {
    const low = Math.min(...places);
    const high = Math.max(...places);
    parts.push(`(?=[${hex(low)}-${hex(high)}])[${classOf(places)}]`);
  }
  return parts.map((part) => PART + part).join('|');
}

/**
 * Marks the start of each part of a sieve's source (an empty group, which matches the empty string, so the
 * whole source still means what its parts mean together). The page cuts the source at these with one native
 * `split`: reading the source's structure in script took 2.3 ms in Node, several times that in a page's cold
 * isolated world.
 */
const PART = '(?:)';

/** The sieve's regular expression, from its source. */
export function sieveExpression(source: string): RegExp {
  return new RegExp(source, 'g');
}

/**
 * The places the sieve finds in `text` that start before `end`: every position where a match starts, in
 * ascending order. The search goes on from the character after each place, not from the end of its match:
 * as a match, "GRU" in a block ending with "GR" followed by one starting with "Ukraine's push towards
 * NATO…" took up that block's first letter, and its own place was never found. (Wrapping the expression
 * in a lookahead does the same, 2–14 % slower on long pages in Node: places are few, so restarting costs
 * little.) The expression is searched in parts (`sieveParts`), each part's places merged.
 */
export function findPlaces(sieve: RegExp, text: string, end = text.length): number[] {
  const parts = sieveParts(sieve);
  if (parts.length === 1) return placesOf(parts[0]!, text, end, []);
  const places: number[] = [];
  for (const part of parts) placesOf(part, text, end, places);
  places.sort((a, b) => a - b);
  // Parts start with different units, so no two find the same place; should they ever, it counts once.
  let kept = 0;
  for (let i = 0; i < places.length; i++) if (i === 0 || places[i] !== places[i - 1]) places[kept++] = places[i]!;
  places.length = kept;
  return places;
}

/** Whether the sieve finds a place in `text`: its parts are searched until one finds one. */
export function hasPlace(sieve: RegExp, text: string): boolean {
  for (const part of sieveParts(sieve)) {
    part.lastIndex = 0;
    const found = part.test(text);
    part.lastIndex = 0;
    if (found) return true;
  }
  return false;
}

/** Adds to `places` every position before `end` where `expression` (global) matches in `text`. */
function placesOf(expression: RegExp, text: string, end: number, places: number[]): number[] {
  expression.lastIndex = 0;
  for (let m = expression.exec(text); m !== null && m.index < end; m = expression.exec(text)) {
    places.push(m.index);
    expression.lastIndex = m.index + 1;
  }
  expression.lastIndex = 0;
  return places;
}

const partsOf = new WeakMap<RegExp, readonly RegExp[]>();

/**
 * The sieve's expression as the parts `sieveSource` made it of, by the script of the unit each alternative
 * starts with: Latin, Cyrillic, other scripts (where a pack has keys in them), surrogate pairs, and the
 * units that are places on their own. V8 searches a text for an alternation whose first units are few (one
 * script's letters) several times faster than for one whose first units are many: in Node here, the bundled
 * pack's expression as one took 10.5–11.8 ns a character of a news page's text, its parts 3.1 together
 * (Latin 0.8, Cyrillic 0.3, surrogate pairs 0.3, the units that are places on their own 1.7, behind the
 * lookahead; 3.8 without it). A place is where any alternative matches, so the parts' places together are
 * the whole expression's. A source without the marks (made by an earlier version) is searched whole.
 */
export function sieveParts(sieve: RegExp): readonly RegExp[] {
  let parts = partsOf.get(sieve);
  if (!parts) {
    const sources = splitSieveSource(sieve.source);
    parts = sources.length > 1 ? sources.map((source) => new RegExp(source, sieve.flags)) : [sieve];
    partsOf.set(sieve, parts);
  }
  return parts;
}

/** The sources of the parts a sieve's source was made of (itself, if it has no marks). */
export function splitSieveSource(source: string): string[] {
  return source.startsWith(PART) ? source.slice(PART.length).split(`|${PART}`) : [source];
}

/**
 * Whether a sieve made for `made` also serves `pack`: every pattern of `pack` is a pattern of `made` in the
 * same language (guards aside, which only ever remove matches), so every place where `pack` could match is
 * a place where `made` could. A reader's choice of fewer languages gives such a pack.
 */
export function sieveServes(made: Pack, pack: Pack): boolean {
  const known = new Set<string>();
  for (const n of made.narratives)
    for (const [lang, list] of Object.entries(n.patterns)) for (const p of list ?? []) known.add(`${lang}\n${p}`);
  return pack.narratives.every((n) =>
    Object.entries(n.patterns).every(([lang, list]) => (list ?? []).every((p) => known.has(`${lang}\n${p}`))),
  );
}
