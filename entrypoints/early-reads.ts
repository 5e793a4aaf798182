import { startEarlyReads, type StorageAreas } from '../src/storage/early-reads';

// Starts the page-load storage reads as the document begins to load; the main content script (run once
// the HTML is parsed) takes the answers instead of waiting a round trip for them. Declared as a
// document_start content script in wxt.config.ts. Kept tiny, as it is compiled and run in every frame
// before the page's own HTML is parsed: an unlisted script (no content-script runtime) that uses the
// browser's own `browser` (Firefox) or `chrome` (Chromium, promise-based in MV3) namespace.
export default defineUnlistedScript(() => {
  const api = globalThis as unknown as { browser?: { storage?: StorageAreas }; chrome?: { storage?: StorageAreas } };
  const areas = api.browser?.storage ?? api.chrome?.storage;
  if (areas) startEarlyReads(areas, globalThis, window === window.top);
});
