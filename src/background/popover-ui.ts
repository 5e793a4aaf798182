import { browser } from 'wxt/browser';

/** The popover's script as the build writes it (entrypoints/popover-ui.ts). */
export const POPOVER_UI_FILE = '/popover-ui.js';

/**
 * Injects the popover's script into one frame of a tab, the one whose content script asked for it
 * (src/content/popover-ui.ts). Scripts injected by the extension run in the world of its content scripts.
 * Firefox's Manifest V2 build has no `scripting` API: `tabs.executeScript` does the same there.
 */
export async function injectPopoverUi(tabId: number, frameId: number): Promise<void> {
  const scripting = (browser as { scripting?: typeof browser.scripting }).scripting;
  if (scripting?.executeScript) {
    await scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [POPOVER_UI_FILE] });
    return;
  }
  await browser.tabs.executeScript(tabId, { file: POPOVER_UI_FILE, frameId, matchAboutBlank: true });
}
