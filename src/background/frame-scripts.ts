import { browser } from 'wxt/browser';

/** The popover's script as the build writes it (entrypoints/popover-ui.ts). */
export const POPOVER_UI_FILE = '/popover-ui.js' as const;
/** The typo scorer's script as the build writes it (entrypoints/variant-confirm.ts). */
export const VARIANT_CONFIRM_FILE = '/variant-confirm.js' as const;
/** The scripts injected into frames on request. */
export type FrameScript = typeof POPOVER_UI_FILE | typeof VARIANT_CONFIRM_FILE;

/**
 * Injects one of these scripts into one frame of a tab, in the world of the extension's content scripts: the
 * frame whose content script asked for it (src/content/popover-ui.ts, src/content/variant-confirm.ts).
 * Firefox's Manifest V2 build has no `scripting` API: `tabs.executeScript` does the same there.
 */
export async function injectIntoFrame(tabId: number, frameId: number, file: FrameScript): Promise<void> {
  const scripting = (browser as { scripting?: typeof browser.scripting }).scripting;
  if (scripting?.executeScript) {
    await scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
    return;
  }
  await browser.tabs.executeScript(tabId, { file, frameId, matchAboutBlank: true });
}

/** Injects a script into the frame a message came from; a sender outside a tab (an extension page) has none. */
export async function injectIntoSender(
  sender: { tab?: { id?: number }; frameId?: number },
  file: FrameScript,
): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error(`${file} was asked for outside a tab`);
  await injectIntoFrame(tabId, sender.frameId ?? 0, file);
}
