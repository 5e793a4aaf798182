import type { Candidate } from './candidates';
import type { Match } from './types';

interface Group {
  start: number;
  end: number;
  primary: Candidate;
  narrativeIds: string[];
}

/**
 * Keeps gaps lazy across anchors: when two occurrences of the same sequence nest (reached from two
 * occurrences of its anchor), only the inner one is kept, so `nato … belarus` on "NATO and Belarus and
 * Belarus" covers "NATO and Belarus". Different sequences of one pattern (`the? kremlin`) still compete
 * by length.
 */
function dropNestedRepeats(found: Candidate[]): Candidate[] {
  if (found.length < 2) return found;
  found.sort((a, b) => a.sequence - b.sequence || a.end - b.end || b.start - a.start);
  const kept: Candidate[] = [];
  let sequence = -1;
  let maxStart = -1;
  for (const c of found) {
    if (c.sequence !== sequence) {
      sequence = c.sequence;
      maxStart = -1;
    }
    if (maxStart >= c.start) continue;
    kept.push(c);
    maxStart = c.start;
  }
  return kept;
}

function isFree(taken: Uint8Array, start: number, end: number): boolean {
  for (let t = start; t < end; t++) if (taken[t]) return false;
  return true;
}

/** Drops candidates overlapping a guard of their own narrative; linear in tokens, not candidates × guards. */
function dropGuarded(found: Candidate[], guards: Candidate[], tokenCount: number): Candidate[] {
  const guardedTokens = new Map<number, Uint8Array>();
  for (const g of guards) {
    let marks = guardedTokens.get(g.entry.narrativeIndex);
    if (!marks) guardedTokens.set(g.entry.narrativeIndex, (marks = new Uint8Array(tokenCount)));
    marks.fill(1, g.start, g.end);
  }
  return found.filter((c) => {
    const marks = guardedTokens.get(c.entry.narrativeIndex);
    return !marks || isFree(marks, c.start, c.end);
  });
}

/**
 * Turns one block's candidates into matches: drops candidates overlapping a guard of their narrative,
 * merges identical spans (several narratives, primary = earliest pattern), then keeps non-overlapping
 * spans, longest first and earliest pattern on ties, and returns them in text order.
 */
export function resolve(
  block: number,
  text: string,
  starts: number[],
  ends: number[],
  found: Candidate[],
  guards: Candidate[],
  out: Match[],
): void {
  const unique = dropNestedRepeats(found);
  const kept = guards.length ? dropGuarded(unique, guards, starts.length) : unique;
  if (!kept.length) return;
  kept.sort((a, b) => a.start - b.start || a.end - b.end || a.entry.order - b.entry.order);
  const groups: Group[] = [];
  for (const c of kept) {
    const last = groups[groups.length - 1];
    if (last && last.start === c.start && last.end === c.end) {
      if (!last.narrativeIds.includes(c.entry.narrativeId)) last.narrativeIds.push(c.entry.narrativeId);
    } else groups.push({ start: c.start, end: c.end, primary: c, narrativeIds: [c.entry.narrativeId] });
  }
  const span = (g: Group) => ends[g.end - 1]! - starts[g.start]!;
  groups.sort((a, b) => span(b) - span(a) || a.primary.entry.order - b.primary.entry.order || a.start - b.start);
  const chosen: Group[] = [];
  const taken = new Uint8Array(starts.length);
  for (const g of groups) {
    if (isFree(taken, g.start, g.end)) {
      taken.fill(1, g.start, g.end);
      chosen.push(g);
    }
  }
  chosen.sort((a, b) => a.start - b.start);
  for (const g of chosen) {
    const start = starts[g.start]!;
    const end = ends[g.end - 1]!;
    out.push({
      block,
      start,
      end,
      text: text.slice(start, end),
      narrativeIds: g.narrativeIds,
      lang: g.primary.entry.lang,
      pattern: g.primary.entry.pattern,
    });
  }
}
