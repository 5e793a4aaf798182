import type { VariantConfirm } from '../core/match/fuzzy';

/**
 * Where the injected typo scorer (entrypoints/variant-confirm.ts) leaves itself for the content script
 * (variant-confirm.ts): the global object of the extension's isolated world, which the page cannot see. A
 * module of its own, so that the injected script carries nothing else.
 */
const SLOT = '__factcontextVariantConfirm';
type WithSlot = typeof globalThis & { [SLOT]?: VariantConfirm };

/** Called by the injected script. */
export function provideVariantConfirm(confirm: VariantConfirm): void {
  (globalThis as WithSlot)[SLOT] = confirm;
}

/** The scorer left in the slot, if any, which is emptied. */
export function takeProvidedVariantConfirm(): VariantConfirm | undefined {
  const slot = globalThis as WithSlot;
  const confirm = slot[SLOT];
  delete slot[SLOT];
  return confirm;
}
