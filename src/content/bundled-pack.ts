import type { Matcher } from '../core/match';
import type { PrecompiledBody, PrecompiledIndexHead } from '../core/match/precompiled';
import type { Pack } from '../core/pack/schema';
import { BundledPackError, parseBundledBody, parseBundledHead } from '../storage/bundled-pack';
import { mark, measureSince } from './mark';

export interface BundledPackSources {
  /** This build's id for the bundled pack data. */
  id: string;
  /** Reads the stored copy's head, as stored (see storage/page-load.ts). */
  stored: () => Promise<unknown>;
  /** Reads the stored copy's body, as stored. */
  storedBody: () => Promise<unknown>;
  /** Asks the background for this build's copy, whole (which it also stores for the next page). */
  ask: () => Promise<unknown>;
  /**
   * The matcher for the index's head, which calls `body` when a block first needs the pack and the anchor
   * tables (it may compile the pack instead, when the head is unusable).
   */
  makeMatcher: (head: PrecompiledIndexHead, body: () => Promise<PrecompiledBody>) => Matcher | Promise<Matcher>;
}

/** A pack and the matcher made for it. */
export interface PackMatcher {
  matcher: Matcher;
  /**
   * The pack. Where it comes with the matcher's body, it is in once the matcher has needed that body, as
   * anything it matched did; asked for before, it throws.
   */
  readonly pack: Pack;
  /** The pack, its body loaded first if need be. */
  loadPack(): Promise<Pack>;
}

/**
 * The bundled pack and its matcher for this page load, from the stored copy when it is this build's and
 * usable, else from the background: the first pages after an install or update can come before the
 * background has stored the new copy, and a damaged copy is replaced, not used. The copy's head is loaded
 * at once, its body only when the matcher needs it (or the pack is asked for). Throws when the head cannot
 * be loaded either way; a body that cannot be is reported, and leaves the blocks that needed it unmatched.
 */
export async function loadBundledPack(sources: BundledPackSources): Promise<PackMatcher> {
  let asked: Promise<unknown> | null = null;
  const ask = () => (asked ??= sources.ask());
  // Parsing the copy and restoring the matcher is work the page's first pass causes, done between its
  // slices: measured (`factcontext:matcher-load`, up to the matcher's first wait, if it has one), so that
  // the benchmark counts it with the scan's busy time. Parsing the body, when it comes, is measured too.
  const measured = <T>(work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      measureSince('factcontext:matcher-load', start, null);
    }
  };
  /** One part of the copy: from storage, unless the background has been asked already; else from it. */
  const fromStorageOrAsk = async <T>(stored: () => Promise<unknown>, use: (data: unknown) => T): Promise<T> => {
    if (!asked) {
      try {
        const data = await stored();
        return measured(() => use(data));
      } catch (err) {
        // None yet, or the last build's, is the normal course after an install or update.
        if (!(err instanceof BundledPackError && err.problem !== 'damaged'))
          console.warn('factcontext: the stored copy of the bundled pack is unusable; asking for a fresh one', err);
      }
    }
    const data = await ask();
    return measured(() => use(data));
  };

  let body: PrecompiledBody | null = null;
  let bodyLoad: Promise<PrecompiledBody> | null = null;
  const loadBody = () =>
    (bodyLoad ??= fromStorageOrAsk(sources.storedBody, (data) => parseBundledBody(data, sources.id)).then(
      (loaded) => {
        mark('factcontext:body-ready');
        return (body = loaded);
      },
      (err: unknown) => {
        console.error('factcontext: the bundled pack’s body could not be loaded; nothing is matched', err);
        throw err;
      },
    ));
  const matcher = await fromStorageOrAsk(sources.stored, (data) =>
    sources.makeMatcher(parseBundledHead(data, sources.id), loadBody),
  );
  return {
    matcher: await matcher,
    get pack() {
      if (!body) throw new Error('the bundled pack is asked for before its body is loaded');
      return body.pack;
    },
    loadPack: () => loadBody().then((loaded) => loaded.pack),
  };
}

/**
 * The bundled pack's matching for a page: its sieve, which the content script carries, and the pack and its
 * matcher, loaded (once) only when `load` is called, which the page engine does when the sieve finds a place
 * in the page's text. Without a sieve, the pack and matcher are loaded at once (`loaded`, with its pack).
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
  // Without a sieve every block is matched: the body is needed at once.
  const loaded = await load();
  await loaded.loadPack();
  return { sieve: null, loaded, load };
}
