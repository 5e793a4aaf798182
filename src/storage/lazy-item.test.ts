import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lazyItem } from './lazy-item';

beforeEach(() => fakeBrowser.reset());

/** Counts storage reads per area from now on. */
function countReads(): Record<'local' | 'sync', number> {
  const reads = { local: 0, sync: 0 };
  for (const area of ['local', 'sync'] as const) {
    const storageArea = fakeBrowser.storage[area] as unknown as { get(...args: unknown[]): Promise<unknown> };
    const get = storageArea.get.bind(storageArea);
    storageArea.get = (...args) => {
      reads[area]++;
      return get(...args);
    };
  }
  return reads;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('storage items defined on first use', () => {
  it('are defined once, on the first call', () => {
    const define = vi.fn(() => ({ item: 1 }));
    const item = lazyItem(define);
    expect(define).not.toHaveBeenCalled();
    expect(item()).toBe(item());
    expect(define).toHaveBeenCalledTimes(1);
  });

  it('cost a page load no storage read until the settings store, packs, reports or notices are used', async () => {
    const reads = countReads();
    vi.resetModules();
    const { createSettingsStore } = await import('./store');
    const packs = await import('./packs');
    const reports = await import('./reports');
    await import('./notices');
    const store = createSettingsStore();
    await settle();
    expect(reads).toEqual({ local: 0, sync: 0 });

    await store.getPreferences();
    expect(reads.sync).toBeGreaterThan(0);
    expect(reads.local).toBe(0);
    await packs.getImportedPacks();
    await reports.getReports();
    expect(reads.local).toBeGreaterThan(0);
  });
});
