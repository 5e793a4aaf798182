// Helpers for `npm start` without a display: the e2e harness, plus a summary of what a tab found.
import type { Page } from 'puppeteer-core';
import { launchWithExtension as launch, type LoadedExtension } from '../../tests/e2e/harness/extension';

export { listHighlights, waitForHighlights, hoverHighlight, waitForPopover } from '../../tests/e2e/harness/page';
export { popoverSettled } from '../../tests/e2e/harness/popover';

export function launchWithExtension(options: { chromePath: string; extensionDir: string }): Promise<LoadedExtension> {
  process.env.CHROME_PATH = options.chromePath;
  return launch({ extensionDir: options.extensionDir });
}

interface ChromeTabs {
  tabs: {
    query(filter: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
}

/** The narrative ids the extension found on a page, asked of its content script through the background. */
export async function pageSummary(ext: LoadedExtension, page: Page): Promise<string[]> {
  const url = page.url();
  const ids = await ext.serviceWorker.evaluate(async (pageUrl: string) => {
    // Runs in the extension's service worker, where `chrome` is the extension API.
    const chrome = (globalThis as unknown as { chrome: ChromeTabs }).chrome;
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === pageUrl);
    if (tab?.id === undefined) return [];
    try {
      // The same `get-summary` message the popup sends (src/messaging).
      const reply = (await chrome.tabs.sendMessage(tab.id, { type: 'get-summary' })) as
        { narratives?: { id: string }[] } | undefined;
      return (reply?.narratives ?? []).map((n) => n.id);
    } catch {
      return [];
    }
  }, url);
  return ids;
}
