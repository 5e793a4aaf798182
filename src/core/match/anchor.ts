import type { Element } from './pattern';

/**
 * Anchor choice. Every sequence is indexed under one required token test; the scan verifies a
 * sequence only where its anchor occurs, so the anchor should be the rarest part of the sequence.
 * Without word frequencies, two signals serve: long exact words are rarer than stems, which are rarer
 * than function words; and a key that many sequences of the pack share ("said", "belarus*") is likely
 * common in text too, and would make each of its occurrences cost one verification per sequence.
 */

/** Function words in the pack's languages: poor anchors, and present in nearly every paragraph. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'the a an of and or to in on for is are was were will be by with that this it as at from not no ' +
    'и в во на не с со что по к а у о об за из до от же то ли бы як і та з до що не ў да што ці'
  ).split(' '),
);

/**
 * Chooses the anchor of every sequence of a pack. Index keys are `word` for exact words and `*stem` for
 * stems; each key is scored once, from how many sequences use it (once per sequence), and each element
 * once, however many expanded sequences share it. Keys are numbered (words and stems apart, so no
 * `*stem` string is built) and counted with a per-key stamp instead of a set per sequence.
 */
export function pickAnchors(sequences: readonly (readonly Element[])[]): number[] {
  const wordIds = new Map<string, number>();
  const stemIds = new Map<string, number>();
  /** Base score of each key before its frequency penalty. */
  const bases: number[] = [];
  const counts: number[] = [];
  const stamps: number[] = [];
  const keyId = (value: string, stem: boolean): number => {
    const ids = stem ? stemIds : wordIds;
    let id = ids.get(value);
    if (id === undefined) {
      id = bases.length;
      ids.set(value, id);
      bases.push(stem ? 50 + value.length : STOP_WORDS.has(value) ? 1 : 100 + value.length);
      counts.push(0);
      stamps.push(-1);
    }
    return id;
  };
  /** Key ids of each token test, in `keys` order: words, then stems. */
  const elementKeys = new Map<Element, number[]>();
  const keysOf = (el: Element): number[] => {
    let ids = elementKeys.get(el);
    if (ids === undefined) {
      if (el.kind === 'word') ids = [keyId(el.value, false)];
      else if (el.kind === 'stem') ids = [keyId(el.value, true)];
      else if (el.kind === 'any') {
        ids = [];
        for (let i = 0; i < el.words.length; i++) ids.push(keyId(el.words[i]!, false));
        for (let i = 0; i < el.stems.length; i++) ids.push(keyId(el.stems[i]!, true));
      } else ids = [];
      elementKeys.set(el, ids);
    }
    return ids;
  };

  for (let q = 0; q < sequences.length; q++) {
    const elements = sequences[q]!;
    for (let e = 0; e < elements.length; e++) {
      const el = elements[e]!;
      if (el.kind === 'gap') continue;
      const ids = keysOf(el);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        if (stamps[id] === q) continue;
        stamps[id] = q;
        counts[id]!++;
      }
    }
  }
  const keyScores: number[] = [];
  for (let id = 0; id < bases.length; id++) keyScores.push(bases[id]! - 16 * Math.log2(counts[id]!));

  const elementScores = new Map<Element, number>();
  const scoreOf = (el: Element): number => {
    let score = elementScores.get(el);
    if (score === undefined) {
      const ids = keysOf(el);
      if (ids.length === 1) score = keyScores[ids[0]!]!;
      else {
        // A set is looked up under every member, so it is as common as its commonest member, and a little worse.
        let min = Infinity;
        for (let i = 0; i < ids.length; i++) if (keyScores[ids[i]!]! < min) min = keyScores[ids[i]!]!;
        score = min - 2 - ids.length;
      }
      elementScores.set(el, score);
    }
    return score;
  };

  // The anchor is the first element with the best score (sequences always hold at least one token test).
  const anchors: number[] = [];
  for (let q = 0; q < sequences.length; q++) {
    const elements = sequences[q]!;
    let best = -1;
    let bestScore = -Infinity;
    for (let e = 0; e < elements.length; e++) {
      const el = elements[e]!;
      if (el.kind === 'gap') continue;
      const score = scoreOf(el);
      if (score > bestScore) {
        best = e;
        bestScore = score;
      }
    }
    anchors.push(best);
  }
  return anchors;
}
