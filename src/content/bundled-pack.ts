import type { Matcher } from '../core/match';
import type { Pack } from '../core/pack/schema';
import { BundledPackError, parseBundledPack, type BundledPack } from '../storage/bundled-pack';
import { measureSince } from './mark';

export interface BundledPackSources {
  /** This build's id for the bundled pack data. */
  id: string;
  /** Reads the copy in storage, as stored (see storage/page-load.ts). */
  stored: () => Promise<unknown>;
  /** Asks the background for this build's copy (which it also stores for the next page). */
  ask: () => Promise<unknown>;
  /** The matcher for a pack and its precompiled index (it may compile the pack instead). */
  makeMatcher: (bundled: BundledPack) => Matcher | Promise<Matcher>;
}

/** A pack and the matcher made for it. */
export interface PackMatcher {
  pack: Pack;
  matcher: Matcher;
}

/**
 * The bundled pack and its matcher for this page load, from the stored copy when it is this build's and
 * usable, else from the background: the first pages after an install or update can come before the
 * background has stored the new copy, and a damaged copy is replaced, not used. Throws when neither works.
 */
export async function loadBundledPack(sources: BundledPackSources): Promise<PackMatcher> {
  const use = async (data: unknown) => {
    // Parsing the copy and restoring the matcher is work the page's first pass causes, done between its
    // slices: measured (`factcontext:matcher-load`, up to the matcher's first wait, if it has one), so that
    // the benchmark counts it with the scan's busy time.
    const start = performance.now();
    let made: Matcher | Promise<Matcher>;
    let bundled: BundledPack;
    try {
      bundled = parseBundledPack(data, sources.id);
      made = sources.makeMatcher(bundled);
    } finally {
      measureSince('factcontext:matcher-load', start, null);
    }
    return { pack: bundled.pack, matcher: await made };
  };
  try {
    return await use(await sources.stored());
  } catch (err) {
    // None yet, or the last build's, is the normal course after an install or update.
    if (!(err instanceof BundledPackError && err.problem !== 'damaged'))
      console.warn('factcontext: the stored copy of the bundled pack is unusable; asking for a fresh one', err);
  }
  return use(await sources.ask());
}

/**
 * The bundled pack's matching for a page: its sieve, which the content script carries, and the pack and its
 * matcher, loaded (once) only when `load` is called, which the page engine does when the sieve finds a place
 * in the page's text. Without a sieve, the pack and matcher are loaded at once (`loaded`).
 */
export interface BundledMatching {
  sieve: RegExp | null;
  loaded: PackMatcher | null;
  load(): Promise<PackMatcher>;
}

/**
 * The bundled pack's matching with `sieve` (null: the pack has none, and is loaded at once). The copy's
 * read (`sources.stored`) may be under way already: the content script starts it as it begins when the
 * page's title has a place (src/content/page-load-reads.ts). Throws when the pack is needed at
 * once and cannot be loaded.
 */
export async function loadBundledMatching(
  sources: BundledPackSources & { sieve: RegExp | null },
): Promise<BundledMatching> {
  let loading: Promise<PackMatcher> | null = null;
  const load = () => (loading ??= loadBundledPack(sources));
  if (sources.sieve) return { sieve: sources.sieve, loaded: null, load };
  const loaded = await load();
  return { sieve: null, loaded, load };
}
