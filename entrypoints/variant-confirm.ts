// The typo stage's scorer (fuse.js), injected by the background into a frame whose pack needs it
// (src/content/variant-confirm.ts).
import { fuseConfirm } from '../src/core/match/fuse-confirm';
import { provideVariantConfirm } from '../src/content/variant-confirm-slot';

export default defineUnlistedScript(() => {
  provideVariantConfirm(fuseConfirm);
});
