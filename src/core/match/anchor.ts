import type { Element } from './pattern';

/**
 * Anchor choice. Every sequence is indexed under one required token test; the scan verifies a
 * sequence only where its anchor occurs, so the anchor should be the rarest part of the sequence.
 * Without word frequencies, two signals serve: long exact words are rarer than stems, which are rarer
 * than function words; and a key that many sequences of the pack share ("said", "belarus*") is likely
 * common in text too, and would make each of its occurrences cost one verification per sequence.
 */

const STOP_WORDS = new Set(
  (
    'the a an of and or to in on for is are was were will be by with that this it as at from not no ' +
    'и в во на не с со что по к а у о об за из до от же то ли бы як і та з до що не ў да што ці'
  ).split(' '),
);

/** Index keys of a token test: `word` for exact words, `*stem` for stems. */
function keys(el: Element): string[] {
  if (el.kind === 'word') return [el.value];
  if (el.kind === 'stem') return [`*${el.value}`];
  if (el.kind === 'any') return [...el.words, ...el.stems.map((s) => `*${s}`)];
  return [];
}

/** How many sequences use each key (once per sequence). */
export function countKeys(sequences: Iterable<readonly Element[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const elements of sequences) {
    for (const key of new Set(elements.flatMap(keys))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function keyScore(key: string, counts: ReadonlyMap<string, number>): number {
  const base = key.startsWith('*') ? 50 + key.length - 1 : STOP_WORDS.has(key) ? 1 : 100 + key.length;
  return base - 16 * Math.log2(counts.get(key) ?? 1);
}

function anchorScore(el: Element, counts: ReadonlyMap<string, number>): number {
  const members = keys(el);
  if (!members.length) return -Infinity;
  const scores = members.map((k) => keyScore(k, counts));
  // A set is looked up under every member, so it is as common as its commonest member, and a little worse.
  return members.length === 1 ? scores[0]! : Math.min(...scores) - 2 - members.length;
}

/** Index of the element to anchor the sequence on (sequences always hold at least one token test). */
export function pickAnchor(elements: readonly Element[], counts: ReadonlyMap<string, number>): number {
  let best = -1;
  let bestScore = -Infinity;
  elements.forEach((el, i) => {
    const score = anchorScore(el, counts);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
