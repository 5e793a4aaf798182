import type { Pack } from '../pack/schema';
import { tokenize } from '../normalize/tokenize';
import { compilePack, type CompileOptions, type CompiledPack } from './compile';
import { findCandidates, type Candidate } from './candidates';
import { resolve } from './resolve';
import type { Match, Matcher } from './types';

export type MatcherOptions = CompileOptions;

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
