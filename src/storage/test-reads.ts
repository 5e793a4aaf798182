import { fakeBrowser } from 'wxt/testing/fake-browser';

type Area = 'local' | 'sync' | 'session';

/** For tests: the keys of every `storage.local`, `storage.sync` and `storage.session` read of the fake browser from now on. */
export function recordStorageReads(): Record<Area, unknown[]> {
  const reads: Record<Area, unknown[]> = { local: [], sync: [], session: [] };
  for (const area of ['local', 'sync', 'session'] as const) {
    const storageArea = fakeBrowser.storage[area] as unknown as { get(keys?: unknown): Promise<unknown> };
    const get = storageArea.get.bind(storageArea);
    storageArea.get = (keys) => {
      reads[area].push(keys);
      return get(keys);
    };
  }
  return reads;
}
