// First: takes the storage reads started at document_start (or starts them while the rest is evaluated).
import { pageLoadReads } from '../src/content/page-load-reads';
import { index as bundledIndex, pack as bundledPack } from 'virtual:factcontext/bundled-pack';
import { startPageLoad } from '../src/content';
import { mark } from '../src/content/engine';
import { createMatcher, type Matcher } from '../src/core/match';
import { matcherFromPrecompiled } from '../src/core/match/precompiled';
import { loadActivePack } from '../src/storage/load-active-pack';

/** The bundled pack's matcher from its build-time index; compiling on the spot only if that fails. */
function bundledMatcher(): Matcher {
  try {
    return matcherFromPrecompiled(bundledIndex, bundledPack, (err) =>
      console.error('factcontext: part of the precompiled pack index is unusable; compiling the pack', err),
    );
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
    // The storage reads (the site's settings and the enabled packs) were started as the document began to
    // load (entrypoints/early-reads.ts), or else while this bundle was being evaluated. The bundled pack's
    // matcher is rebuilt from its build-time index meanwhile, and the first scan starts hidden without
    // waiting for them (src/content/index.ts).
    const reads = pageLoadReads;
    reads.settings.then(
      () => mark('factcontext:settings-read'),
      () => {},
    );
    const activePack = loadActivePack(() => bundledPack, reads);
    const matcher = bundledMatcher();
    mark('factcontext:matcher-ready');
    return startPageLoad(ctx, { pack: bundledPack, matcher }, activePack, reads.settings);
  },
});
