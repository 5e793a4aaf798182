import type { Pack } from '../pack/schema';
import { tokenize } from '../normalize/tokenize';
import { compilePack, type CompiledPack, type CompileOptions } from './compile';
import { CandidateScanner, type Candidate } from './candidates';
import { resolve } from './resolve';
import type { Match, Matcher } from './types';

export type MatcherOptions = CompileOptions;

/**
 * Compiles the pack once; `scan` then costs in proportion to the text, with no per-call setup beyond
 * tokenising the given blocks (the page side often rescans one dirty block). Throws on a pattern
 * syntax error (with the pattern's path); `validatePack` reports those first.
 */
export function createMatcher(pack: Pack, options: MatcherOptions = {}): Matcher {
  return matcherFromCompiled(compilePack(pack, options));
}

/** A matcher over an already compiled pack (compiled now, or restored from a build-time index). */
export function matcherFromCompiled(compiled: CompiledPack): Matcher {
  const scanner = new CandidateScanner(compiled);
  return {
    scan(blocks) {
      const out: Match[] = [];
      for (let b = 0; b < blocks.length; b++) {
        const text = blocks[b];
        if (!text) continue;
        const tokens = tokenize(text);
        if (!tokens.values.length) continue;
        const found: Candidate[] = [];
        const guards: Candidate[] = [];
        scanner.scan(tokens, found, guards);
        if (found.length) resolve(b, text, tokens.starts, tokens.ends, found, guards, out);
      }
      return out;
    },
  };
}
