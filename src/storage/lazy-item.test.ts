import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lazyItem } from './lazy-item';
import { recordStorageReads } from './test-reads';

beforeEach(() => fakeBrowser.reset());

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
    const reads = recordStorageReads();
    vi.resetModules();
    const { createSettingsStore } = await import('./store');
    const packs = await import('./packs');
    const reports = await import('./reports');
    await import('./notices');
    const store = createSettingsStore();
    await settle();
    expect(reads).toEqual({ local: [], sync: [], session: [] });

    await store.getPreferences();
    expect(reads.sync.length).toBeGreaterThan(0);
    expect(reads.local).toEqual([]);
    await packs.getImportedPacks();
    await reports.getReports();
    expect(reads.local.length).toBeGreaterThan(0);
  });
});
