import { browser } from 'wxt/browser';

/** The popover's script as the build writes it (entrypoints/popover-ui.ts). */
export const POPOVER_UI_FILE = '/popover-ui.js' as const;
/** The typo scorer's script as the build writes it (entrypoints/variant-confirm.ts). */
export const VARIANT_CONFIRM_FILE = '/variant-confirm.js' as const;
/** The scripts injected into frames on request. */
export type FrameScript = typeof POPOVER_UI_FILE | typeof VARIANT_CONFIRM_FILE;

/**
 * Injects the popover's script into one frame of a tab, the one whose content script asked for it
 * (src/content/popover-ui.ts). Scripts injected by the extension run in the world of its content scripts.
 * Firefox's Manifest V2 build has no `scripting` API: `tabs.executeScript` does the same there.
 */
export function injectPopoverUi(tabId: number, frameId: number): Promise<void> {
  return injectIntoFrame(tabId, frameId, POPOVER_UI_FILE);
}

/** Injects one of the extension's scripts into one frame of a tab, in the world of its content scripts. */
export async function injectIntoFrame(tabId: number, frameId: number, file: FrameScript): Promise<void> {
  const scripting = (browser as { scripting?: typeof browser.scripting }).scripting;
  if (scripting?.executeScript) {
    await scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
    return;
  }
  await browser.tabs.executeScript(tabId, { file, frameId, matchAboutBlank: true });
}
