import { fakeBrowser } from 'wxt/testing/fake-browser';

/** For tests: the keys of every `storage.local` and `storage.sync` read of the fake browser from now on. */
export function recordStorageReads(): Record<'local' | 'sync', unknown[]> {
  const reads: Record<'local' | 'sync', unknown[]> = { local: [], sync: [] };
  for (const area of ['local', 'sync'] as const) {
    const storageArea = fakeBrowser.storage[area] as unknown as { get(keys?: unknown): Promise<unknown> };
    const get = storageArea.get.bind(storageArea);
    storageArea.get = (keys) => {
      reads[area].push(keys);
      return get(keys);
    };
  }
  return reads;
}
