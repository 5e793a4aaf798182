// First: starts the storage reads while the rest of the bundle is evaluated.
import { pageLoadReads } from '../src/content/page-load-reads';
import { index as bundledIndex, pack as bundledPack } from 'virtual:factcontext/bundled-pack';
import { startContent } from '../src/content';
import { mark } from '../src/content/engine';
import { createMatcher, type Matcher } from '../src/core/match';
import { matcherFromPrecompiled } from '../src/core/match/precompiled';
import type { Pack } from '../src/core/pack/schema';
import { loadActivePack } from '../src/storage/load-active-pack';

/** The bundled pack's matcher from its build-time index; compiling on the spot only if that fails. */
function bundledMatcher(): Matcher {
  try {
    return matcherFromPrecompiled(bundledIndex, bundledPack);
  } catch (err) {
    console.error('factcontext: the precompiled pack index is unusable; compiling the pack', err);
    return createMatcher(bundledPack);
  }
}

export default defineContentScript({
  matches: ['<all_urls>'],
  // As soon as the DOM is parsed (the engine never changes it, and keeps up with later changes itself).
  runAt: 'document_end',
  // Every frame runs its own copy: same-origin iframes, and about:blank/srcdoc frames written by the page.
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'ui',
  // WXT's legacy "script started" window.postMessage reached the page's own message listeners (and cost
  // 14–18 ms at start-up here); the custom DOM event WXT also sends does the same job unseen by the page.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // The storage reads (the site's settings and the enabled packs) started while this bundle was being
    // evaluated. While storage answers, the bundled pack's matcher is rebuilt from its index: that is the
    // pack almost every reader uses; any other (imported, merged, fewer languages) is compiled once known.
    const reads = pageLoadReads;
    reads.settings.then(
      () => mark('factcontext:settings-read'),
      () => {},
    );
    const activePack = loadActivePack(() => bundledPack, reads);
    const matcher = bundledMatcher();
    mark('factcontext:matcher-ready');
    void activePack.then((pack: Pack | null) => {
      mark('factcontext:pack-read');
      if (!pack) return;
      return startContent(ctx, pack, pack === bundledPack ? matcher : createMatcher(pack), reads.settings);
    });
  },
});
