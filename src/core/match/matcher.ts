import type { Pack } from '../pack/schema';
import { tokenize } from '../normalize/tokenize';
import { compilePack, type CompileOptions, type CompiledPack } from './compile';
import { findCandidates, type Candidate } from './candidates';
import type { Match, Matcher } from './types';

export type MatcherOptions = CompileOptions;

interface Group {
  start: number;
  end: number;
  primary: Candidate;
  narrativeIds: string[];
}

/**
 * Turns one block's candidates into matches: drops candidates overlapping a guard of their narrative,
 * merges identical spans (several narratives, primary = earliest pattern), then keeps non-overlapping
 * spans, longest first and earliest pattern on ties, and returns them in text order.
 */
function resolve(
  block: number,
  text: string,
  starts: number[],
  ends: number[],
  found: Candidate[],
  guards: Candidate[],
  out: Match[],
): void {
  const kept = guards.length
    ? found.filter(
        (c) =>
          !guards.some((g) => g.entry.narrativeIndex === c.entry.narrativeIndex && g.start < c.end && c.start < g.end),
      )
    : found;
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
  for (const g of groups) {
    if (chosen.every((c) => c.end <= g.start || g.end <= c.start)) chosen.push(g);
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

/** Scans blocks against an already compiled pack (used by the matcher and by pack tooling). */
export function scanCompiled(compiled: CompiledPack, blocks: readonly string[]): Match[] {
  const out: Match[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const text = blocks[b];
    if (!text) continue;
    const tokens = tokenize(text);
    if (!tokens.values.length) continue;
    const found: Candidate[] = [];
    const guards: Candidate[] = [];
    findCandidates(compiled, tokens, found, guards);
    if (found.length) resolve(b, text, tokens.starts, tokens.ends, found, guards, out);
  }
  return out;
}

/**
 * Compiles the pack once; `scan` then costs in proportion to the text. Throws on a pattern syntax error
 * (with the pattern's path); `validatePack` reports those first.
 */
export function createMatcher(pack: Pack, options: MatcherOptions = {}): Matcher {
  const compiled = compilePack(pack, options);
  return { scan: (blocks) => scanCompiled(compiled, blocks) };
}
