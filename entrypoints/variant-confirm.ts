// The typo stage's scorer (fuse.js), injected by the background into a frame whose pack needs it
// (src/content/variant-confirm.ts).
import { fuseConfirm } from '../src/core/match/fuse-confirm';
import { provideToContentScript, VARIANT_CONFIRM_SLOT } from '../src/content/injected-slot';

export default defineUnlistedScript(() => {
  provideToContentScript(VARIANT_CONFIRM_SLOT, fuseConfirm);
});
