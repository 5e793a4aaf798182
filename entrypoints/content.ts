import { startContent } from '../src/content';
import { loadActivePack } from '../src/storage/active-packs';

export default defineContentScript({
  matches: ['<all_urls>'],
  // As soon as the DOM is parsed (the engine never changes it, and keeps up with later changes itself).
  runAt: 'document_end',
  // Every frame runs its own copy: same-origin iframes, and about:blank/srcdoc frames written by the page.
  allFrames: true,
  matchAboutBlank: true,
  cssInjectionMode: 'ui',
  main(ctx) {
    // The enabled packs from storage (imported ones validated again), else the bundled pack.
    void loadActivePack().then((pack) => pack && startContent(ctx, pack));
  },
});
