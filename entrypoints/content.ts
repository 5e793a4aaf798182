// First: starts the page-load storage reads (and, where the page's title has a place, the read of the
// pack's copy), so that they are answered while the rest is evaluated.
import { bundledSieve, pageLoadReads } from '../src/content/page-load-reads';
import { BUNDLED_PACK_DATA_ID, BUNDLED_PACK_ID } from 'virtual:factcontext/bundled-pack-id';
import { startPageLoad } from '../src/content';
import { loadBundledMatching, type BundledMatching } from '../src/content/bundled-pack';
import { whenDocumentHasText } from '../src/content/text-arrival';
import { mark } from '../src/content/engine';
import type { Matcher } from '../src/core/match/types';
import {
  matcherFromPrecompiledParts,
  precompiledHasTypoWords,
  type PrecompiledBody,
  type PrecompiledIndexHead,
} from '../src/core/match/precompiled';
import { compiledMatcherForPage, loadVariantConfirm } from '../src/content/variant-confirm';
import { sendToBackground } from '../src/messaging';
import { choosePacks } from '../src/storage/load-active-pack';

/** Has the background inject the typo scorer into this frame (src/content/variant-confirm.ts). */
const injectVariantConfirm = () => sendToBackground({ type: 'variant-confirm' });

/**
 * The bundled pack's matcher from its build-time index's head, which reads the copy's body (the pack and
 * the anchor tables) when a block first needs it; compiling the pack on the spot only if the head is
 * unusable. The typo scorer is loaded with the body if the pack has words for it (the bundled pack has
 * none: it writes long words as stems).
 */
async function bundledMatcher(head: PrecompiledIndexHead, loadBody: () => Promise<PrecompiledBody>): Promise<Matcher> {
  const bodyWithScorer = async () => {
    const body = await loadBody();
    if (precompiledHasTypoWords({ fuzzy: head.fuzzy, tables: body.tables }))
      await loadVariantConfirm(injectVariantConfirm);
    return body;
  };
  try {
    return matcherFromPrecompiledParts(head, bodyWithScorer, (err) =>
      console.error('factcontext: part of the precompiled pack index is unusable; compiling the pack', err),
    );
  } catch (err) {
    console.error('factcontext: the precompiled pack index is unusable; compiling the pack', err);
    return compiledMatcherForPage((await loadBody()).pack, {}, injectVariantConfirm);
  }
}

export default defineContentScript({
  matches: ['<all_urls>'],
  // As soon as the DOM is parsed (the engine never changes it, and keeps up with later changes itself).
  runAt: 'document_end',
  // Every frame runs its own copy: same-origin iframes, and about:blank/srcdoc frames written by the page.
  allFrames: true,
  matchAboutBlank: true,
  // The popover's stylesheet comes with its code (src/ui/popover/styles.ts); there is no CSS file to load.
  cssInjectionMode: 'manual',
  // WXT's legacy "script started" window.postMessage reached the page's own message listeners (and cost
  // 14–18 ms at start-up here); the custom DOM event WXT also sends does the same job unseen by the page.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // The storage reads (the site's settings and the enabled packs) were started as this bundle began to be
    // evaluated. The first scan starts hidden with the bundled pack's sieve, which this script carries,
    // without waiting for the settings; the pack's copy is read, and its matcher rebuilt from the build-time
    // index, only if the sieve finds a place in the page's title or text (src/content/index.ts).
    const reads = pageLoadReads;
    reads.settings.then(
      () => mark('factcontext:settings-read'),
      () => {},
    );
    // A frame without text (an ad's or a tracker's, most often) waits for some before doing anything more.
    // The top frame always starts: it answers the toolbar and the keyboard commands.
    if (window !== window.top) {
      const text = whenDocumentHasText(document);
      ctx.onInvalidated(text.stop);
      if (text.waiting) mark('factcontext:frame-waits-for-text');
      await text.ready;
      if (ctx.isInvalid) return;
    }
    let bundled: BundledMatching;
    try {
      bundled = await loadBundledMatching({
        id: BUNDLED_PACK_DATA_ID,
        sieve: bundledSieve,
        stored: reads.bundledPack,
        storedBody: reads.bundledPackBody,
        ask: () => sendToBackground({ type: 'bundled-pack' }),
        makeMatcher: bundledMatcher,
      });
    } catch (err) {
      console.error('factcontext: the bundled pack could not be loaded; nothing is highlighted on this page', err);
      return;
    }
    mark(bundled.loaded ? 'factcontext:matcher-ready' : 'factcontext:sieve-ready');
    if (ctx.isInvalid) return;
    return startPageLoad(ctx, bundled, choosePacks(BUNDLED_PACK_ID, reads), reads, injectVariantConfirm);
  },
});
