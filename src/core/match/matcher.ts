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
  /**
   * What a lazily built anchor index is built from comes later (see `Matcher.pending`): `compiled` may be
   * called only once its state is `ready`.
   */
  deferred?: DeferredPart;
}

/** A part of the matcher loaded on demand, and where its load is. */
export interface DeferredPart {
  state(): 'idle' | 'loading' | 'ready' | 'failed';
  /** Starts the load (once); settles, never rejecting, when the state is `ready` or `failed`. */
  load(): Promise<void>;
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
  const deferred = options.deferred ?? null;
  // The blocks `pending` last looked at, and which of them passed the prefilter: `scan` is then called with
  // the same array, and need not ask the prefilter again.
  let checked: { blocks: readonly string[]; passed: Uint8Array } | null = null;
  const passes = (text: string | undefined): boolean => !!text && (!prefilter || prefilter.mayMatch(text));
  return {
    sieve: () => sieve,
    pending(blocks) {
      if (!deferred) return null;
      const state = deferred.state();
      if (state === 'ready' || state === 'failed') return null;
      const passed = new Uint8Array(blocks.length);
      let any = false;
      for (let b = 0; b < blocks.length; b++) {
        if (!passes(blocks[b])) continue;
        passed[b] = 1;
        any = true;
      }
      checked = { blocks, passed };
      return any ? deferred.load() : null;
    },
    scan(blocks) {
      const out: Match[] = [];
      const known = checked?.blocks === blocks ? checked.passed : null;
      checked = null;
      for (let b = 0; b < blocks.length; b++) {
        const text = blocks[b];
        if (!text || !(known ? known[b] : passes(text))) continue;
        if (deferred && deferred.state() !== 'ready') {
          // Reported where the part failed to load: these blocks stay unmatched.
          if (deferred.state() === 'failed') continue;
          throw new Error('a block needs the part of the matcher still loading: await pending() first');
        }
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
