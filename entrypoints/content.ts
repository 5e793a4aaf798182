import { startContent } from '../src/content';
import { createMatcher } from '../src/core/match';
import { bundledPacks, loadActivePack } from '../src/storage/active-packs';

export default defineContentScript({
  matches: ['<all_urls>'],
  // As soon as the DOM is parsed (the engine never changes it, and keeps up with later changes itself).
  runAt: 'document_end',
  // Every frame runs its own copy: same-origin iframes, and about:blank/srcdoc frames written by the page.
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'ui',
  main(ctx) {
    // The enabled packs from storage (imported ones validated again), else the bundled pack. While storage
    // answers, compile the bundled pack, which is what almost every reader uses: the two overlap.
    const activePack = loadActivePack();
    const bundled = bundledPacks()[0];
    const bundledMatcher = bundled ? createMatcher(bundled) : null;
    void activePack.then((pack) => {
      if (!pack) return;
      const matcher = pack === bundled && bundledMatcher ? bundledMatcher : createMatcher(pack);
      return startContent(ctx, pack, matcher);
    });
  },
});
