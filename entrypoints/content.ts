import { parsePack } from '../src/core/pack/validate';
import packJson from '../packs/belarus-ukraine-troubled-period.json?raw';
import { startContent } from '../src/content';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  main(ctx) {
    void startContent(ctx, parsePack(packJson));
  },
});
