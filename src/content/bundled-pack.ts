import type { Matcher } from '../core/match';
import type { Pack } from '../core/pack/schema';
import { BundledPackError, parseBundledPack, type BundledPack } from '../storage/bundled-pack';

export interface BundledPackSources {
  /** This build's id for the bundled pack data. */
  id: string;
  /** The copy in storage, as the page load read it (see storage/page-load.ts). */
  stored: Promise<unknown>;
  /** Asks the background for this build's copy (which it also stores for the next page). */
  ask: () => Promise<unknown>;
  /** The matcher for a pack and its precompiled index (it may compile the pack instead). */
  makeMatcher: (bundled: BundledPack) => Matcher | Promise<Matcher>;
}

/**
 * The bundled pack and its matcher for this page load, from the stored copy when it is this build's and
 * usable, else from the background: the first pages after an install or update can come before the
 * background has stored the new copy, and a damaged copy is replaced, not used. Throws when neither works.
 */
export async function loadBundledPack(sources: BundledPackSources): Promise<{ pack: Pack; matcher: Matcher }> {
  const use = async (data: unknown) => {
    const bundled = parseBundledPack(data, sources.id);
    return { pack: bundled.pack, matcher: await sources.makeMatcher(bundled) };
  };
  try {
    return await use(await sources.stored);
  } catch (err) {
    // None yet, or the last build's, is the normal course after an install or update.
    if (!(err instanceof BundledPackError && err.problem !== 'damaged'))
      console.warn('factcontext: the stored copy of the bundled pack is unusable; asking for a fresh one', err);
  }
  return use(await sources.ask());
}
