import type { Pack } from '../pack/schema';
import { tokenize } from '../normalize/tokenize';
import { compilePack, type AnchorIndex, type CompiledPack, type CompileOptions } from './compile';
import { CandidateScanner, type Candidate } from './candidates';
import { createPrefilter } from './prefilter';
import { buildPrefilterIndex, type PrefilterIndex } from './prefilter-index';
import { resolve } from './resolve';
import type { Match, Matcher } from './types';

export interface ScanOptions {
  /**
   * Skip blocks that cannot match before tokenising them (default: true). The matches are the same
   * either way; turning it off is for tests and benchmarks that compare the two.
   */
  prefilter?: boolean;
  /** The prefilter's index when it was made ahead (see precompiled.ts); built from the pack otherwise. */
  prefilterIndex?: PrefilterIndex;
  /** The sieve's regular expression, made ahead with the prefilter index (sieve.ts); none otherwise. */
  sieve?: RegExp | null;
}

export type MatcherOptions = CompileOptions & ScanOptions;

/**
 * Packs whose prefilter would need more probes than this scan without it. The prefilter's hash tables
 * stop growing at 2^16 buckets, so past about four buckets per probe their chains lengthen and more page
 * words need a closer look: `npm run bench:core` measured it 1.8× faster than tokenising at 5,400 probes
 * (1,000 patterns) but 0.67× at 49,000 (10,000 patterns). The real pack has about 1,200.
 */
export const PREFILTER_MAX_PROBES = 16_384;

/**
 * Compiles the pack once; `scan` then costs in proportion to the text, with no per-call setup beyond
 * tokenising the given blocks (the page side often rescans one dirty block). Throws on a pattern
 * syntax error (with the pattern's path); `validatePack` reports those first.
 */
export function createMatcher(pack: Pack, options: MatcherOptions = {}): Matcher {
  return matcherFromCompiled(compilePack(pack, options), options);
}

/**
 * A matcher over an already compiled pack (compiled now, or restored from a build-time index). `compiled`
 * may be given as a function, called when a block first passes the prefilter (with a prefilter index given,
 * a page where nothing passes never builds the anchor index at all); the prefilter index must then be
 * given too, as it is built from a compiled pack's maps.
 */
export function matcherFromCompiled(compiled: CompiledPack | (() => AnchorIndex), options: ScanOptions = {}): Matcher {
  let built: AnchorIndex | null = typeof compiled === 'function' ? null : compiled;
  const anchorIndex = (): AnchorIndex => (built ??= (compiled as () => AnchorIndex)());
  let scanner: CandidateScanner | null = null;
  let prefilter = null;
  if (options.prefilter !== false) {
    let index = options.prefilterIndex;
    if (!index) {
      if (typeof compiled === 'function') throw new Error('a lazily built anchor index needs its prefilter index');
      index = buildPrefilterIndex(compiled);
    }
    if (index.probeCount <= PREFILTER_MAX_PROBES) prefilter = createPrefilter(index);
  }
  const sieve = options.sieve ?? null;
  return {
    sieve: () => sieve,
    scan(blocks) {
      const out: Match[] = [];
      for (let b = 0; b < blocks.length; b++) {
        const text = blocks[b];
        if (!text || (prefilter && !prefilter.mayMatch(text))) continue;
        scanner ??= new CandidateScanner(anchorIndex());
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
