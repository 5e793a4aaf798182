/**
 * How a script the background injects into a frame on request (entrypoints/popover-ui.ts,
 * entrypoints/variant-confirm.ts) hands what it brings to the content script that asked for it: both run in
 * the extension's isolated world of the frame and share its global object, which the page cannot see. A
 * module of its own, so that an injected script carries nothing else.
 */
export const POPOVER_UI_SLOT = '__factcontextPopoverUi';
export const VARIANT_CONFIRM_SLOT = '__factcontextVariantConfirm';
type Slot = typeof POPOVER_UI_SLOT | typeof VARIANT_CONFIRM_SLOT;

/** Called by an injected script: leaves `value` in `slot` for the content script. */
export function provideToContentScript(slot: Slot, value: unknown): void {
  (globalThis as Record<string, unknown>)[slot] = value;
}

/**
 * Has `inject` inject a script and takes what it left in `slot` (undefined: nothing), leaving the slot empty.
 * What was there before is dropped first: an earlier content script's, left behind by an extension reloaded or
 * updated while the page stayed open. Rejects when the injection does.
 */
export async function injectAndTake(slot: Slot, inject: () => Promise<unknown>): Promise<unknown> {
  const world = globalThis as Record<string, unknown>;
  delete world[slot];
  await inject();
  const value = world[slot];
  delete world[slot];
  return value;
}
