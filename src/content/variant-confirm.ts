import type { Pack } from '../core/pack/schema';
import { compilePack } from '../core/match/compile';
import { useVariantConfirm, variantConfirmGiven, type VariantConfirm } from '../core/match/fuzzy';
import { matcherFromCompiled, type MatcherOptions } from '../core/match/matcher';
import type { Matcher } from '../core/match/types';
import { injectAndTake, VARIANT_CONFIRM_SLOT } from './injected-slot';

/**
 * The typo stage's scorer (fuse.js, 26 kB) is not part of the content script, which is compiled on every page
 * load, in every frame: it only scores page words one edit from a long pattern word, and the bundled pack
 * has no such word. For a pack that has some, the background injects it (`entrypoints/variant-confirm.ts`)
 * into the frame before the pack is matched; it joins the content script's isolated world and leaves the
 * scorer on that world's global object, out of the page's reach (injected-slot.ts).
 */

/**
 * Has `inject` inject the scorer into this world and gives it to the typo stage, once per content script.
 * Never throws: without the scorer, a word one edit from a pattern word is taken as it is (fuzzy.ts), so a
 * failed injection costs a rare false variant, not the page's matches.
 */
export async function loadVariantConfirm(inject: () => Promise<unknown>): Promise<boolean> {
  if (variantConfirmGiven()) return true;
  let confirm: unknown;
  try {
    confirm = await injectAndTake(VARIANT_CONFIRM_SLOT, inject);
  } catch (err) {
    console.warn('factcontext: the typo scorer could not be loaded on this page', err);
    return false;
  }
  if (typeof confirm !== 'function') {
    console.warn('factcontext: the typo scorer did not load on this page');
    return false;
  }
  useVariantConfirm(confirm as VariantConfirm);
  return true;
}

/** A matcher for a pack compiled on the page, with the typo scorer loaded first when the pack needs it. */
export async function compiledMatcherForPage(
  pack: Pack,
  options: MatcherOptions,
  inject: () => Promise<unknown>,
): Promise<Matcher> {
  const compiled = compilePack(pack, options);
  if (compiled.fuzzy) await loadVariantConfirm(inject);
  return matcherFromCompiled(compiled, options);
}
