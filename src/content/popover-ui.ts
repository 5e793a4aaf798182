import { injectAndTake, POPOVER_UI_SLOT, provideToContentScript } from './injected-slot';
import type { createPopoverHost } from './popover-host';

/**
 * The popover's code (Preact, floating-ui, the popover and its host: a third of the page-side code) is
 * not part of the content script. A content script is compiled on every page load, in every frame, on the
 * page's main thread, and most pages never show a highlight. The background injects it
 * (`entrypoints/popover-ui.ts`) into a frame that has something to hover, where it joins the content
 * script's own isolated world and leaves its entry points on that world's global object, out of the
 * page's reach (injected-slot.ts).
 */
export interface PopoverUi {
  createPopoverHost: typeof createPopoverHost;
}

/** Called by the injected popover script. */
export function providePopoverUi(ui: PopoverUi): void {
  provideToContentScript(POPOVER_UI_SLOT, ui);
}

/**
 * Has `inject` inject the popover's code into this world and returns it. Each content script injects its
 * own copy, even when the world's global already holds one: that could be an earlier instance's, left
 * behind by an extension that was reloaded or updated while the page stayed open (`injectAndTake`).
 */
export async function loadPopoverUi(inject: () => Promise<unknown>): Promise<PopoverUi> {
  const ui = (await injectAndTake(POPOVER_UI_SLOT, inject)) as Partial<PopoverUi> | undefined;
  if (!ui || typeof ui.createPopoverHost !== 'function') throw new Error('the popover script did not load');
  return ui as PopoverUi;
}
