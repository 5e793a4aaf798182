import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Area = 'local' | 'sync' | 'session';

/**
 * For tests: the keys of every `storage.local`, `storage.sync` and `storage.session` read of the fake browser
 * from now on.
 */
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

type SetAccessLevel = ReturnType<typeof vi.fn>;

/**
 * For tests: gives the fake browser's session area the `setAccessLevel` a real one has (the fake has none),
 * so that the bundled pack's copy is kept there; `revokeSessionAccessLevel` takes it away again.
 */
export function grantSessionAccessLevel(): { setAccessLevel: SetAccessLevel } {
  const session = fakeBrowser.storage.session as unknown as { setAccessLevel?: SetAccessLevel };
  session.setAccessLevel = vi.fn(async () => {});
  return session as { setAccessLevel: SetAccessLevel };
}

export function revokeSessionAccessLevel(): void {
  delete (fakeBrowser.storage.session as unknown as { setAccessLevel?: unknown }).setAccessLevel;
}
